package com.educonsult.crm.messaging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One message handed to a {@link ChannelAdapter}: what to send, to whom and from whom. {@code deliveryId} is the
 * client reference adapters pass to providers: a delivery sent again after a crash carries the same one, so a
 * provider (or the adapter) can drop the duplicate.
 *
 * @param to an E.164 phone for SMS and WhatsApp, an email address for email
 * @param from the sender (email address, SMS sender id, WhatsApp phone number id), null for the adapter's default
 * @param providerTemplate the provider's template name or id (a WhatsApp template, an SMS DLT template id)
 * @param headers extra headers (email: In-Reply-To, References, List-Unsubscribe...)
 * @param bulk whether it is part of a campaign or an automation rather than a person's one-to-one message
 */
public record OutgoingMessage(UUID organizationId, UUID communicationId, UUID deliveryId, Channel channel, String to,
        String from, String subject, String text, String html, String providerTemplate,
        String providerTemplateLanguage, List<String> templateParameters, List<Attachment> attachments,
        Map<String, String> headers, boolean bulk) {

    public OutgoingMessage {
        templateParameters = templateParameters == null ? List.of() : List.copyOf(templateParameters);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * A file sent with the message, kept in the object store under {@code key}. The email adapter attaches its bytes
     * read from the store; WhatsApp fetches it from {@code url}, a signed download link made when it is sent (the
     * API answers a fresh one each time it shows the message; it is not stored).
     */
    @Schema(name = "CommunicationAttachment")
    public record Attachment(
            @Schema(description = "The file's key in document storage") String key,
            String fileName,
            String contentType,
            long size,
            @Schema(description = "A signed download link, valid for a few minutes") String url) {

        public Attachment withUrl(String signedUrl) {
            return new Attachment(key, fileName, contentType, size, signedUrl);
        }
    }
}
