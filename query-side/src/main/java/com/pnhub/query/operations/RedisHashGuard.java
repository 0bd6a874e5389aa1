package com.pnhub.query.operations;

import com.pnhub.query.redis.UserAxsProjection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the legacy hash complete when Redis loses its data (a restart without persistence, a flush, a failover
 * to an empty replica). The {@code redis-user-axs} tokens live in PostgreSQL and would go on from where they
 * were, writing only what happens next; so next to the hash lies a marker key, written when the hash was last
 * rebuilt from the event store. Redis loses both together: a missing marker means the hash can no longer be
 * trusted, and the processor is replayed (its reset handler deletes the hash) and the marker written again.
 * <p>
 * While Redis is down nothing is skipped: the projection's handlers fail, the batch is retried from its token,
 * and commands never touch Redis. The check runs on a thread of its own (the shared scheduler also runs the
 * reconciliation job) when the application is ready and then every {@code pnhub.redis.marker-check-interval};
 * the first check also rebuilds the local profile's in-memory Redis after a restart.
 */
@Component
public class RedisHashGuard implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisHashGuard.class);

    private final StringRedisTemplate redis;
    private final EventProcessingConfiguration processing;
    private final String hashKey;
    private final String markerKey;
    private final Duration interval;
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile boolean redisWasDown;
    private volatile Instant lastRebuild;
    private ScheduledExecutorService executor;

    public RedisHashGuard(StringRedisTemplate redis, EventProcessingConfiguration processing,
                          @Value("${pnhub.redis.user-axs-key:4011:1:PrivateNumber_user_axs}") String hashKey,
                          @Value("${pnhub.redis.marker-check-interval:5s}") Duration interval,
                          ObjectProvider<MeterRegistry> meters) {
        this.redis = redis;
        this.processing = processing;
        this.hashKey = hashKey;
        this.markerKey = markerKey(hashKey);
        this.interval = interval;
        meters.ifAvailable(m -> m.gauge("pnhub.redis.hash.rebuilds", rebuilds));
    }

    /**
     * The marker that sits next to the hash; not a field of it, which legacy readers would take for a user. Its hash
     * tag is the hash's own key (or the hash key's tag, where it has one), so that in a Redis Cluster both lie in one
     * slot, on one primary, and are lost together: a marker on another shard would survive the loss of the hash's
     * shard, and nothing would rebuild it (ADR 0018). The hash's own name stays as MIS reads it.
     */
    public static String markerKey(String hashKey) {
        if (hasHashTag(hashKey)) {
            return hashKey + ":rebuilt-at";
        }
        if (hashKey.indexOf('}') >= 0) {
            // "{" + key + "}" would end its tag at the key's own '}', and no other name shares the slot of such a key
            throw new IllegalArgumentException("pnhub.redis.user-axs-key " + hashKey + " has a '}' but no hash tag: "
                    + "no marker key can share its Redis Cluster slot");
        }
        return "{" + hashKey + "}:rebuilt-at";
    }

    /** The marker before ADR 0018, which a Redis Cluster could place on another shard than the hash. */
    static String legacyMarkerKey(String hashKey) {
        return hashKey + ":rebuilt-at";
    }

    /** Redis Cluster's rule: the part between the first '{' and the next '}', if not empty, decides the slot. */
    private static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1;
    }

    /** Checks the marker; rebuilds the hash when it is gone. Returns whether a rebuild was started. */
    public boolean check() {
        boolean present;
        try {
            present = Boolean.TRUE.equals(redis.hasKey(markerKey)) || adoptLegacyMarker();
        } catch (RuntimeException e) {
            if (!redisWasDown) {
                log.warn("Redis unreachable ({}); the redis-user-axs projection retries until it is back", e.getClass().getSimpleName());
                redisWasDown = true;
            }
            return false;
        }
        if (redisWasDown) {
            log.info("Redis reachable again");
            redisWasDown = false;
        }
        return !present && rebuild();
    }

    /**
     * A server of an earlier version has written the marker under its old name: on one server (standalone or
     * Sentinel, all the earlier versions knew) it was lost together with the hash, so it still vouches for it; taken
     * over instead of rebuilding, which would empty the hash MIS reads for the length of a replay.
     */
    private boolean adoptLegacyMarker() {
        String legacy = legacyMarkerKey(hashKey);
        if (legacy.equals(markerKey)) {
            return false;
        }
        String since = redis.opsForValue().get(legacy);
        if (since == null) {
            return false;
        }
        redis.opsForValue().set(markerKey, since);
        redis.delete(legacy);
        log.info("Redis marker {} taken over as {}", legacy, markerKey);
        return true;
    }

    private boolean rebuild() {
        Optional<StreamingEventProcessor> found = processing.eventProcessor(UserAxsProjection.PROCESSING_GROUP, StreamingEventProcessor.class);
        if (found.isEmpty()) {
            return false;
        }
        StreamingEventProcessor processor = found.get();
        log.warn("Redis key {} has no marker (Redis lost its data, or this is the first start): rebuilding the hash "
                + "from the event store", markerKey);
        processor.shutDown();
        try {
            // the reset handler deletes the hash; written after it, the marker cannot survive a loss the hash did not
            processor.resetTokens();
            redis.opsForValue().set(markerKey, Instant.now().toString());
            rebuilds.incrementAndGet();
            lastRebuild = Instant.now();
            return true;
        } catch (RuntimeException e) {
            // another instance holds the segment, or Redis went away again: the next check tries again
            log.warn("rebuilding the Redis hash failed, next try in {}: {}", interval, e.toString());
            return false;
        } finally {
            processor.start();
        }
    }

    public long rebuilds() {
        return rebuilds.get();
    }

    public Optional<Instant> lastRebuild() {
        return Optional.ofNullable(lastRebuild);
    }

    /** From the ready event on: by then Axon's processors run, and a replay cannot race their start. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-hash-guard");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Redis hash check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
