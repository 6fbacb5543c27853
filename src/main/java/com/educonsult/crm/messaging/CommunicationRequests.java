package com.educonsult.crm.messaging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request bodies of the communications endpoints. */
public final class CommunicationRequests {

    public static final String TYPES = "email|sms|whatsapp|call|meeting|letter|chat";
    public static final String SENT_TYPES = "email|sms|whatsapp";
    public static final String DIRECTIONS = "outbound|inbound";
    public static final String STATUSES = "queued|sent|delivered|read|failed|received|logged";

    private CommunicationRequests() {
    }

    @Schema(name = "CommunicationCreate", description = "type email, sms or whatsapp sends a message to the lead "
            + "(queued, then handed to the provider by the outbox); call, meeting, letter or chat logs one that "
            + "happened. A template_id fills subject and body for the lead; otherwise body is required (and subject "
            + "for email).")
    public record Create(
            @NotNull UUID leadId,
            @NotBlank @Pattern(regexp = TYPES) String type,
            @Schema(description = "The address or phone to send to; the lead's email or phone when absent")
            @Size(max = 320) String to,
            @Size(max = 1000) String subject,
            @Size(max = 100000) String body,
            @Schema(description = "An HTML version of an email, sent beside the plain text") @Size(max = 500000)
            String html,
            UUID templateId,
            @Schema(description = "The provider's template (WhatsApp template name, SMS DLT template id)")
            @Size(max = 200) String providerTemplate,
            @Size(max = 20) String providerTemplateLanguage,
            @Size(max = 20) List<@Size(max = 1000) String> templateParameters,
            @Schema(description = "A bulk or automated message: refused (422) to an address that opted out. A "
                    + "person's one-to-one message (false, the default) is allowed.") Boolean bulk,
            @Schema(description = "For logged types: inbound or outbound (default outbound)")
            @Pattern(regexp = DIRECTIONS) String direction,
            @Schema(description = "For logged types: when it happened (default now)") OffsetDateTime occurredAt,
            @Schema(description = "Files to send with the message: keys answered by POST "
                    + "/communications/attachments, each uploaded before. Email takes up to 5, WhatsApp one, SMS "
                    + "none.")
            List<@Size(max = 512) String> attachments) {
    }

    @Schema(name = "CommunicationAttachmentUpload", description = "A file about to be uploaded to send with a "
            + "message. Allowed types: PDF, JPEG, PNG, WebP, Word (doc, docx), Excel (xls, xlsx), CSV, plain text; "
            + "at most 10 MB.")
    public record AttachmentUpload(
            @NotBlank @Size(max = 255) String fileName,
            @NotBlank @Size(max = 255) String contentType,
            @NotNull Long size,
            @Schema(description = "The channel it will be sent on, to check its limits now (WhatsApp: JPEG or PNG "
                    + "up to 5 MB, documents up to 10 MB, no WebP or CSV); any channel when absent")
            @Pattern(regexp = SENT_TYPES) String channel) {
    }

    @Schema(name = "CommunicationUpdate", description = "Changes a logged call, meeting, letter or chat (a sent or "
            + "received message is a record of what went out or came in and cannot be changed)")
    public record Update(
            @Size(max = 1000) String subject,
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 100000) String body,
            @Pattern(regexp = DIRECTIONS) String direction,
            OffsetDateTime occurredAt) {
    }
}
