package com.educonsult.crm.notifications;

import com.educonsult.crm.notifications.NotificationViews.BroadcastView;
import com.educonsult.crm.notifications.NotificationViews.NotificationView;
import com.educonsult.crm.notifications.NotificationViews.PreferencesView;
import com.educonsult.crm.notifications.NotificationViews.ReadAllView;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @RequiresPermission("notifications:read")
    @Operation(summary = "The caller's notifications, newest first",
            description = "Expired notifications are not listed. meta.unread_count counts the caller's unread ones "
                    + "(whatever the filter); meta.total counts the listed ones.")
    ApiResponse<List<NotificationView>> list(
            @Parameter(description = "true: only unread ones") @RequestParam(required = false) Boolean unread,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        CurrentUser user = Authenticated.user();
        Page<NotificationView> page = notifications.list(user, Boolean.TRUE.equals(unread),
                PageRequest.of(limit, offset));
        Map<String, Object> meta = new java.util.LinkedHashMap<>(page.meta());
        meta.put("unread_count", notifications.unreadCount(user));
        return new ApiResponse<>(true, page.items(), null, meta);
    }

    @PutMapping("/{id}/read")
    @RequiresPermission("notifications:read")
    @Operation(summary = "Mark one of the caller's notifications read",
            description = "Another user's or organization's notification is 404. Marking it again changes nothing.")
    ApiResponse<NotificationView> read(@PathVariable UUID id) {
        return ApiResponse.ok(notifications.markRead(Authenticated.user(), id), "Marked read");
    }

    @PostMapping("/read-all")
    @RequiresPermission("notifications:read")
    @Operation(summary = "Mark every unread notification of the caller read")
    ApiResponse<ReadAllView> readAll() {
        return ApiResponse.ok(new ReadAllView(notifications.markAllRead(Authenticated.user())), "Marked read");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("notifications:read")
    @Operation(summary = "Delete one of the caller's notifications",
            description = "Its pushes and emails not sent yet are dropped. Another user's notification is 404.")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        notifications.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Notification deleted");
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("notifications:send")
    @Operation(summary = "Send a notification to one user of the organization",
            description = "It arrives as the kind announcement: in the app, and by push or email as the user "
                    + "prefers. A user outside the organization is 404.")
    ApiResponse<NotificationView> send(@Valid @RequestBody NotificationRequests.Send request) {
        return ApiResponse.ok(notifications.send(Authenticated.user(), request), "Notification sent");
    }

    @PostMapping("/broadcast")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("notifications:send")
    @Operation(summary = "Send a notification to everyone, to the holders of a role or to a branch",
            description = "Reaches the active users of the audience. role needs audience role, branch_id audience "
                    + "branch (another organization's branch is 404); an audience with nobody active is 422.")
    ApiResponse<BroadcastView> broadcast(@Valid @RequestBody NotificationRequests.Broadcast request) {
        return ApiResponse.ok(notifications.broadcast(Authenticated.user(), request), "Broadcast sent");
    }

    @GetMapping("/deliveries")
    @RequiresPermission("notifications:send")
    @Operation(summary = "The organization's latest pushes and emails of notifications, newest first",
            description = "With their status (pending, failed, sent, recorded, skipped, dead), attempts, last error "
                    + "and what was sent, or recorded when no push provider is configured (device tokens shortened).")
    ApiResponse<List<NotificationViews.DeliveryView>> deliveries(
            @Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"push", "email"}))
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Integer limit) {
        if (channel != null && !channel.equals("push") && !channel.equals("email")) {
            throw com.educonsult.crm.platform.web.ApiException.invalid("channel", "must be push or email");
        }
        PageRequest paging = PageRequest.of(limit, 0);
        return ApiResponse.ok(notifications.recentDeliveries(Authenticated.user(), channel, paging.limit()));
    }

    @PostMapping("/deliveries/{id}/retry")
    @RequiresPermission("notifications:send")
    @Operation(summary = "Send a failed or dead push or email again",
            description = "It starts over from its first attempt at the next run of the sending job. One already "
                    + "sent, recorded or skipped is 409; another organization's is 404.")
    ApiResponse<NotificationViews.DeliveryView> retry(@PathVariable UUID id) {
        return ApiResponse.ok(notifications.retryDelivery(Authenticated.user(), id), "Delivery queued again");
    }

    @GetMapping("/preferences")
    @RequiresPermission("notifications:read")
    @Operation(summary = "The caller's notification preferences: per kind, in-app, push and email; quiet hours")
    ApiResponse<PreferencesView> preferences() {
        return ApiResponse.ok(notifications.preferences(Authenticated.user()));
    }

    @PutMapping("/preferences")
    @RequiresPermission("notifications:read")
    @Operation(summary = "Replace the caller's notification preferences",
            description = "Kinds left out return to their defaults; a channel left out of a kind is off. Quiet hours "
                    + "are read in the caller's time zone and may run past midnight; pushes and emails wait until "
                    + "they end, in-app notifications arrive at once.")
    ApiResponse<PreferencesView> updatePreferences(@Valid @RequestBody NotificationRequests.Preferences request) {
        return ApiResponse.ok(notifications.updatePreferences(Authenticated.user(), request), "Preferences saved");
    }
}
