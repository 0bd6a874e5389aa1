package com.pnhub.bridge.deadletter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of what operators did with dead letters (table {@code dead_letter_action}, V12): who re-drove or
 * discarded which message of which queue, when, why it had been dead-lettered and the discard's note. Never the
 * body: it holds phone numbers.
 */
public class DeadLetterActions {

    public enum Action { REDRIVEN, DISCARDED }

    public record Recorded(Instant at, String queue, String messageId, Action action, String note, String actor,
                           String reason) {
    }

    private final JdbcTemplate jdbc;

    public DeadLetterActions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(List<Recorded> actions) {
        jdbc.batchUpdate("INSERT INTO dead_letter_action (at, queue, message_id, action, note, actor, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", actions, actions.size(), (ps, a) -> {
                    ps.setTimestamp(1, Timestamp.from(a.at()));
                    ps.setString(2, a.queue());
                    ps.setString(3, a.messageId());
                    ps.setString(4, a.action().name());
                    ps.setString(5, a.note());
                    ps.setString(6, a.actor());
                    ps.setString(7, a.reason());
                });
    }

    /** Newest first. */
    public List<Recorded> latest(int limit) {
        return jdbc.query("SELECT at, queue, message_id, action, note, actor, reason FROM dead_letter_action"
                        + " ORDER BY at DESC, id DESC LIMIT ?",
                (rs, i) -> new Recorded(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        Action.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7)), limit);
    }
}
