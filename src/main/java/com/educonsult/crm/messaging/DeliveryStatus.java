package com.educonsult.crm.messaging;

import java.util.Locale;

/**
 * Where an outbound message stands, as providers report it. The order is forward-only: a status moves only to a
 * later one (a late "delivered" after "read" changes nothing); FAILED may follow any status.
 */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, READ, FAILED;

    /** The name used in JSON and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a message in this status may move to {@code next}. */
    public boolean canMoveTo(DeliveryStatus next) {
        if (this == FAILED) {
            return false;
        }
        return next == FAILED || next.ordinal() > ordinal();
    }
}
