package com.educonsult.crm.platform.cache;

import com.educonsult.crm.platform.db.NotificationListener;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * This server's caches of what rarely changes and is read by many requests (an organization's pipeline and form,
 * a session's principal), kept exact across servers: each table a cache is made from has a trigger that announces
 * every committed change on {@link #CHANNEL}, and every server empties the entries of the organization (or user)
 * concerned when it hears it. While this server is not listening, nothing is served from its caches (the
 * announcements of that time are lost); when it listens again, everything cached before is dropped.
 */
@Component
public class SharedCaches implements NotificationListener.Channel {

    public static final String CHANNEL = "crm_changes";
    private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

    private final List<TableCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean listening;

    /**
     * A cache of values read from the given tables, keyed by organization and key. A change of a user's rows
     * (a table whose announcements name the user) drops that user's entries and the organization's entries of
     * no user; any other change drops all entries of the organization.
     */
    public <K, V> TableCache<K, V> cache(String name, Set<String> tables, int maximumSize) {
        TableCache<K, V> cache = new TableCache<>(this, name, tables, maximumSize, DEFAULT_MAX_AGE);
        caches.add(cache);
        return cache;
    }

    /** Whether changes are heard: only then are values kept. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    @Override
    public void received(String payload) {
        TableChange.parse(payload).ifPresent(this::changed);
    }

    /** Drops what the change makes stale, in every cache made from its table. */
    public void changed(TableChange change) {
        for (TableCache<?, ?> cache : caches) {
            cache.changed(change);
        }
    }

    @Override
    public void listening() {
        caches.forEach(TableCache::clear);
        listening = true;
    }

    @Override
    public void interrupted() {
        listening = false;
        caches.forEach(TableCache::clear);
    }
}
