package com.educonsult.crm.notifications.triggers;

import org.jooq.DSLContext;

/** Parts of cause keys. */
final class Causes {

    private Causes() {
    }

    /**
     * The current transaction's id: a change seen twice in its transaction (the same event published again) has
     * one cause, while the same change made again later (a lead assigned away and back) is a new one. A
     * transaction that rolls back leaves no notification to repeat.
     */
    static String transaction(DSLContext db) {
        return "tx" + db.fetchValue("select txid_current()::text", String.class);
    }
}
