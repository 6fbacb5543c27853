package com.educonsult.crm.integrations.webhooks;

import static com.educonsult.crm.jooq.Tables.WEBHOOK_ENDPOINTS;

import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Each organization's active endpoints and the events they take, kept by this server until they change (every
 * change that may cause a delivery asks, most of them in organizations with no webhook at all).
 */
@Component
public class Subscriptions {

    record Endpoint(UUID id, Set<String> events) {
    }

    private final DSLContext db;
    private final TableCache<String, List<Endpoint>> cache;

    Subscriptions(DSLContext db, SharedCaches caches) {
        this.db = db;
        this.cache = caches.cache("webhook subscriptions", Set.of("webhook_endpoints"), 10_000);
    }

    /** The ids of the organization's active endpoints that take the event; runs in the organization's transaction. */
    List<UUID> subscribed(UUID organizationId, String eventType) {
        List<Endpoint> endpoints = cache.get(organizationId, "active", () -> read(organizationId));
        if (endpoints.isEmpty()) {
            return List.of();
        }
        return endpoints.stream().filter(e -> e.events().contains(eventType)).map(Endpoint::id).toList();
    }

    /** The current transaction changes the organization's endpoints. */
    public void changed(UUID organizationId) {
        cache.changed(organizationId);
    }

    private List<Endpoint> read(UUID organizationId) {
        return db.select(WEBHOOK_ENDPOINTS.ID, WEBHOOK_ENDPOINTS.EVENTS).from(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ORGANIZATION_ID.eq(organizationId), WEBHOOK_ENDPOINTS.ACTIVE.isTrue())
                .fetch(r -> new Endpoint(r.value1(), Set.of(r.value2())));
    }
}
