package com.pnhub.app.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a bad input must not change: the read models number_view and agent_view, the legacy Redis hash and the
 * event store (its size and head). Compared whole, so a difference is reported row by row.
 */
record DataSnapshot(long events, long head, TreeSet<String> numberView, TreeSet<String> agentView,
                    TreeMap<String, String> redisHash) {

    static DataSnapshot take(JdbcTemplate jdbc, StringRedisTemplate redis, String redisKey) {
        Map<String, Object> store = jdbc.queryForMap("SELECT count(*) AS n, coalesce(max(global_index), 0) AS head FROM domain_event_entry");
        TreeSet<String> numbers = new TreeSet<>(jdbc.query(
                "SELECT number, platform, pool_id, region_id, number_state, bind_state, user_id, tuser_id, phone_a, subs_id, "
                        + "last_sequence FROM number_view", (rs, i) -> row(rs, 11)));
        TreeSet<String> agents = new TreeSet<>(jdbc.query("SELECT user_id, name, phone FROM agent_view", (rs, i) -> row(rs, 3)));
        TreeMap<String, String> hash = new TreeMap<>();
        redis.<String, String>opsForHash().entries(redisKey).forEach(hash::put);
        return new DataSnapshot(((Number) store.get("n")).longValue(), ((Number) store.get("head")).longValue(), numbers, agents, hash);
    }

    /** Takes snapshots a second apart until two agree (background work of earlier tests has settled), at most {@code tries}. */
    static DataSnapshot settled(JdbcTemplate jdbc, StringRedisTemplate redis, String redisKey, int tries) throws InterruptedException {
        DataSnapshot previous = take(jdbc, redis, redisKey);
        for (int i = 0; i < tries; i++) {
            Thread.sleep(1_000);
            DataSnapshot now = take(jdbc, redis, redisKey);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** The differences from {@code before}, one line each; empty when nothing changed. */
    List<String> differencesFrom(DataSnapshot before, JdbcTemplate jdbc) {
        List<String> diff = new ArrayList<>();
        if (events != before.events || head != before.head) {
            diff.add("event store: " + before.events + " events (head " + before.head + ") -> " + events + " (head " + head + ")");
            // the request id tells a bad input's event from background work of an earlier test (a saga, a deadline)
            jdbc.query("SELECT global_index, payload_type, aggregate_identifier, "
                            + "substring(convert_from(meta_data, 'UTF8') from '\"requestId\"\\s*:\\s*\"([^\"]*)\"') "
                            + "FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 20",
                    rs -> {
                        diff.add("  new event " + rs.getLong(1) + " " + rs.getString(2) + " of " + rs.getString(3)
                                + ", requestId " + rs.getString(4));
                    }, before.head);
        }
        setDiff("number_view", before.numberView, numberView, diff);
        setDiff("agent_view", before.agentView, agentView, diff);
        if (!redisHash.equals(before.redisHash)) {
            diff.add("redis hash: " + before.redisHash.size() + " fields -> " + redisHash.size());
        }
        return diff;
    }

    private static void setDiff(String name, TreeSet<String> before, TreeSet<String> after, List<String> diff) {
        TreeSet<String> gone = new TreeSet<>(before);
        gone.removeAll(after);
        TreeSet<String> added = new TreeSet<>(after);
        added.removeAll(before);
        gone.stream().limit(10).forEach(r -> diff.add(name + " - " + r));
        added.stream().limit(10).forEach(r -> diff.add(name + " + " + r));
    }

    private static String row(java.sql.ResultSet rs, int columns) throws java.sql.SQLException {
        StringBuilder b = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
            b.append(c == 1 ? "" : "|").append(rs.getString(c));
        }
        return b.toString();
    }
}
