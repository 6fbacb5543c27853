package com.educonsult.crm.calls;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A synced call was stored for the first time and matched a lead; published inside the sync's transaction. */
public record CallLogged(UUID organizationId, UUID callId, UUID leadId, UUID userId, String callType,
        int durationSeconds, OffsetDateTime calledAt) {

    /** Whether the call reached the person: an answered incoming or outgoing call that lasted. */
    public boolean connected() {
        return CallSyncRules.isConnected(callType, durationSeconds);
    }

    /** inbound or outbound, as the timeline shows it. */
    public String direction() {
        return "outgoing".equals(callType) ? "outbound" : "inbound";
    }
}
