package com.educonsult.crm.integrations.webhooks;

import com.educonsult.crm.integrations.WebhookEndpoints;
import com.educonsult.crm.integrations.WebhookEventTypes;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/integrations/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    private static final Set<String> STATUSES = Set.of("pending", "failed", "succeeded", "dead");

    @Schema(name = "WebhookReplayCount", description = "How many deliveries were queued to be sent again")
    record ReplayCount(int queued) {
    }

    private final WebhookEndpoints webhooks;

    WebhookController(WebhookEndpoints webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    @RequiresPermission("settings:manage")
    @Operation(summary = "The organization's outgoing webhooks, newest first; secrets are never returned")
    ApiResponse<List<WebhookEndpoints.WebhookView>> list() {
        return ApiResponse.ok(webhooks.list(Authenticated.user()));
    }

    @GetMapping("/events")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The events a webhook may subscribe to")
    ApiResponse<List<WebhookEventTypes.EventType>> events() {
        return ApiResponse.ok(WebhookEventTypes.ALL);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("settings:manage")
    @Operation(summary = "Add an outgoing webhook; its signing secret is in this answer only",
            description = "Events are posted to the URL as Standard Webhooks messages signed with the secret. The URL "
                    + "must be https on a public address: private, loopback, link-local and other reserved addresses "
                    + "are refused (422 naming url), as are unknown events (422 naming events).")
    ApiResponse<WebhookEndpoints.WebhookSecret> create(@Valid @RequestBody WebhookEndpoints.Create request) {
        return ApiResponse.ok(webhooks.create(Authenticated.user(), request), "Webhook added");
    }

    @GetMapping("/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One outgoing webhook")
    ApiResponse<WebhookEndpoints.WebhookView> get(@PathVariable UUID id) {
        return ApiResponse.ok(webhooks.get(Authenticated.user(), id));
    }

    @PatchMapping("/{id}")
    @RequiresPermission("settings:manage")
    @RefusesNull({"url", "events", "active"})
    @Operation(summary = "Change a webhook's URL, description, events or active flag",
            description = "Activating a webhook that was disabled for failing clears its failures.")
    ApiResponse<WebhookEndpoints.WebhookView> update(@PathVariable UUID id,
            @Valid @RequestBody WebhookEndpoints.Update request, MergePatch patch) {
        return ApiResponse.ok(webhooks.update(Authenticated.user(), id, request, patch), "Webhook updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Delete a webhook and its delivery log")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        webhooks.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Webhook deleted");
    }

    @PostMapping("/{id}/rotate-secret")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Give a webhook a new signing secret, in this answer only",
            description = "The old secret stops signing at once.")
    ApiResponse<WebhookEndpoints.WebhookSecret> rotateSecret(@PathVariable UUID id) {
        return ApiResponse.ok(webhooks.rotateSecret(Authenticated.user(), id), "Secret rotated");
    }

    @GetMapping("/{id}/deliveries")
    @RequiresPermission("settings:manage")
    @Operation(summary = "A webhook's deliveries, newest first", description = "meta.total is given on the last "
            + "page only.")
    ApiResponse<List<WebhookEndpoints.DeliveryView>> deliveries(@PathVariable UUID id,
            @Parameter(schema = @Schema(allowableValues = {"pending", "failed", "succeeded", "dead"}))
            @RequestParam(required = false) String status,
            @Parameter(schema = @Schema(allowableValues = {"lead.created", "lead.updated", "lead.status_changed",
                    "lead.assigned", "note.created", "task.created", "task.completed", "call.synced",
                    "recording.uploaded", "webhook.ping"}))
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of pending, failed, succeeded, dead");
        }
        if (eventType != null && !WebhookEventTypes.known(eventType) && !WebhookEventTypes.PING.equals(eventType)) {
            throw ApiException.invalid("event_type", "must be one of " + WebhookEventTypes.CODE_LIST + ", "
                    + WebhookEventTypes.PING);
        }
        return ApiResponse.page(webhooks.deliveries(Authenticated.user(), id,
                new WebhookEndpoints.DeliveryFilter(status, eventType), PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}/deliveries/{deliveryId}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One delivery, with the payload sent and the start of the last answer")
    ApiResponse<WebhookEndpoints.DeliveryDetail> delivery(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return ApiResponse.ok(webhooks.delivery(Authenticated.user(), id, deliveryId));
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/replay")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Send one delivery again now, whatever its state, and answer how it went",
            description = "The message keeps its webhook-id, so a receiver that saw it already can tell. 422 naming "
                    + "active when the webhook is deactivated; 409 when it is being sent at this moment.")
    ApiResponse<WebhookEndpoints.DeliveryDetail> replay(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return ApiResponse.ok(webhooks.replay(Authenticated.user(), id, deliveryId), "Delivery sent again");
    }

    @PostMapping("/{id}/replay-failed")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Queue every failed or dead delivery of a webhook to be sent again at once",
            description = "They are sent by the sending job within seconds. 422 naming active when the webhook is "
                    + "deactivated.")
    ApiResponse<ReplayCount> replayFailed(@PathVariable UUID id) {
        int queued = webhooks.replayFailed(Authenticated.user(), id);
        return ApiResponse.ok(new ReplayCount(queued), queued + " deliveries queued");
    }

    @PostMapping("/{id}/test")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Send a webhook.ping event to the webhook now and answer how it went",
            description = "Sent even when the webhook is deactivated, to check a receiver before activating it.")
    ApiResponse<WebhookEndpoints.DeliveryDetail> test(@PathVariable UUID id) {
        return ApiResponse.ok(webhooks.test(Authenticated.user(), id), "Test event sent");
    }
}
