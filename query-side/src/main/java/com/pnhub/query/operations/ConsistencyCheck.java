package com.pnhub.query.operations;

import com.pnhub.query.numbers.NumberViewProjection;
import com.pnhub.query.redis.UserAxsProjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compares the read models (number_view, agent_view, the legacy Redis hash) with a fresh fold of the
 * event store. It compares only a quiet picture: the fold's position must be covered by every segment
 * of both projections (read from token_entry, so segments owned by other instances count too) and no
 * event may arrive while the models are read; otherwise it waits, and in the end reports the lag
 * instead of differences that are only events in flight.
 */
@Component
public class ConsistencyCheck {

    static final List<String> PROJECTIONS = List.of(NumberViewProjection.PROCESSING_GROUP, UserAxsProjection.PROCESSING_GROUP);
    private static final Duration POLL = Duration.ofMillis(200);

    private final EventStorageEngine storage;
    private final Serializer tokenSerializer;
    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final String redisKey;
    private final NumberStateMachine machine;

    public ConsistencyCheck(EventStorageEngine storage, Serializer tokenSerializer, JdbcTemplate jdbc, StringRedisTemplate redis,
                            @Value("${pnhub.redis.user-axs-key:4011:1:PrivateNumber_user_axs}") String redisKey,
                            NumberStateMachine machine) {
        this.storage = storage;
        this.tokenSerializer = tokenSerializer;
        this.jdbc = jdbc;
        this.redis = redis;
        this.redisKey = redisKey;
        this.machine = machine;
    }

    public record Difference(String kind, String key, Object expected, Object actual) {
    }

    /** A segment that has not processed the fold's position yet. */
    public record Lag(String processor, int segment, Long position, String owner) {
    }

    public record Report(boolean consistent, boolean caughtUp, int checkedNumbers, int checkedUsers, Long position,
                         List<Lag> lag, List<Difference> differences) {
    }

    /** Waits up to {@code wait} for the projections to catch up with the store, then compares. */
    public Report run(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Fold fold = new Fold(new ExpectedState(machine));
        while (true) {
            fold.catchUp(storage);
            List<Lag> lag = lagBehind(fold.token);
            if (lag.isEmpty()) {
                Actual actual = readModels();
                if (!eventsAfter(fold.token)) {
                    List<Difference> differences = compare(fold.state, actual);
                    return new Report(differences.isEmpty(), true, fold.state.numbers().size(),
                            fold.state.redis().size(), position(fold.token), List.of(), differences);
                }
            }
            if (System.nanoTime() > deadline) {
                return new Report(false, false, fold.state.numbers().size(), fold.state.redis().size(),
                        position(fold.token), lag, List.of());
            }
            sleep();
        }
    }

    /** The fold so far and the position it has read up to; waiting continues it instead of starting over. */
    private static final class Fold {
        final ExpectedState state;
        TrackingToken token;

        Fold(ExpectedState state) {
            this.state = state;
        }

        void catchUp(EventStorageEngine storage) {
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
                events.forEach(m -> {
                    state.apply(m);
                    token = m.trackingToken();
                });
            }
        }
    }

    private record Actual(Map<String, Map<String, Object>> numbers, Map<String, ExpectedState.Agent> agents, Map<String, String> redis) {
    }

    private boolean eventsAfter(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
            return events.findAny().isPresent();
        }
    }

    /**
     * Read from Axon's token table by SQL, only the rows of this side's own processors: the TokenStore API hands out a
     * segment's token only by claiming it, which would take the segment from the instance processing it.
     */
    private List<Lag> lagBehind(TrackingToken folded) {
        List<Lag> lag = new ArrayList<>();
        for (String processor : PROJECTIONS) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT segment, token, token_type, owner FROM token_entry WHERE processor_name = ? ORDER BY segment", processor);
            if (rows.isEmpty()) {
                lag.add(new Lag(processor, -1, null, null));
            }
            for (Map<String, Object> row : rows) {
                TrackingToken token = row.get("token") == null ? null : WrappedToken.unwrapLowerBound(tokenSerializer.deserialize(
                        new SimpleSerializedObject<>((byte[]) row.get("token"), byte[].class, (String) row.get("token_type"), null)));
                boolean covered = folded == null || token != null && token.covers(WrappedToken.unwrapLowerBound(folded));
                if (!covered) {
                    lag.add(new Lag(processor, ((Number) row.get("segment")).intValue(), position(token), (String) row.get("owner")));
                }
            }
        }
        return lag;
    }

    private Actual readModels() {
        Map<String, Map<String, Object>> numbers = new TreeMap<>();
        jdbc.query("SELECT number, number_state, bind_state, user_id, tuser_id, phone_a, subs_id FROM number_view", rs -> {
            Map<String, Object> m = new HashMap<>();
            m.put("numberState", rs.getInt("number_state"));
            m.put("bindState", rs.getString("bind_state"));
            // after a transfer the row reads "from user_id to tuser_id": the holder is the receiver
            m.put("holder", rs.getString("tuser_id") != null ? rs.getString("tuser_id") : rs.getString("user_id"));
            m.put("phoneA", rs.getString("phone_a"));
            m.put("subsId", rs.getString("subs_id"));
            numbers.put(rs.getString("number"), m);
        });
        Map<String, ExpectedState.Agent> agents = new TreeMap<>();
        jdbc.query("SELECT user_id, name, phone FROM agent_view",
                rs -> {
                    agents.put(rs.getString(1), new ExpectedState.Agent(rs.getString(2), rs.getString(3)));
                });
        Map<String, String> hash = new TreeMap<>();
        redis.opsForHash().entries(redisKey).forEach((k, v) -> hash.put(String.valueOf(k), String.valueOf(v)));
        return new Actual(numbers, agents, hash);
    }

    private static List<Difference> compare(ExpectedState expected, Actual actual) {
        List<Difference> out = new ArrayList<>();
        expected.numbers().forEach((number, n) -> {
            Map<String, Object> row = actual.numbers().get(number);
            if (row == null) {
                out.add(new Difference("number_view.missing", number, ExpectedState.fields(n), null));
                return;
            }
            ExpectedState.fields(n).forEach((field, value) -> {
                if (!Objects.equals(value, row.get(field))) {
                    out.add(new Difference("number_view." + field, number, value, row.get(field)));
                }
            });
        });
        actual.numbers().keySet().stream().filter(k -> !expected.numbers().containsKey(k))
                .forEach(k -> out.add(new Difference("number_view.unexpected", k, null, actual.numbers().get(k))));
        mapDifferences("agent_view", expected.agents(), actual.agents(), out);
        mapDifferences("redis", expected.redis(), actual.redis(), out);
        return out;
    }

    private static <V> void mapDifferences(String kind, Map<String, V> expected, Map<String, V> actual, List<Difference> out) {
        expected.forEach((key, value) -> {
            if (!Objects.equals(value, actual.get(key))) {
                out.add(new Difference(kind, key, value, actual.get(key)));
            }
        });
        actual.forEach((key, value) -> {
            if (!expected.containsKey(key)) {
                out.add(new Difference(kind, key, null, value));
            }
        });
    }

    private static Long position(TrackingToken token) {
        return token == null || token.position().isEmpty() ? null : token.position().getAsLong();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the projections", e);
        }
    }
}
