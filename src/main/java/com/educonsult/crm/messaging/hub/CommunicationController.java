package com.educonsult.crm.messaging.hub;

import com.educonsult.crm.messaging.CommunicationLog;
import com.educonsult.crm.messaging.CommunicationRequests;
import com.educonsult.crm.messaging.CommunicationView;
import com.educonsult.crm.messaging.MessageAttachments;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
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
@RequestMapping("/api/v1/communications")
@Tag(name = "Communications")
class CommunicationController {

    private final CommunicationLog log;
    private final MessageAttachments attachments;

    CommunicationController(CommunicationLog log, MessageAttachments attachments) {
        this.log = log;
        this.attachments = attachments;
    }

    @GetMapping
    @RequiresPermission("leads:read")
    @Operation(summary = "Communications of the leads the caller may see, newest first",
            description = "student_id is a lead id too (a student is a lead that enrolled). date_from is inclusive, "
                    + "date_to exclusive; both are ISO-8601 times with an offset.")
    ApiResponse<List<CommunicationView>> list(
            @RequestParam(name = "lead_id", required = false) UUID leadId,
            @RequestParam(name = "student_id", required = false) UUID studentId,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) @Pattern(regexp = CommunicationRequests.TYPES) String type,
            @RequestParam(required = false) @Pattern(regexp = CommunicationRequests.DIRECTIONS) String direction,
            @RequestParam(required = false) @Pattern(regexp = CommunicationRequests.STATUSES) String status,
            @RequestParam(name = "campaign_id", required = false) UUID campaignId,
            @RequestParam(name = "date_from", required = false) OffsetDateTime dateFrom,
            @RequestParam(name = "date_to", required = false) OffsetDateTime dateTo,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        if (leadId != null && studentId != null && !leadId.equals(studentId)) {
            throw ApiException.invalid("student_id", "names another lead than lead_id: give one of them");
        }
        if (dateFrom != null && dateTo != null && !dateTo.isAfter(dateFrom)) {
            throw ApiException.invalid("date_to", "must be after date_from");
        }
        var filter = new CommunicationLog.Filter(leadId != null ? leadId : studentId, userId, type, direction, status,
                campaignId, dateFrom, dateTo);
        return ApiResponse.page(log.list(Authenticated.user(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/history")
    @RequiresPermission("leads:read")
    @Operation(summary = "One lead's (or student's) thread across every channel, newest first",
            description = "404 for a lead the caller may not see, the same as one of another organization.")
    ApiResponse<List<CommunicationView>> history(
            @Parameter(required = true) @RequestParam(name = "entity_type") @NotNull @Pattern(regexp = "lead|student")
            String entityType,
            @Parameter(required = true) @RequestParam(name = "entity_id") @NotNull UUID entityId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(log.history(Authenticated.user(), entityId, PageRequest.of(limit, offset)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Send an email, SMS or WhatsApp message to a lead, or log a call, meeting, letter or chat",
            description = "Sending (type email, sms or whatsapp; needs messages:send too) queues the message and "
                    + "its delivery in one transaction: it answers status queued, and the outbox hands it to the "
                    + "organization's provider (or, with none set up, records it for an admin: demo mode). A "
                    + "template_id fills subject and body for the lead. A bulk message to an address that opted "
                    + "out is refused (422 naming to, or lead_id when to was not given); a person's one-to-one "
                    + "message is allowed. WhatsApp free text is accepted only within 24 hours of the student's last "
                    + "WhatsApp message (422 naming body otherwise): outside it send an approved template "
                    + "(provider_template, 422 naming it when the synced templates do not have it approved). "
                    + "attachments are keys of files uploaded through POST /communications/attachments: each must "
                    + "be in storage under the organization, of an allowed type and within the channel's size (422 "
                    + "naming attachments[i] otherwise); email takes up to 5, WhatsApp one (sent as an image or a "
                    + "document with the body as its caption), SMS none (422 naming attachments). The answer "
                    + "shows each attachment with a fresh signed download link. "
                    + "Logging (call, meeting, letter, chat) records one that happened: status logged.")
    ApiResponse<CommunicationView> create(@Valid @RequestBody CommunicationRequests.Create request) {
        boolean sending = request.type() != null && request.type().matches(CommunicationRequests.SENT_TYPES);
        return ApiResponse.ok(log.create(Authenticated.user(), request), sending ? "Message queued" : "Logged");
    }

    @PostMapping("/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "An upload URL for a file to send with a message",
            description = "Checks the file's type (PDF, JPEG, PNG, WebP, Word, Excel, CSV, plain text) and size (at "
                    + "most 10 MB; with channel whatsapp, images at most 5 MB and no WebP or CSV; sms takes none) and "
                    + "answers a key under the organization's attachments and a presigned PUT: send the file there "
                    + "with the headers given, before the URL expires, then name the key in attachments when "
                    + "sending the message. 422 naming content_type, size or channel otherwise; needs "
                    + "messages:send.")
    ApiResponse<MessageAttachments.UploadTicket> requestAttachmentUpload(
            @Valid @RequestBody CommunicationRequests.AttachmentUpload request) {
        return ApiResponse.ok(attachments.requestUpload(Authenticated.user(), request), "Upload the file");
    }

    @GetMapping("/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "One communication with its delivery status")
    ApiResponse<CommunicationView> get(@PathVariable UUID id) {
        return ApiResponse.ok(log.get(Authenticated.user(), id));
    }

    @PatchMapping("/{id}")
    @RequiresPermission("leads:write")
    @Operation(summary = "Change a logged call, meeting, letter or chat: subject, body, direction, occurred_at",
            description = "409 for a sent or received message: it is the record of what went out or came in.")
    @RefusesNull({"body", "direction", "occurred_at"})
    ApiResponse<CommunicationView> update(@PathVariable UUID id,
            @Valid @RequestBody CommunicationRequests.Update request, MergePatch patch) {
        return ApiResponse.ok(log.update(Authenticated.user(), id, request, patch), "Communication updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("leads:write")
    @Operation(summary = "Delete a logged call, meeting, letter or chat",
            description = "409 for a sent or received message, which stays on the lead's record.")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        log.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Communication deleted");
    }
}
