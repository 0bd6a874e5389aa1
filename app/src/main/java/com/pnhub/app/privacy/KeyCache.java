package com.pnhub.app.privacy;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A cache of {@link PersonalDataKeys} whose loads (a database read, sometimes a key made and inserted) run on the
 * caller's thread after the entry is reserved, not inside the map's compute.
 * <p>
 * Caffeine's {@code Cache.get(key, loader)} runs the loader inside {@code ConcurrentHashMap.compute}, holding the lock
 * of the key's bin, and a resize of the map waits for every bin's lock: a load of one key made threads that needed
 * other keys wait for it. The profile of the bench's scenario 1 (runs {@code 20261204_194850}, {@code 195837},
 * {@code 200314}) showed command, saga and projection threads blocked 10-82 ms on such locks (57-83 waits a run), in
 * bursts when the keys made together in the warm-up expired together ({@code key-cache-ttl}). Here the map only holds
 * a future while the key loads: callers of the same key wait for that one load, callers of any other key do not.
 */
final class KeyCache<K, V> {

    private final AsyncCache<K, V> entries;

    KeyCache(Duration expireAfterWrite, long maximumSize) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(expireAfterWrite).maximumSize(maximumSize).buildAsync();
    }

    /** The cached value, or the one {@code loader} gives on this thread; a failed load is not cached. */
    V get(K key, Supplier<V> loader) {
        CompletableFuture<V> cached = entries.getIfPresent(key);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            // the common case, every personal field read or written: no future made for it
            return cached.join();
        }
        CompletableFuture<V> reserved = new CompletableFuture<>();
        CompletableFuture<V> current = entries.get(key, (k, executor) -> reserved);
        if (current == reserved) {
            try {
                reserved.complete(loader.get());
            } catch (RuntimeException | Error e) {
                reserved.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return current.join();
        } catch (CompletionException e) {
            // another thread's load failed: the same error, as if this thread had loaded
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    void put(K key, V value) {
        entries.put(key, CompletableFuture.completedFuture(value));
    }

    void invalidate(K key) {
        entries.synchronous().invalidate(key);
    }

    /** Drops the entries whose value matches, and those of loads still running once they give a matching value. */
    void invalidateValues(Predicate<V> matching) {
        entries.asMap().forEach((key, future) -> future.thenAccept(value -> {
            if (matching.test(value)) {
                entries.asMap().remove(key, future);
            }
        }));
    }
}
