package com.educonsult.crm.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the communications hub announces to other modules (the timeline, notifications, campaigns, the inbox). */
public final class CommunicationEvents {

    private CommunicationEvents() {
    }

    /** Outbound messages were queued in this transaction. */
    public record MessagesQueued(UUID organizationId, List<UUID> communicationIds) {
    }

    /** A message was received (inbound), matched to the lead when one was found. */
    public record MessageReceived(UUID organizationId, UUID communicationId, UUID leadId, Channel channel,
            String subject, String text, OffsetDateTime receivedAt) {
    }

    /** An outbound message moved to a later status (sent by the outbox, or a provider's callback). */
    public record StatusChanged(UUID organizationId, UUID communicationId, UUID leadId, Channel channel,
            DeliveryStatus status, OffsetDateTime at) {
    }

    /** The outbox handed these messages to their providers (or recorded them, in the embedded default). */
    public record MessagesSent(UUID organizationId, List<UUID> communicationIds, OffsetDateTime at) {
    }

    /** These messages failed for good: refused by the provider, out of attempts, or to an opted-out address. */
    public record MessagesFailed(UUID organizationId, List<UUID> communicationIds, OffsetDateTime at) {
    }
}
