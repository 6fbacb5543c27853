package com.educonsult.crm.integrations;

import java.util.UUID;

/** What the registry tells the integrations of a type, published in the transaction of the change. */
public final class IntegrationEvents {

    private IntegrationEvents() {
    }

    /** An admin connected the type (or connected it again with new credentials). */
    public record IntegrationConnected(UUID organizationId, IntegrationType type, UUID byUserId) {
    }

    /** An admin disconnected the type: its credentials are gone; what hangs on them should stop. */
    public record IntegrationDisconnected(UUID organizationId, IntegrationType type, UUID byUserId) {
    }
}
