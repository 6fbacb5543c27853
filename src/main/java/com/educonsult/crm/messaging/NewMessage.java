package com.educonsult.crm.messaging;

import java.util.List;
import java.util.UUID;

/**
 * One outbound message to queue with {@link Communications#enqueue}.
 *
 * @param to the address (email) or phone (SMS, WhatsApp); null for the lead's email or phone
 * @param templateId the message template it was made from, if any (kept on the communication)
 * @param providerTemplate the provider's template name (WhatsApp) or id (SMS DLT), if sent as a template
 * @param campaignId the campaign that sends it, if any
 * @param bulk a campaign's or an automation's message rather than a person's one-to-one message
 * @param byUserId the user who sends it, null for the system
 * @param attachments files in document storage under the organization's prefix, sent with the message; each is
 *                    checked when queued (it exists, its type and size fit the channel: {@link AttachmentRules})
 */
public record NewMessage(UUID leadId, Channel channel, String to, String subject, String text, String html,
        UUID templateId, String providerTemplate, String providerTemplateLanguage, List<String> templateParameters,
        UUID campaignId, boolean bulk, UUID byUserId, List<File> attachments) {

    public NewMessage {
        templateParameters = templateParameters == null ? List.of() : List.copyOf(templateParameters);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public NewMessage(UUID leadId, Channel channel, String to, String subject, String text, String html,
            UUID templateId, String providerTemplate, String providerTemplateLanguage, List<String> templateParameters,
            UUID campaignId, boolean bulk, UUID byUserId) {
        this(leadId, channel, to, subject, text, html, templateId, providerTemplate, providerTemplateLanguage,
                templateParameters, campaignId, bulk, byUserId, List.of());
    }

    /**
     * A stored file to send: its object key (under {@code <organization>/}) and the name the recipient sees, null
     * for the key's last segment.
     */
    public record File(String key, String fileName) {

        public static File of(String key) {
            return new File(key, null);
        }
    }
}
