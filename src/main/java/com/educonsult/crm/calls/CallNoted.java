package com.educonsult.crm.calls;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A call's note was written (from the app or the web console) and the call is matched to a lead; published inside
 * the change's transaction so that the lead's note for the call follows it.
 */
public record CallNoted(UUID organizationId, UUID callId, UUID leadId, UUID callUserId, UUID byUserId,
        String content, OffsetDateTime at) {
}
