package com.pnhub.command.number;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link CallLedger} on the call_record_ledger table and the xb_callback_id sequence (V9). */
@Component
public class JdbcCallLedger implements CallLedger {

    private final JdbcTemplate jdbc;

    public JdbcCallLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String callId, String number) {
        // a concurrent claim of the same call waits here for the first transaction, then finds the row
        return jdbc.update("INSERT INTO call_record_ledger (call_id, number) VALUES (?, ?) ON CONFLICT (call_id) DO NOTHING",
                callId, number) == 1;
    }

    @Override
    public long nextCallbackId() {
        Long id = jdbc.queryForObject("SELECT nextval('xb_callback_id')", Long.class);
        return id == null ? 0 : id;
    }
}
