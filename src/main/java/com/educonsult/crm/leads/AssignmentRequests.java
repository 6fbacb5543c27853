package com.educonsult.crm.leads;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request bodies of the assignment endpoints. */
public final class AssignmentRequests {

    static final String STRATEGIES = "round_robin|least_loaded";
    static final String MODES = "off|" + STRATEGIES;
    public static final String PLATFORMS = "facebook|instagram|google_ads|website|portal|manual|import|referral|walk_in|whatsapp";

    private AssignmentRequests() {
    }

    /** Gives a lead to a user: {@code assign} when it has no owner, {@code reassign} when it has one. */
    record Assign(
            @NotNull UUID leadId,
            @NotNull UUID assignedTo,
            @Size(max = 500) String reason,
            @Size(max = 5000) String notes) {
    }

    record Unassign(
            @NotNull UUID leadId,
            @Size(max = 500) String reason,
            @Size(max = 5000) String notes) {
    }

    record BulkAssign(
            @NotNull @Pattern(regexp = STRATEGIES, message = "must be round_robin or least_loaded") String strategy,
            @Size(max = 200) List<@NotNull UUID> userIds,
            @Min(1) @Max(1000) Integer maxPerUser,
            @Valid LeadFilter filter,
            @Min(1) @Max(1000) Integer limit,
            @Size(max = 500) String reason) {

        int limitOrDefault() {
            return limit == null ? 1000 : limit;
        }

        LeadFilter filterOrDefault() {
            return filter == null ? new LeadFilter(null, null, null, null, null, null, null) : filter;
        }
    }

    /** Which leads a bulk assignment takes; absent parts do not filter. */
    record LeadFilter(
            @Size(max = 50) List<@NotNull UUID> statusIds,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> sources,
            @Size(max = 10) List<@NotNull @Pattern(regexp = PLATFORMS, message = "must be one of " + PLATFORMS) String> platforms,
            UUID branchId,
            OffsetDateTime createdFrom,
            OffsetDateTime createdTo,
            Boolean onlyUnassigned) {

        boolean unassignedOnly() {
            return onlyUnassigned == null || onlyUnassigned;
        }
    }

    /** How new leads are assigned. */
    public record Settings(
            @NotNull @Pattern(regexp = MODES, message = "must be off, round_robin or least_loaded") String mode,
            Boolean perBranch,
            @Size(max = 50) List<@NotNull @Valid Rule> rules) {
    }

    /** The users that take the new leads of one source or one platform. */
    public record Rule(
            @Size(max = 100) String source,
            @Pattern(regexp = PLATFORMS, message = "must be one of " + PLATFORMS) String platform,
            @NotEmpty @Size(max = 200) List<@NotNull UUID> userIds) {
    }
}
