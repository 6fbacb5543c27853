package com.educonsult.crm.leads;

import java.util.UUID;

/**
 * What happens to leads, for other modules (timeline, notifications, live updates). Published inside the
 * transaction of the change; a listener that must not lose one uses Spring Modulith's durable listeners.
 */
public final class LeadEvents {

    private LeadEvents() {
    }

    public record LeadCreated(UUID organizationId, UUID leadId, UUID byUserId, String platform, String source,
            UUID branchId) {
    }

    public record LeadUpdated(UUID organizationId, UUID leadId, UUID byUserId) {
    }

    /**
     * Someone who is already a lead enquired again (an ad form, a website form, a portal): the existing lead was
     * kept, its blank fields filled in. {@code matchedBy} is source_lead_id, phone, secondary_phone or email;
     * {@code filled} names the fields that were blank and are now set.
     */
    public record LeadEnquiredAgain(UUID organizationId, UUID leadId, String platform, String source,
            String matchedBy, java.util.List<String> filled) {
    }

    public record LeadDeleted(UUID organizationId, UUID leadId, UUID byUserId) {
    }

    public record LeadRestored(UUID organizationId, UUID leadId, UUID byUserId) {
    }

    public record LeadStatusChanged(UUID organizationId, UUID leadId, UUID fromStatusId, String fromStatus,
            UUID toStatusId, String toStatus, UUID byUserId, String notes) {
    }

    public record LeadAssigned(UUID organizationId, UUID leadId, UUID previousUserId, UUID assigneeId,
            UUID byUserId, String action, String reason) {
    }

    /** {@code mergedLeadId} was folded into {@code survivingLeadId} and deleted: move what points at it. */
    public record LeadsMerged(UUID organizationId, UUID survivingLeadId, UUID mergedLeadId, UUID byUserId) {
    }

    /**
     * A batch of an import was merged: {@code created} new leads and {@code updated} changed ones, written in bulk
     * (no {@link LeadCreated} or {@link LeadUpdated} per lead).
     */
    public record LeadsImported(UUID organizationId, UUID importId, UUID byUserId, int created, int updated) {
    }

    /** Many leads were given owners at once (an import's new leads), written in bulk; one entry per lead. */
    public record LeadsAssigned(UUID organizationId, java.util.List<LeadAssigned> assignments) {
    }

    /** An import was undone: the leads it created were removed and the changes it made reverted. */
    public record LeadImportUndone(UUID organizationId, UUID importId, UUID byUserId, int removed, int reverted) {
    }
}
