package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of and tell about leads. Callers run inside a transaction of the organization. */
public interface LeadDirectory {

    /** The lead, when it exists, is not deleted and lies within the user's data scope; otherwise empty. */
    Optional<LeadSummary> findVisible(CurrentUser user, UUID leadId);

    /** The lead, when it exists and is not deleted, regardless of who asks (jobs, ingestion). */
    Optional<LeadSummary> find(UUID organizationId, UUID leadId);

    /** Sets the lead's next follow-up (the earliest open follow-up task), or clears it with null. */
    void setNextFollowUp(UUID organizationId, UUID leadId, OffsetDateTime nextFollowUp, String reminderNote);

    /** Records that someone was in touch with the lead at the given time (keeps the latest). */
    void recordContact(UUID organizationId, UUID leadId, OffsetDateTime at);

    /** Sets the lead's engagement: new, active, hot or inactive. */
    void setEngagement(UUID organizationId, UUID leadId, String engagement);
}
