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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The legacy Redis hash PrivateNumber_user_axs ({@link UserAxsRules}). A batch of the processor reads the fields it
 * touches with one HMGET, applies its events to them in order, and writes what changed in one pipeline. The processor
 * runs one segment: a transfer touches two users, and only the global order keeps every user's field right; it is the
 * hash's only writer.
 */
@Component
@ProcessingGroup(UserAxsProjection.PROCESSING_GROUP)
public class UserAxsProjection {

    public static final String PROCESSING_GROUP = "redis-user-axs";

    private final StringRedisTemplate redis;
    private final String key;
    private final UnitOfWorkBatch<Object> events = new UnitOfWorkBatch<>(PROCESSING_GROUP, this::write);

    public UserAxsProjection(StringRedisTemplate redis,
                             @Value("${pnhub.redis.user-axs-key:4011:1:PrivateNumber_user_axs}") String key) {
        this.redis = redis;
        this.key = key;
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
        if (put.isEmpty() && removed.isEmpty()) {
            return;
        }
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                if (!put.isEmpty()) {
                    ops.opsForHash().putAll(key, put);
                }
                if (!removed.isEmpty()) {
                    ops.opsForHash().delete(key, removed.toArray());
                }
                return null;
            }
        });
    }
}
