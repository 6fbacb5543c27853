package com.educonsult.crm.messaging.whatsapp;

import com.educonsult.crm.messaging.Inbox;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The WhatsApp shared inbox over the API: conversations, their messages, replies, read marks and owners. */
@RestController
@RequestMapping("/api/v1/inbox/conversations")
@Tag(name = "Inbox")
class InboxController {

    @Schema(name = "InboxReply", description = "Free text (only within 24 hours of the student's last message), or "
            + "an approved template with its body parameters in order")
    record ReplyRequest(
            @Size(max = 4096) String text,
            @Size(max = 512) @Schema(description = "An approved template's name") String templateName,
            @Size(max = 20) @Pattern(regexp = "[a-zA-Z]{2,3}([_-][a-zA-Z0-9]{2,8})?",
                    message = "must be a language code such as en or en_US")
            @Schema(description = "The template's language; en when not given", example = "en") String language,
            @Size(max = 20) List<@NotNull @Size(max = 1024) String> parameters) {
    }

    @Schema(name = "InboxOwner", description = "The user who owns the conversation; null for none")
    record OwnerRequest(UUID ownerId) {
    }

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @RequiresPermission("messages:send")
    @Operation(summary = "WhatsApp conversations the user may see, most recent first",
            description = "Counselors see their own leads' conversations, managers those of their branch, admins all "
                    + "(the leads' data scope). view: mine (owned by the user), unassigned (no owner) or all. "
                    + "unread: only those with messages the user has not read. q: part of the contact's name or of "
                    + "the phone number. meta.total is given on the last page only.")
    ApiResponse<List<Inbox.Conversation>> list(
            @Parameter(schema = @Schema(allowableValues = {"mine", "unassigned", "all"}))
            @RequestParam(required = false) String view,
            @RequestParam(required = false) Boolean unread,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(inbox.conversations(Authenticated.user(), Inbox.View.of(view),
                Boolean.TRUE.equals(unread), q, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("messages:send")
    @Operation(summary = "One conversation", description = "404 for a conversation the user may not see or of "
            + "another organization.")
    ApiResponse<Inbox.Conversation> get(@PathVariable UUID id) {
        return ApiResponse.ok(inbox.get(Authenticated.user(), id));
    }

    @GetMapping("/{id}/messages")
    @RequiresPermission("messages:send")
    @Operation(summary = "A conversation's messages, newest first", description = "Inbound messages and replies with "
            + "their delivery status (queued, sent, delivered, read, failed).")
    ApiResponse<List<Inbox.Message>> messages(@PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(inbox.messages(Authenticated.user(), id, PageRequest.of(limit, offset)));
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("messages:send")
    @Operation(summary = "Reply in a conversation",
            description = "Free text is accepted only within 24 hours of the student's last message (WhatsApp's "
                    + "customer-service window): outside it the answer is 422 naming text, and an approved template "
                    + "must be sent instead (template_name, language, parameters; 422 naming template_name for an "
                    + "unknown or unapproved one, parameters for a wrong count). The reply goes through the outbox: "
                    + "it is answered queued and moves to sent, delivered and read as WhatsApp reports.")
    ApiResponse<Inbox.Message> reply(@PathVariable UUID id, @Valid @RequestBody ReplyRequest request) {
        return ApiResponse.ok(inbox.reply(Authenticated.user(), id, new Inbox.Reply(request.text(),
                request.templateName(), request.language(), request.parameters())), "Queued");
    }

    @PostMapping("/{id}/read")
    @RequiresPermission("messages:send")
    @Operation(summary = "Mark a conversation read by the user", description = "Its unread count for the user "
            + "becomes 0; other users' counts are theirs.")
    ApiResponse<Inbox.Conversation> read(@PathVariable UUID id) {
        return ApiResponse.ok(inbox.markRead(Authenticated.user(), id));
    }

    @PutMapping("/{id}/owner")
    @RequiresPermission("leads:assign")
    @Operation(summary = "Give a conversation to another owner, or to none",
            description = "owner_id must be an active user of the organization (422 naming owner_id otherwise); "
                    + "null leaves the conversation unassigned. The lead's own assignment is unchanged.")
    ApiResponse<Inbox.Conversation> owner(@PathVariable UUID id, @Valid @RequestBody OwnerRequest request) {
        return ApiResponse.ok(inbox.assign(Authenticated.user(), id, request.ownerId()));
    }
}
