package com.educonsult.crm.activities;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** Request bodies of the note endpoints. */
public final class NoteRequests {

    static final String TYPES = "general|call|status_change|follow_up|important|meeting";

    private NoteRequests() {
    }

    public record Create(
            @Pattern(regexp = TYPES) String type,
            @NotBlank @Size(max = 20000) String content,
            @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            Boolean isPrivate,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            OffsetDateTime reminderAt) {
    }

    /** A change: absent fields stay as they are; {@code clear_reminder} removes the reminder and its follow-up. */
    record Update(
            @Pattern(regexp = TYPES) String type,
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 20000) String content,
            @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            Boolean isPrivate,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            OffsetDateTime reminderAt,
            Boolean clearReminder) {
    }
}
