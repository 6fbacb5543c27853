package com.educonsult.crm.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What clients send to the notifications API. */
public final class NotificationRequests {

    static final String PRIORITIES = "low|normal|high|urgent";
    static final String ACTION_URL = "^(/(?!/)[^\\s]*|https://[^\\s]+)$";
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    private NotificationRequests() {
    }

    @Schema(name = "SendNotification", description = "A notification to one user of the organization")
    public record Send(
            @NotNull UUID userId,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String body,
            @Schema(allowableValues = {"low", "normal", "high", "urgent"}, defaultValue = "normal")
            @Pattern(regexp = PRIORITIES, message = "must be low, normal, high or urgent") String priority,
            @Size(max = 2000) @Pattern(regexp = ACTION_URL,
                    message = "must be a console path such as /leads or an https address") String actionUrl,
            @Schema(description = "After this time it is no longer listed") OffsetDateTime expiresAt) {
    }

    @Schema(name = "BroadcastNotification", description = "A notification to everyone, a role or a branch")
    public record Broadcast(
            @NotNull @Schema(allowableValues = {"everyone", "role", "branch"})
            @Pattern(regexp = "everyone|role|branch", message = "must be everyone, role or branch") String audience,
            @Schema(description = "With audience role: the role's code, such as counselor")
            @Size(max = 50) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be a role code such as counselor")
            String role,
            @Schema(description = "With audience branch: the branch") UUID branchId,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String body,
            @Schema(allowableValues = {"low", "normal", "high", "urgent"}, defaultValue = "normal")
            @Pattern(regexp = PRIORITIES, message = "must be low, normal, high or urgent") String priority,
            @Size(max = 2000) @Pattern(regexp = ACTION_URL,
                    message = "must be a console path such as /leads or an https address") String actionUrl,
            OffsetDateTime expiresAt) {
    }

    @Schema(name = "NotificationKindChoice", description = "How one kind reaches the user; a channel left out is off")
    public record KindChoice(
            @NotNull @Schema(allowableValues = {"lead_assigned", "new_inquiry", "follow_up_due", "follow_up_overdue",
                    "daily_digest", "sla_breach", "recording_failed", "announcement"})
            @Pattern(regexp = NotificationKind.CODES, message = "must be a notification kind such as lead_assigned")
            String kind,
            Boolean inApp, Boolean push, Boolean email) {
    }

    @Schema(name = "NotificationQuietHoursChoice", description = "Quiet hours, HH:mm in the user's time zone")
    public record QuietHours(
            @NotNull @Pattern(regexp = TIME, message = "must be a time such as 22:00") String start,
            @NotNull @Pattern(regexp = TIME, message = "must be a time such as 07:00") String end) {
    }

    @Schema(name = "UpdateNotificationPreferences", description = "The whole of the preferences: kinds left out "
            + "return to their defaults; quiet_hours null or left out means none")
    public record Preferences(
            @Size(max = 20) List<@Valid @NotNull KindChoice> kinds,
            @Valid QuietHours quietHours) {
    }
}
