package com.educonsult.crm.activities;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Seed 04's engagement rule: three or more interactions in the last 7 days make a lead hot; none in 30 days,
 * inactive; otherwise active. A lead never interacted with stays new while younger than 30 days.
 */
final class EngagementRule {

    /** Activity types that count as an interaction with the lead, when completed. */
    static final Set<String> INTERACTION_TYPES = Set.of("call", "email", "meeting", "whatsapp", "sms", "follow_up");

    static final Duration HOT_WINDOW = Duration.ofDays(7);
    static final Duration INACTIVE_AFTER = Duration.ofDays(30);
    static final int HOT_INTERACTIONS = 3;

    /** How often a lead was interacted with, as of one moment. */
    record Interactions(int lastSevenDays, int lastThirtyDays, boolean any) {
    }

    private EngagementRule() {
    }

    static String decide(Interactions interactions, OffsetDateTime leadCreatedAt, OffsetDateTime now) {
        if (interactions.lastSevenDays() >= HOT_INTERACTIONS) {
            return "hot";
        }
        if (!interactions.any() && leadCreatedAt != null && leadCreatedAt.isAfter(now.minus(INACTIVE_AFTER))) {
            return "new";
        }
        return interactions.lastThirtyDays() == 0 ? "inactive" : "active";
    }
}
