package com.educonsult.crm.leads;

import com.educonsult.crm.identity.UserSummary;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the assignment endpoints answer. */
public final class AssignmentViews {

    private AssignmentViews() {
    }

    /** A user named in an assignment; the name is null when the user has been deleted. */
    record UserRef(UUID id, String fullName, String email) {

        static UserRef of(UUID id, Map<UUID, UserSummary> users) {
            if (id == null) {
                return null;
            }
            UserSummary user = users.get(id);
            return user == null ? new UserRef(id, null, null) : new UserRef(id, user.fullName(), user.email());
        }
    }

    /** One change of a lead's owner. */
    record AssignmentView(UUID id, UUID leadId, String leadName, String action, UserRef assignedTo,
            UserRef previousAssignee, UserRef assignedBy, String strategy, String reason, String notes,
            OffsetDateTime createdAt) {
    }

    /** Who owns a lead now, since when, and who gave it to them. */
    record CurrentAssignment(UUID leadId, String leadName, UserRef assignedTo, OffsetDateTime assignedAt,
            UserRef assignedBy, String reason) {
    }

    record BulkAssigned(UUID leadId, UUID assignedTo) {
    }

    record BulkResult(String strategy, int totalAssigned, int leadsMatched, Map<UUID, Integer> perUser,
            List<BulkAssigned> assignments) {
    }

    public record UserWorkload(UUID id, String fullName, String email, UUID branchId, long assignedLeads,
            long activeLeads, long closedLeads) {
    }

    public record WorkloadStats(long unassignedLeads, List<UserWorkload> workloadDistribution, int totalUsers,
            BigDecimal averageLeadsPerUser) {
    }

    public record SettingsView(String mode, boolean perBranch, List<AssignmentRequests.Rule> rules,
            OffsetDateTime updatedAt) {
    }
}
