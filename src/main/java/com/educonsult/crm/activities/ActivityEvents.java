package com.educonsult.crm.activities;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What happens to notes and tasks, for other modules (outgoing webhooks). Published inside the transaction of the
 * change, carrying what a listener needs so that it does not read the activities' tables.
 */
public final class ActivityEvents {

    private ActivityEvents() {
    }

    public record NoteCreated(UUID organizationId, UUID noteId, UUID leadId, UUID authorId, String type,
            String content, String priority, boolean isPrivate, UUID callId, OffsetDateTime createdAt) {
    }

    public record TaskCreated(UUID organizationId, UUID taskId, UUID leadId, String title, String kind,
            String priority, OffsetDateTime dueAt, UUID assigneeId, UUID createdBy, OffsetDateTime createdAt) {
    }

    public record TaskCompleted(UUID organizationId, UUID taskId, UUID leadId, String title, String kind,
            String outcome, UUID assigneeId, UUID completedBy, OffsetDateTime completedAt) {
    }
}
