package com.educonsult.crm.messaging.outbox;

import com.educonsult.crm.messaging.MessageOutbox;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Message outbox")
class MessageOutboxController {

    private final MessageOutbox admin;

    MessageOutboxController(MessageOutbox admin) {
        this.admin = admin;
    }

    @GetMapping("/message-deliveries")
    @RequiresPermission("admin:messages")
    @Operation(summary = "The outbox: outbound messages' hand-overs to their providers, newest first",
            description = "status: pending (not tried yet), sending (claimed by a sender), sent, failed (another "
                    + "attempt is planned at next_attempt_at) or dead (no attempt left, or refused for good).")
    ApiResponse<List<MessageOutbox.DeliveryView>> list(
            @RequestParam(required = false) @Pattern(regexp = MessageOutbox.STATUSES) String status,
            @RequestParam(required = false) @Pattern(regexp = "email|sms|whatsapp") String channel,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(admin.deliveries(Authenticated.user(), status, channel, PageRequest.of(limit, offset)));
    }

    @GetMapping("/message-deliveries/{id}")
    @RequiresPermission("admin:messages")
    @Operation(summary = "One delivery with its attempts and last error")
    ApiResponse<MessageOutbox.DeliveryView> get(@PathVariable UUID id) {
        return ApiResponse.ok(admin.delivery(Authenticated.user(), id));
    }

    @PostMapping("/message-deliveries/{id}/replay")
    @RequiresPermission("admin:messages")
    @Operation(summary = "Send a dead or failed delivery again, with its attempts counted afresh",
            description = "409 for a delivery that is pending, being sent or sent. The replayed delivery keeps its "
                    + "id, which adapters pass to providers as the client reference.")
    ApiResponse<MessageOutbox.DeliveryView> replay(@PathVariable UUID id) {
        return ApiResponse.ok(admin.replay(Authenticated.user(), id), "Delivery queued again");
    }

    @GetMapping("/message-recordings")
    @RequiresPermission("admin:messages")
    @Operation(summary = "Messages the recording adapters kept instead of sending (no provider set up): sent in "
            + "demo mode, not delivered")
    ApiResponse<List<MessageOutbox.RecordingView>> recordings(
            @RequestParam(required = false) @Pattern(regexp = "email|sms|whatsapp") String channel,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(admin.recordings(Authenticated.user(), channel, PageRequest.of(limit, offset)));
    }
}
