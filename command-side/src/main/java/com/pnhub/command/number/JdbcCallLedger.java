package com.pnhub.command.number;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link CallLedger} on the call_record_ledger table (written up to V9, read since) and the xb_callback_id sequence. */
@Component
public class JdbcCallLedger implements CallLedger {

    private final JdbcTemplate jdbc;

    public JdbcCallLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean recordedBefore(String callId) {
        return !jdbc.queryForList("SELECT 1 FROM call_record_ledger WHERE call_id = ?", Integer.class, callId).isEmpty();
    }

    @Override
    public long nextCallbackId() {
        Long id = jdbc.queryForObject("SELECT nextval('xb_callback_id')", Long.class);
        return id == null ? 0 : id;
    }
}
