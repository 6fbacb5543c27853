package com.educonsult.crm.messaging.callbacks;

import java.util.UUID;

/**
 * Processes one provider's stored callbacks. Runs inside a transaction of the organization; throwing rolls the
 * work back and the callback is tried again later (then failed after the last attempt), so handling must be
 * idempotent on the provider's ids.
 */
public interface CallbackHandler {

    /** The provider code the callbacks were stored with (whatsapp, msg91). */
    String provider();

    void handle(UUID organizationId, String payload);
}
