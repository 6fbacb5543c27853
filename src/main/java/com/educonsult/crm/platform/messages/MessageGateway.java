package com.educonsult.crm.platform.messages;

import java.util.UUID;

/**
 * Sends a short message (SMS or email) to a person. The embedded default records it instead of sending
 * ({@link RecordingMessageGateway}); real providers plug in behind this port.
 */
public interface MessageGateway {

    enum Channel { SMS, EMAIL }

    /** @param organizationId the organization the message is sent for, or null before one exists */
    void send(UUID organizationId, Channel channel, String recipient, String subject, String body);
}
