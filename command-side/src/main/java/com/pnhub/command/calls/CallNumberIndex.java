package com.pnhub.command.calls;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which call streams belong to a number (table call_number_index, V10), written in the unit of work that begins the
 * call's stream: a number's history reads its own stream and these, in the store's order.
 */
@Component
public class CallNumberIndex {

    private final JdbcTemplate jdbc;

    public CallNumberIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String number, String callKey) {
        // a second record of the same call waits here for the first, then goes on to the event store, which refuses it
        jdbc.update("INSERT INTO call_number_index (number, call_key) VALUES (?, ?) ON CONFLICT (call_key) DO NOTHING", number, callKey);
    }

    /** The call streams of the number, in the order they were recorded. */
    public List<String> callStreamsOf(String number) {
        return jdbc.queryForList("SELECT call_key FROM call_number_index WHERE number = ? ORDER BY id", String.class, number);
    }
}
