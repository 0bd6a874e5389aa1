package com.pnhub.query.redis;

import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.query.support.UnitOfWorkBatch;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The legacy Redis hash PrivateNumber_user_axs ({@link UserAxsRules}). A batch of the processor reads the fields it
 * touches with one HMGET, applies its events to them in order, and writes what changed with one HSET and one HDEL, all
 * on the one key MIS reads (so a Redis Cluster serves them from one slot). The processor
 * runs one segment: a transfer touches two users, and only the global order keeps every user's field right; it is the
 * hash's only writer.
 */
@Component
@ProcessingGroup(UserAxsProjection.PROCESSING_GROUP)
public class UserAxsProjection {

    public static final String PROCESSING_GROUP = "redis-user-axs";

    private static final Logger log = LoggerFactory.getLogger(UserAxsProjection.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final int replicasToWaitFor;
    private final Duration replicaWaitTimeout;
    private final UnitOfWorkBatch<Object> events = new UnitOfWorkBatch<>(PROCESSING_GROUP, this::write);

    public UserAxsProjection(StringRedisTemplate redis,
                             @Value("${pnhub.redis.user-axs-key:4011:1:PrivateNumber_user_axs}") String key,
                             @Value("${pnhub.redis.replicas-to-wait-for:0}") int replicasToWaitFor,
                             @Value("${pnhub.redis.replica-wait-timeout:1s}") Duration replicaWaitTimeout) {
        this.redis = redis;
        this.key = key;
        this.replicasToWaitFor = replicasToWaitFor;
        this.replicaWaitTimeout = replicaWaitTimeout;
    }

    @EventHandler
    void on(AxBoundEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(AxBindingRejectedEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(NumberReleasedEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(NumberTransferredEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(AxFaultBoundEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(FaultBindingRecoveredEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(FaultBindingEndedEvent e) {
        events.add(e);
    }

    @EventHandler
    void on(AxUnboundEvent e) {
        events.add(e);
    }

    /**
     * With {@code pnhub.redis.replicas-to-wait-for} above 0 (Sentinel), a batch counts as written only once that many
     * replicas have it: Redis replicates after it answers, so a primary killed a moment after a write would take the
     * write with it, the token in PostgreSQL would have moved on, and the promoted replica would lack the change for
     * good (the marker is still there, so {@code RedisHashGuard} sees no reason to rebuild). Too few acknowledgements
     * fail the batch, which is retried from its token (the rules are idempotent); the hash's freshness then waits for
     * a replica, never its completeness (ADR 0018). A retry that finds nothing left to write waits too: WAIT counts
     * the connection's latest write, the earlier attempt's.
     */
    private void awaitReplicas(RedisConnection connection) {
        if (replicasToWaitFor <= 0) {
            return;
        }
        if (connection instanceof RedisClusterConnection) {
            // a cluster routes the writes over per-node connections; a WAIT on this one would count nothing
            return;
        }
        if (!(connection.getNativeConnection() instanceof BaseRedisAsyncCommands<?, ?> commands)) {
            throw new IllegalStateException("pnhub.redis.replicas-to-wait-for needs Lettuce, not " + connection.getClass().getName());
        }
        long acknowledged;
        try {
            acknowledged = commands.waitForReplication(replicasToWaitFor, replicaWaitTimeout.toMillis())
                    .get(replicaWaitTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Redis replicas", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("waiting for Redis replicas failed: " + e, e);
        }
        if (acknowledged < replicasToWaitFor) {
            log.warn("the legacy hash's write reached {} of {} Redis replicas within {}; the batch is retried",
                    acknowledged, replicasToWaitFor, replicaWaitTimeout);
            throw new IllegalStateException("the legacy hash's write reached " + acknowledged + " of " + replicasToWaitFor
                    + " Redis replicas within " + replicaWaitTimeout + "; the batch is retried");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<byte[], byte[]> encode(Map<String, String> fields) {
        Map<byte[], byte[]> encoded = new LinkedHashMap<>();
        fields.forEach((k, v) -> encoded.put(bytes(k), bytes(v)));
        return encoded;
    }

    @ResetHandler
    void reset() {
        redis.delete(key);
    }

    private void write(List<Object> batch) {
        Set<String> users = new LinkedHashSet<>();
        batch.forEach(e -> users.addAll(UserAxsRules.users(e)));
        if (users.isEmpty()) {
            return;
        }
        List<String> fields = new ArrayList<>(users);
        List<Object> current = redis.opsForHash().multiGet(key, new ArrayList<>(fields));
        Map<String, String> before = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (current.get(i) != null) {
                before.put(fields.get(i), current.get(i).toString());
            }
        }
        Map<String, String> after = new HashMap<>(before);
        batch.forEach(e -> UserAxsRules.apply(after, e));
        Map<String, String> put = new HashMap<>();
        List<String> removed = new ArrayList<>();
        for (String user : fields) {
            String was = before.get(user);
            String now = after.get(user);
            if (now == null && was != null) {
                removed.add(user);
            } else if (now != null && !Objects.equals(now, was)) {
                put.put(user, now);
            }
        }
        // one connection (Lettuce's shared one) for the writes and the WAIT, which counts only its own client's writes;
        // a retried batch that finds its earlier writes in place has nothing to write, but still waits for them
        redis.execute((RedisCallback<Void>) connection -> {
            if (!put.isEmpty()) {
                connection.hashCommands().hMSet(bytes(key), encode(put));
            }
            if (!removed.isEmpty()) {
                connection.hashCommands().hDel(bytes(key), removed.stream().map(UserAxsProjection::bytes).toArray(byte[][]::new));
            }
            awaitReplicas(connection);
            return null;
        });
    }
}
