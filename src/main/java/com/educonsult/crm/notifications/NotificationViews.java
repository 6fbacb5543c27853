package com.educonsult.crm.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the API and the console show of notifications. */
public final class NotificationViews {

    private NotificationViews() {
    }

    @Schema(name = "Notification", description = "A notification of the user who reads it")
    public record NotificationView(UUID id, UUID userId,
            @Schema(allowableValues = {"lead_assigned", "new_inquiry", "follow_up_due", "follow_up_overdue",
                    "daily_digest", "sla_breach", "recording_failed", "announcement"}) String kind,
            String title, String body,
            @Schema(allowableValues = {"low", "normal", "high", "urgent"}) String priority,
            @Schema(description = "Where to go to act on it: a console path or an https address") String actionUrl,
            @Schema(description = "The record it is about, such as lead or task") String entityType, UUID entityId,
            boolean read, OffsetDateTime readAt, OffsetDateTime expiresAt, OffsetDateTime createdAt) {
    }

    @Schema(name = "NotificationKindPreference", description = "How one kind of notification reaches the user")
    public record KindPreference(String kind, @Schema(description = "What the kind is about") String label,
            boolean inApp, boolean push, boolean email) {
    }

    @Schema(name = "NotificationQuietHours", description = "Hours in the user's time zone when pushes and emails "
            + "wait (in-app notifications still arrive); may run past midnight, such as 22:00 to 07:00")
    public record QuietHoursView(@Schema(example = "22:00") String start, @Schema(example = "07:00") String end) {
    }

    @Schema(name = "NotificationPreferences", description = "The user's notification preferences")
    public record PreferencesView(List<KindPreference> kinds,
            @Schema(description = "null: no quiet hours") QuietHoursView quietHours,
            @Schema(description = "The time zone quiet hours are read in: the profile's, else the organization's",
                    example = "Asia/Kolkata") String timeZone) {
    }

    @Schema(name = "NotificationBroadcastResult", description = "How many users a broadcast reached")
    public record BroadcastView(@Schema(description = "Users in the audience") int recipients,
            @Schema(description = "Notifications written (one per recipient)") int notified) {
    }

    @Schema(name = "NotificationReadAllResult")
    public record ReadAllView(@Schema(description = "Notifications marked read") int marked) {
    }

    @Schema(name = "NotificationDelivery", description = "A push or email of a notification, for administrators")
    public record DeliveryView(UUID id, UUID notificationId, UUID userId, String userName, String channel,
            @Schema(allowableValues = {"pending", "failed", "sent", "recorded", "skipped", "dead"}) String status,
            int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, String lastError,
            @Schema(description = "What was sent, or would have been sent when no provider is configured")
            String payload, String title, OffsetDateTime createdAt) {
    }
}
