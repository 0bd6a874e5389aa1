package com.pnhub.query.numbers;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.agents.AgentView;
import com.pnhub.api.agents.FindAgentQuery;
import com.pnhub.api.numbers.AgentNumberRow;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRejectedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxTransferRejectedEvent;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.FindAgentNumbersQuery;
import com.pnhub.api.numbers.FindNumberQuery;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.api.numbers.Platform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL read model behind QueryAgentNumbers and GET /api/v1/numbers/{x}: one row per number,
 * plus the agents' names. Every write is guarded by the event's sequence number, so an event applied
 * twice (a redelivery, a replay over existing rows) changes nothing; a reset truncates and rebuilds.
 */
@Component
@ProcessingGroup(NumberViewProjection.PROCESSING_GROUP)
public class NumberViewProjection {

    public static final String PROCESSING_GROUP = "number-view";

    private final JdbcTemplate jdbc;

    public NumberViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NumberRegisteredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO number_view (number, platform, pool_id, region_id, number_state, bind_state, last_sequence, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO NOTHING""",
                e.number(), e.platform().code(), e.poolId(), e.regionId(), NumberState.NORMAL.code(),
                BindState.UNBOUND.name(), seq, ts(at));
    }

    @EventHandler
    void on(AxBindRequestedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        // a holder who got the number by transfer keeps the row's "from" account (user_id)
        update(e.number(), seq, at,
                "user_id = CASE WHEN tuser_id = ? THEN user_id ELSE ? END, phone_a = ?, region_id = ?, bind_state = ?",
                e.userId(), e.userId(), e.phoneA(), e.regionId(), BindState.BINDING.name());
    }

    @EventHandler
    void on(AxBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?, subs_id = ?, phone_a = ?", BindState.BOUND.name(), e.subsId(), e.phoneA());
    }

    @EventHandler
    void on(AxBindingRejectedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (e.assignmentEnded()) {
            update(e.number(), seq, at, "bind_state = ?, phone_a = NULL, user_id = NULL, tuser_id = NULL", BindState.UNBOUND.name());
        } else {
            update(e.number(), seq, at, "bind_state = ?, phone_a = NULL", BindState.UNBOUND.name());
        }
    }

    @EventHandler
    void on(AxUnbindRequestedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?", BindState.UNBINDING.name());
    }

    @EventHandler
    void on(AxUnboundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?, subs_id = NULL, phone_a = NULL", BindState.UNBOUND.name());
    }

    @EventHandler
    void on(AxUnbindingRejectedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?", BindState.BOUND.name());
    }

    @EventHandler
    void on(AxPhoneChangeRequestedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?", BindState.CHANGING_A.name());
    }

    @EventHandler
    void on(AxPhoneChangedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?, phone_a = ?", BindState.BOUND.name(), e.newPhoneA());
    }

    @EventHandler
    void on(AxPhoneChangeRejectedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?", BindState.BOUND.name());
    }

    @EventHandler
    void on(AxTransferRequestedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?", BindState.CHANGING_A.name());
    }

    /** The row now reads "transferred from userId to tuserId", the contract's reading of #3's columns. */
    @EventHandler
    void on(NumberTransferredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "user_id = ?, tuser_id = ?, phone_a = ?, "
                        + "bind_state = CASE WHEN bind_state = 'CHANGING_A' THEN 'BOUND' ELSE bind_state END",
                e.fromUserId(), e.toUserId(), e.newPhoneA());
    }

    @EventHandler
    void on(AxTransferRejectedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?", BindState.BOUND.name());
    }

    @EventHandler
    void on(AxFaultBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at,
                "user_id = CASE WHEN tuser_id = ? THEN user_id ELSE ? END, phone_a = ?, subs_id = ?, bind_state = ?",
                e.userId(), e.userId(), e.phoneA(), e.subsId(), BindState.FAULT.name());
    }

    @EventHandler
    void on(FaultBindingRecoveredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "bind_state = ?, subs_id = ?", BindState.BOUND.name(), e.subsId());
    }

    @EventHandler
    void on(FaultBindingEndedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (e.assignmentEnded()) {
            update(e.number(), seq, at, "bind_state = ?, phone_a = NULL, subs_id = NULL, user_id = NULL, tuser_id = NULL",
                    BindState.UNBOUND.name());
        } else {
            update(e.number(), seq, at, "bind_state = ?, phone_a = NULL, subs_id = NULL", BindState.UNBOUND.name());
        }
    }

    @EventHandler
    void on(AgentPhoneChangedEvent e) {
        jdbc.update("INSERT INTO agent_view (user_id, name, phone) VALUES (?, NULL, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET phone = EXCLUDED.phone", e.userId(), e.newPhone());
    }

    @EventHandler
    void on(NumberStateChangedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at, "number_state = ?", e.newState().code());
    }

    @EventHandler
    void on(NumberReleasedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.number(), seq, at,
                "bind_state = ?, user_id = NULL, tuser_id = NULL, phone_a = NULL, subs_id = NULL", BindState.UNBOUND.name());
    }

    @EventHandler
    void on(AgentProfileUpdatedEvent e) {
        jdbc.update("""
                INSERT INTO agent_view (user_id, name, phone) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone""",
                e.userId(), e.name(), e.phone());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE number_view, agent_view");
    }

    @QueryHandler
    public List<AgentNumberRow> handle(FindAgentNumbersQuery q) {
        return jdbc.query("""
                SELECT n.*, u.name AS user_name, t.name AS tuser_name
                  FROM number_view n
                  LEFT JOIN agent_view u ON u.user_id = n.user_id
                  LEFT JOIN agent_view t ON t.user_id = n.tuser_id
                 WHERE n.user_id = ? OR n.tuser_id = ?
                 ORDER BY n.number""", NumberViewProjection::agentNumberRow, q.userId(), q.userId());
    }

    @QueryHandler
    public NumberView handle(FindNumberQuery q) {
        List<NumberView> rows = jdbc.query("SELECT * FROM number_view WHERE number = ?", NumberViewProjection::numberView, q.number());
        return rows.isEmpty() ? null : rows.get(0);
    }

    @QueryHandler
    public AgentView handle(FindAgentQuery q) {
        List<AgentView> rows = jdbc.query("SELECT user_id, name, phone FROM agent_view WHERE user_id = ?",
                (rs, i) -> new AgentView(rs.getString(1), rs.getString(2), rs.getString(3)), q.userId());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void update(String number, long seq, Instant at, String assignments, Object... values) {
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = seq;
        args[values.length + 1] = ts(at);
        args[values.length + 2] = number;
        args[values.length + 3] = seq;
        jdbc.update("UPDATE number_view SET " + assignments + ", last_sequence = ?, updated_at = ? WHERE number = ? AND last_sequence < ?", args);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static AgentNumberRow agentNumberRow(ResultSet rs, int i) throws SQLException {
        Platform platform = Platform.ofCode(rs.getInt("platform"));
        BindState bindState = BindState.valueOf(rs.getString("bind_state"));
        return new AgentNumberRow(
                bindState.label(),
                NumberState.ofCode(rs.getInt("number_state")).label(),
                platform.code(),
                platform.displayName(),
                rs.getString("user_id"),
                rs.getString("user_name"),
                nullToEmpty(rs.getString("tuser_name")),
                nullToEmpty(rs.getString("tuser_id")),
                rs.getLong("pool_id"),
                rs.getString("phone_a"),
                rs.getString("number"),
                rs.getString("subs_id"));
    }

    private static NumberView numberView(ResultSet rs, int i) throws SQLException {
        return new NumberView(rs.getString("number"), Platform.ofCode(rs.getInt("platform")), rs.getLong("pool_id"),
                rs.getLong("region_id"), NumberState.ofCode(rs.getInt("number_state")),
                BindState.valueOf(rs.getString("bind_state")), rs.getString("user_id"), rs.getString("phone_a"),
                rs.getString("subs_id"), rs.getTimestamp("updated_at").toInstant());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
