package com.educonsult.crm.messaging;

import java.util.UUID;

/**
 * The port to a messaging provider of one channel. The outbox picks, per organization and channel, the real
 * adapter whose {@link #configuredFor} is true, else the recording adapter (the embedded default). {@link #send}
 * runs outside any transaction and must not throw for a provider's answer: it answers a {@link SendOutcome}.
 */
public interface ChannelAdapter {

    Channel channel();

    /** Whether the organization has this adapter's provider set up (an active connection with credentials). */
    boolean configuredFor(UUID organizationId);

    /** Hands the message to the provider, passing {@link OutgoingMessage#deliveryId()} as its client reference. */
    SendOutcome send(OutgoingMessage message);
}
