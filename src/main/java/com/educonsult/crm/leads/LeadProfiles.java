package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A lead's profile for other modules. Callers run inside a transaction of the organization. */
public interface LeadProfiles {

    /** The lead's profile, when it exists, is not deleted and lies within the user's data scope; otherwise empty. */
    Optional<LeadProfile> findVisible(CurrentUser user, UUID leadId);

    /** {@link #findVisible(CurrentUser, UUID)} for many leads in one query: those that qualify, by id. */
    Map<UUID, LeadProfile> findVisible(CurrentUser user, Collection<UUID> leadIds);
}
