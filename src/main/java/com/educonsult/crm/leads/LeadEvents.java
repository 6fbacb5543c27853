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
}
