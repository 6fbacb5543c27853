package com.educonsult.crm.platform;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the platform's own jobs and limits need to know of the organizations; answered by the identity module. */
public interface TenantDirectory {

    /** Every organization's id, for jobs that work organization by organization. */
    List<UUID> organizationIds();

    /** The organization's subscription plan (for example {@code trial}); empty for an unknown organization. */
    Optional<String> planOf(UUID organizationId);
}
