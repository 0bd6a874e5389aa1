package com.pnhub.app.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The aggregate cache of {@code PrivateNumber}: a bounded LRU of loaded aggregates that is never trusted blindly.
 * Several instances write the same event store, so an entry may be behind what another instance appended; before
 * an entry is handed out, the stream's last sequence number is asked of the storage engine (one index-only lookup
 * of {@code domain_event_entry}, through Axon's API rather than SQL of our own, which would repeat the engine's
 * schema and table name), where a load reads
 * and replays up to a snapshot interval of events) and a stale entry is dropped, so Axon loads that aggregate from
 * the store. A decision is therefore never taken on an old state, even one that appends nothing (an answer such
 * as "already bound"). An entry written by a unit of work that rolls back is removed by Axon's caching repository.
 */
public final class FreshAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final EventStorageEngine storage;

    public FreshAggregateCache(long maximumSize, EventStorageEngine storage) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
        this.storage = storage;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.getIfPresent(key);
        if (value instanceof AggregateCacheEntry<?> entry && !isCurrent(key, entry)) {
            entries.invalidate(key);
            return null;
        }
        return (V) value;
    }

    private boolean isCurrent(Object aggregateId, AggregateCacheEntry<?> entry) {
        // an entry made in this process keeps its live aggregate: recreating it returns that instance, and its
        // version is the sequence number of the last event it applied
        Long cachedVersion = entry.recreateAggregate(null, null, null, null).version();
        Long storedVersion = storage.lastSequenceNumberFor(aggregateId.toString()).orElse(null);
        return Objects.equals(cachedVersion, storedVersion);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    /** Axon registers no listener on an aggregate cache; nothing here reports its entries. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("FreshAggregateCache has no entry listeners");
    }

    /** For tests and metrics: how many aggregates are held. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
