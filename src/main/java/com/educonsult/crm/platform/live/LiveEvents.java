package com.educonsult.crm.platform.live;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes live events through PostgreSQL NOTIFY in the transaction of the change: they reach every server
 * process listening on the database when (and only if) the change commits.
 */
@Component
public class LiveEvents {

    static final String CHANNEL = "crm_live";
    /** NOTIFY payloads are limited to 8000 bytes; larger data is dropped, the ids are kept. */
    private static final int MAX_PAYLOAD = 7000;

    private final DSLContext db;
    private final JsonMapper json;

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
        db.select(org.jooq.impl.DSL.field("pg_notify({0}, {1})", String.class, CHANNEL, payload)).fetch();
    }
}
