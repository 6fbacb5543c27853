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
 */
public record NewMessage(UUID leadId, Channel channel, String to, String subject, String text, String html,
        UUID templateId, String providerTemplate, String providerTemplateLanguage, List<String> templateParameters,
        UUID campaignId, boolean bulk, UUID byUserId) {

    public NewMessage {
        templateParameters = templateParameters == null ? List.of() : List.copyOf(templateParameters);
    }
}
