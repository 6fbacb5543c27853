package com.educonsult.crm.platform.live;

import com.educonsult.crm.platform.db.AtCommit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes live events through PostgreSQL NOTIFY in the transaction of the change: they reach every server
 * process listening on the database when (and only if) the change commits. A transaction's events are sent
 * together as it commits.
 */
@Component
public class LiveEvents {

    static final String CHANNEL = "crm_live";
    /** NOTIFY payloads are limited to 8000 bytes; larger data is dropped, the ids are kept. */
    private static final int MAX_PAYLOAD = 7000;

    private final DSLContext db;
    private final JsonMapper json;
    private final AtCommit<String> notifications = new AtCommit<>(this::send);

    public LiveEvents(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(LiveEvent event) {
        String payload = json.writeValueAsString(event);
        if (payload.length() > MAX_PAYLOAD) {
            Map<String, Object> idsOnly = new LinkedHashMap<>();
            event.data().forEach((key, value) -> {
                if (key.equals("id") || key.endsWith("_id")) {
                    idsOnly.put(key, value);
                }
            });
            payload = json.writeValueAsString(new LiveEvent(event.organizationId(), event.type(), event.permission(),
                    event.audience(), idsOnly));
        }
        notifications.add(payload);
    }

    /** A transaction's events in one statement, in the order they were published. */
    private void send(List<String> payloads) {
        db.select(DSL.field("pg_notify({0}, p)", String.class, DSL.val(CHANNEL)))
                .from(DSL.table("unnest({0}::text[]) with ordinality as n(p, i)",
                        DSL.val(payloads.toArray(String[]::new))))
                .orderBy(DSL.field("i"))
                .fetch();
    }
}
