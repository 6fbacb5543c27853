package com.educonsult.crm.messaging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One communication as the API and the console show it. */
@Schema(name = "Communication")
public record CommunicationView(
        UUID id,
        UUID leadId,
        @Schema(description = "The user who sent or logged it; null for the system and for received messages")
        UUID userId,
        String userName,
        @Schema(allowableValues = {"email", "sms", "whatsapp", "call", "meeting", "letter", "chat"}) String type,
        @Schema(allowableValues = {"outbound", "inbound"}) String direction,
        @Schema(allowableValues = {"queued", "sent", "delivered", "read", "failed", "received", "logged"})
        String status,
        String subject,
        String body,
        String html,
        String toAddress,
        String fromAddress,
        String providerMessageId,
        UUID campaignId,
        UUID templateId,
        String emailMessageId,
        String inReplyTo,
        List<OutgoingMessage.Attachment> attachments,
        String error,
        OffsetDateTime sentAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime readAt,
        OffsetDateTime failedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
