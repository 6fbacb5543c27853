package com.educonsult.crm.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message a provider reported as received, for {@link Communications#recordInbound}.
 *
 * @param leadId the lead it is from, when the caller matched one; null to let the hub match it (email: by
 *               In-Reply-To to our Message-ID, else by the sender's address)
 * @param providerMessageId the provider's id, on which recording is idempotent
 * @param emailMessageId the email's own Message-ID
 * @param inReplyTo the Message-ID it answers (email: In-Reply-To, else the first of References we know)
 */
public record InboundMessage(Channel channel, UUID leadId, String from, String to, String subject, String text,
        String html, String providerMessageId, String emailMessageId, String inReplyTo, OffsetDateTime receivedAt) {
}
