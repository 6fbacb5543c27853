package com.educonsult.crm.activities;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Request bodies of the task endpoints. */
public final class TaskRequests {

    static final String KINDS = "task|follow_up|call|meeting";
    static final String STATUSES = "open|completed|cancelled";

    private TaskRequests() {
    }

    public record Create(
            UUID leadId,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 5000) String description,
            @Pattern(regexp = KINDS) String kind,
            OffsetDateTime dueAt,
            UUID assigneeId,
            @Pattern(regexp = ActivityRequests.PRIORITIES) String priority) {
    }

    /** A change: absent fields stay as they are. Completing records the outcome on the lead's activities. */
    public record Update(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 300) String title,
            @Size(max = 5000) String description,
            @Pattern(regexp = KINDS) String kind,
            OffsetDateTime dueAt,
            UUID assigneeId,
            @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            @Pattern(regexp = STATUSES) String status,
            @Size(max = 2000) String outcome) {
    }
}
