package com.educonsult.crm.analytics.overview;

import com.educonsult.crm.analytics.Overview;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * This node's dashboards, each kept under the data version it was computed at: a request whose version differs
 * (the data changed, on this node or another) computes it again, so every node answers what the database holds.
 * The least recently used entries go first when the cache is full.
 */
@Component
class DashboardCache {

    static final int MAX_ENTRIES = 5_000;

    /** Whose dashboard: the same user with another role or branch sees other figures. */
    record Key(java.util.UUID organizationId, java.util.UUID userId, String scope, java.util.UUID branchId) {
    }

    private record Cached(String version, Overview.Dashboard dashboard) {
    }

    private final Map<Key, Cached> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private long computed;

    Overview.Dashboard get(Key key, String version, Supplier<Overview.Dashboard> compute) {
        synchronized (entries) {
            Cached entry = entries.get(key);
            if (entry != null && entry.version().equals(version)) {
                return entry.dashboard();
            }
        }
        Overview.Dashboard dashboard = compute.get();
        synchronized (entries) {
            entries.put(key, new Cached(version, dashboard));
            computed++;
        }
        return dashboard;
    }

    /** How many times a dashboard was computed rather than read from the cache. */
    long computed() {
        synchronized (entries) {
            return computed;
        }
    }
}
