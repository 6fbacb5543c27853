package com.educonsult.crm.notifications;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A notification to write for one or more users.
 *
 * @param causeKey what caused it, such as {@code lead_assigned:<lead>:<assignment time>}: a user gets one
 *                 notification per cause however often the cause is seen
 * @param createdBy the user who sent it, or null for the system's triggers
 */
public record NewNotification(NotificationKind kind, String title, String body, String priority, String actionUrl,
        String entityType, UUID entityId, String causeKey, OffsetDateTime expiresAt, UUID createdBy) {

    public static NewNotification of(NotificationKind kind, String title, String body, String actionUrl,
            String entityType, UUID entityId, String causeKey) {
        return new NewNotification(kind, title, body, "normal", actionUrl, entityType, entityId, causeKey, null, null);
    }

    public NewNotification withPriority(String newPriority) {
        return new NewNotification(kind, title, body, newPriority, actionUrl, entityType, entityId, causeKey,
                expiresAt, createdBy);
    }
}
