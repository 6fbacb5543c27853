package com.educonsult.crm.activities;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request bodies of the activity and interaction endpoints. */
final class ActivityRequests {

    static final String TYPES = "call|email|meeting|note|status_change|assignment|follow_up|whatsapp|sms|enquiry";
    static final String INTERACTION_TYPES = "call|email|meeting|note|follow_up|whatsapp|sms";
    static final String PRIORITIES = "low|medium|high|urgent";
    static final String STATUSES = "pending|completed|cancelled";
    static final String DIRECTIONS = "inbound|outbound";

    private ActivityRequests() {
    }

    /** Seed 02's log: status defaults to completed; pending marks a follow-up still to be done. */
    record Log(
            @NotNull UUID leadId,
            @NotBlank @Pattern(regexp = TYPES) String activityType,
            @NotBlank @Size(max = 10000) String description,
            @Size(max = 2000) String outcome,
            @PositiveOrZero Integer durationSeconds,
            OffsetDateTime occurredAt,
            OffsetDateTime nextFollowUpDate,
            @Pattern(regexp = PRIORITIES) String priority,
            @Pattern(regexp = STATUSES) String status,
            @Pattern(regexp = DIRECTIONS) String direction) {
    }

    /** Seed 03's interaction: something that happened on a channel, always completed. */
    record Interaction(
            @NotBlank @Pattern(regexp = INTERACTION_TYPES) String type,
            @Pattern(regexp = DIRECTIONS) String direction,
            @NotBlank @Size(max = 10000) String summary,
            @Size(max = 2000) String outcome,
            @PositiveOrZero Integer durationSeconds,
            OffsetDateTime occurredAt) {
    }

    record UpdateStatus(
            @NotNull UUID activityId,
            @NotBlank @Pattern(regexp = STATUSES) String status,
            @Size(max = 2000) String notes) {
    }

    record UpdateFollowUp(
            @NotNull UUID activityId,
            @NotNull OffsetDateTime nextFollowUpDate) {
    }

    record BulkUpdateFollowUps(
            @NotEmpty @Size(max = 500) List<@NotNull UUID> activityIds,
            @NotNull OffsetDateTime nextFollowUpDate) {
    }
}
