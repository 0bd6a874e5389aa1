package com.pnhub.query.redis;

import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The legacy Redis hash PrivateNumber_user_axs: field = user id, value = {"xNumber":…,"bindType":…}
 * while the user holds a number. A field is removed only if it still names the number being given up,
 * so an older event of another number can never erase the user's current one. The processor runs one
 * segment: a transfer touches two users, and only the global order keeps every user's field right.
 */
@Component
@ProcessingGroup(UserAxsProjection.PROCESSING_GROUP)
public class UserAxsProjection {

    public static final String PROCESSING_GROUP = "redis-user-axs";

    private static final RedisScript<Long> REMOVE_IF_NUMBER = new DefaultRedisScript<>("""
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if v and string.find(v, ARGV[2], 1, true) then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;
    private final String key;

    public UserAxsProjection(StringRedisTemplate redis,
                             @Value("${pnhub.redis.user-axs-key:4011:1:PrivateNumber_user_axs}") String key) {
        this.redis = redis;
        this.key = key;
    }

    public static String value(String number, BindType bindType) {
        return "{\"xNumber\":\"" + number + "\",\"bindType\":" + bindType.code() + "}";
    }

    @EventHandler
    void on(AxBoundEvent e) {
        redis.opsForHash().put(key, e.userId(), value(e.number(), BindType.NORMAL));
    }

    @EventHandler
    void on(AxBindingRejectedEvent e) {
        if (e.assignmentEnded()) {
            removeIfHolding(e.userId(), e.number());
        }
    }

    @EventHandler
    void on(NumberReleasedEvent e) {
        removeIfHolding(e.userId(), e.number());
    }

    @EventHandler
    void on(NumberTransferredEvent e) {
        removeIfHolding(e.fromUserId(), e.number());
        redis.opsForHash().put(key, e.toUserId(), value(e.number(), BindType.NORMAL));
    }

    /** A fault binding (or a temporary number) is what the user is reachable through now: bindType 1. */
    @EventHandler
    void on(AxFaultBoundEvent e) {
        redis.opsForHash().put(key, e.userId(), value(e.number(), BindType.TEMPORARY));
    }

    @EventHandler
    void on(FaultBindingRecoveredEvent e) {
        redis.opsForHash().put(key, e.userId(), value(e.number(), e.bindType()));
    }

    @EventHandler
    void on(FaultBindingEndedEvent e) {
        if (e.assignmentEnded()) {
            removeIfHolding(e.userId(), e.number());
        } else {
            // still the user's number (assigned, unbound): an ordinary entry again
            redis.opsForHash().put(key, e.userId(), value(e.number(), BindType.NORMAL));
        }
    }

    /** Unbound but still the user's number (ADR 0001): an ordinary entry, whatever it was before. */
    @EventHandler
    void on(AxUnboundEvent e) {
        if (e.userId() != null && String.valueOf(redis.opsForHash().get(key, e.userId())).contains("\"xNumber\":\"" + e.number() + "\"")) {
            redis.opsForHash().put(key, e.userId(), value(e.number(), BindType.NORMAL));
        }
    }

    @ResetHandler
    void reset() {
        redis.delete(key);
    }

    private void removeIfHolding(String userId, String number) {
        if (userId != null) {
            redis.execute(REMOVE_IF_NUMBER, List.of(key), userId, "\"xNumber\":\"" + number + "\"");
        }
    }
}
