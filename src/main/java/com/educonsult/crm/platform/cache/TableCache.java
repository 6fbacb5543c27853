package com.educonsult.crm.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read from some tables, kept by this server until the tables change (see {@link SharedCaches}). Values
 * must be immutable. A transaction that changes the tables says so with {@link #changed(UUID)}: it then reads
 * around the cache (it must see its own writes), and this server drops the organization's entries when it ends,
 * committed or not, without waiting for the database's announcement.
 */
public final class TableCache<K, V> {

    private record Key(UUID organizationId, Object key) {
    }

    private record Entry(UUID userId, Object value) {
    }

    private final SharedCaches owner;
    private final String name;
    private final Set<String> tables;
    private final Cache<Key, Entry> entries;
    /** Counts the drops of everything, and of each organization: a value read before a drop is not kept. */
    private long epoch;
    private final java.util.Map<UUID, Long> drops = new java.util.HashMap<>();

    TableCache(SharedCaches owner, String name, Set<String> tables, int maximumSize, Duration maxAge) {
        this.owner = owner;
        this.name = name;
        this.tables = Set.copyOf(tables);
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(maxAge).build();
    }

    /** The organization's value for the key, read by {@code load} when not cached. */
    public V get(UUID organizationId, K key, Supplier<V> load) {
        return get(organizationId, null, key, load);
    }

    /** The same, for a value that belongs to a user: a change of that user's rows drops it too. */
    public V get(UUID organizationId, UUID userId, K key, Supplier<V> load) {
        return get(organizationId, key, value -> userId, load);
    }

    /** The same, for a value that belongs to the user {@code userOf} finds in it. */
    @SuppressWarnings("unchecked")
    public V get(UUID organizationId, K key, Function<V, UUID> userOf, Supplier<V> load) {
        Key cacheKey = new Key(organizationId, key);
        if (changedInThisTransaction(organizationId)) {
            return load.get();
        }
        Entry cached = entries.getIfPresent(cacheKey);
        if (cached != null) {
            return (V) cached.value();
        }
        Stamp before = stamp(organizationId);
        V value = load.get();
        if (value != null && owner.isListening()) {
            keepUnlessDropped(cacheKey, new Entry(userOf.apply(value), value), before);
        }
        return value;
    }

    /**
     * The organization's values for the keys that have one, those not cached read together by {@code load} (which
     * leaves out the keys that have no value); each value belongs to the user {@code userOf} names.
     */
    @SuppressWarnings("unchecked")
    public Map<K, V> getAll(UUID organizationId, Collection<K> keys, Function<V, UUID> userOf,
            Function<Collection<K>, Map<K, V>> load) {
        if (changedInThisTransaction(organizationId)) {
            return load.apply(keys);
        }
        Map<K, V> values = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            Entry cached = entries.getIfPresent(new Key(organizationId, key));
            if (cached != null) {
                values.put(key, (V) cached.value());
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return values;
        }
        Stamp before = stamp(organizationId);
        Map<K, V> loaded = load.apply(missing);
        if (owner.isListening()) {
            loaded.forEach((key, value) ->
                    keepUnlessDropped(new Key(organizationId, key), new Entry(userOf.apply(value), value), before));
        }
        values.putAll(loaded);
        return values;
    }

    /**
     * The current transaction changes the organization's rows of the tables: it reads around the cache from now on,
     * and the organization's entries are dropped when it ends. Outside a transaction they are dropped at once.
     */
    public void changed(UUID organizationId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            drop(organizationId, null);
            return;
        }
        Set<UUID> changed = changedOrganizations();
        if (changed == null) {
            changed = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, changed);
            TransactionSynchronizationManager.registerSynchronization(new DropAtCompletion(changed));
        }
        changed.add(organizationId);
    }

    void changed(TableChange change) {
        if (tables.contains(change.table())) {
            drop(change.organizationId(), change.userId());
        }
    }

    void clear() {
        synchronized (this) {
            epoch++;
            drops.clear();
            entries.invalidateAll();
        }
    }

    String name() {
        return name;
    }

    private record Stamp(long epoch, long drops) {
    }

    private synchronized Stamp stamp(UUID organizationId) {
        return new Stamp(epoch, drops.getOrDefault(organizationId, 0L));
    }

    private synchronized void keepUnlessDropped(Key key, Entry entry, Stamp readAt) {
        if (readAt.equals(stamp(key.organizationId()))) {
            entries.put(key, entry);
        }
    }

    private void drop(UUID organizationId, UUID userId) {
        synchronized (this) {
            drops.merge(organizationId, 1L, Long::sum);
            entries.asMap().entrySet().removeIf(e -> e.getKey().organizationId().equals(organizationId)
                    && (userId == null || e.getValue().userId() == null || userId.equals(e.getValue().userId())));
        }
    }

    private boolean changedInThisTransaction(UUID organizationId) {
        Set<UUID> changed = changedOrganizations();
        return changed != null && changed.contains(organizationId);
    }

    @SuppressWarnings("unchecked")
    private Set<UUID> changedOrganizations() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Set<UUID>) TransactionSynchronizationManager.getResource(this) : null;
    }

    private final class DropAtCompletion implements TransactionSynchronization {
        private final Set<UUID> organizations;

        DropAtCompletion(Set<UUID> organizations) {
            this.organizations = organizations;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TableCache.this);
            organizations.forEach(organization -> drop(organization, null));
        }
    }
}
