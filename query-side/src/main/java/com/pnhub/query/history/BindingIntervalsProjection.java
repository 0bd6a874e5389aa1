package com.pnhub.query.history;

import com.pnhub.api.history.ClientBindingInterval;
import com.pnhub.api.history.FindClientBindingBySubsQuery;
import com.pnhub.api.history.FindClientBindingsAtQuery;
import com.pnhub.api.history.FindHolderAtQuery;
import com.pnhub.api.history.HolderInterval;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.ClientBindingContext;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * The binding intervals behind GET /api/v1/numbers/{x}/holder?at= and call attribution: one row per period in which X was held
 * by one agent with one A (docs/point-in-time.md). A binding opens a period, a new A or a new holder closes
 * it and opens the next, the end of the binding closes it. Every write is keyed by the event's sequence
 * number (primary key (number, seq_from), closes only touch periods opened before the closing event), so an
 * event applied twice changes nothing; a reset truncates and rebuilds. Customer (XB) bindings have one row
 * each in xb_interval, keyed by binding id.
 */
@Component
@ProcessingGroup(BindingIntervalsProjection.PROCESSING_GROUP)
public class BindingIntervalsProjection {

    public static final String PROCESSING_GROUP = "binding-intervals";

    static final String AX = "AX";
    static final String FAULT = "FAULT";

    private final JdbcTemplate jdbc;

    public BindingIntervalsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AxBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        open(e.number(), seq, at, e.userId(), e.phoneA(), e.subsId(), AX);
    }

    @EventHandler
    void on(AxFaultBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        open(e.number(), seq, at, e.userId(), e.phoneA(), e.subsId(), FAULT);
    }

    /** Same holder, new A. */
    @EventHandler
    void on(AxPhoneChangedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.number(), seq, at, null, e.newPhoneA(), null, null);
    }

    /** New holder (and its A); a transfer of an assigned but unbound number opens nothing. */
    @EventHandler
    void on(NumberTransferredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.number(), seq, at, e.toUserId(), e.newPhoneA(), null, null);
    }

    /** The provider took the fault binding: the same holder, now bound (AX) with a subscription. */
    @EventHandler
    void on(FaultBindingRecoveredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.number(), seq, at, e.userId(), e.phoneA(), e.subsId(), AX);
    }

    @EventHandler
    void on(AxUnboundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        close(e.number(), seq, at);
    }

    @EventHandler
    void on(NumberReleasedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        close(e.number(), seq, at);
    }

    @EventHandler
    void on(FaultBindingEndedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        close(e.number(), seq, at);
    }

    /** A customer binding lives from the provider's bind until it ended (not merely expired). */
    @EventHandler
    void on(XbBoundEvent e, @Timestamp Instant at) {
        ClientBindingContext c = e.context();
        jdbc.update("""
                INSERT INTO xb_interval (binding_id, number, callback_id, user_id, phone_a, phone_b, subs_id, map_class_id,
                                         map_id, contact_map_class_id, contact_id, valid_from, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (binding_id) DO NOTHING""",
                e.bindingId(), e.number(), e.callbackId(), e.userId(), e.phoneA(), e.phoneB(), e.subsId(),
                c == null ? null : c.mapClassId(), c == null ? null : c.mapId(),
                c == null ? null : c.contactMapClassId(), c == null ? null : c.contactId(), ts(at), ts(e.expiresAt()));
    }

    @EventHandler
    void on(XbBindingExtendedEvent e) {
        jdbc.update("UPDATE xb_interval SET expires_at = ? WHERE binding_id = ?", ts(e.expiresAt()), e.bindingId());
    }

    @EventHandler
    void on(XbUnboundEvent e, @Timestamp Instant at) {
        jdbc.update("UPDATE xb_interval SET valid_to = ? WHERE binding_id = ? AND valid_to IS NULL", ts(at), e.bindingId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE binding_interval");
        jdbc.execute("TRUNCATE xb_interval");
    }

    @QueryHandler
    public List<ClientBindingInterval> handle(FindClientBindingsAtQuery q) {
        return jdbc.query("SELECT * FROM xb_interval WHERE number = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
                + "ORDER BY valid_from", BindingIntervalsProjection::clientBinding, q.number(), ts(q.at()), ts(q.at()));
    }

    @QueryHandler
    public ClientBindingInterval handle(FindClientBindingBySubsQuery q) {
        List<ClientBindingInterval> rows = jdbc.query("SELECT * FROM xb_interval WHERE number = ? AND subs_id = ? "
                + "ORDER BY valid_from DESC LIMIT 1", BindingIntervalsProjection::clientBinding, q.number(), q.subsId());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static ClientBindingInterval clientBinding(ResultSet rs, int i) throws SQLException {
        OffsetDateTime to = rs.getObject("valid_to", OffsetDateTime.class);
        ClientBindingContext context = new ClientBindingContext(rs.getLong("map_class_id"), rs.getLong("map_id"),
                rs.getLong("contact_map_class_id"), rs.getLong("contact_id"));
        return new ClientBindingInterval(rs.getString("binding_id"), rs.getLong("callback_id"), rs.getString("user_id"),
                rs.getString("phone_a"), rs.getString("phone_b"), rs.getString("subs_id"), context,
                rs.getObject("valid_from", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(), to == null ? null : to.toInstant());
    }

    @QueryHandler
    public HolderInterval handle(FindHolderAtQuery q) {
        List<HolderInterval> rows = jdbc.query("""
                SELECT user_id, phone_a, subs_id, kind, valid_from, valid_to
                  FROM binding_interval
                 WHERE number = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
                 ORDER BY valid_from DESC, seq_from DESC
                 LIMIT 1""", BindingIntervalsProjection::interval, q.number(), ts(q.at()), ts(q.at()));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Closes whatever period is open and opens a new one. */
    private void open(String number, long seq, Instant at, String userId, String phoneA, String subsId, String kind) {
        close(number, seq, at);
        jdbc.update("""
                INSERT INTO binding_interval (number, seq_from, valid_from, user_id, phone_a, subs_id, kind)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (number, seq_from) DO NOTHING""",
                number, seq, ts(at), userId, phoneA, subsId, kind);
    }

    /**
     * Opens the next period from the one that was open when the event happened (null values carry over),
     * and closes that one. The period before the event was open then if it is still open or was closed by
     * this event or a later one (seq_to >= seq), which keeps a redelivered event from opening anything.
     */
    private void change(String number, long seq, Instant at, String userId, String phoneA, String subsId, String kind) {
        jdbc.update("""
                INSERT INTO binding_interval (number, seq_from, valid_from, user_id, phone_a, subs_id, kind)
                SELECT number, ?, ?, COALESCE(?, user_id), COALESCE(?, phone_a), COALESCE(?, subs_id), COALESCE(?, kind)
                  FROM (SELECT * FROM binding_interval WHERE number = ? AND seq_from < ?
                         ORDER BY seq_from DESC LIMIT 1) before
                 WHERE before.seq_to IS NULL OR before.seq_to >= ?
                ON CONFLICT (number, seq_from) DO NOTHING""",
                seq, ts(at), userId, phoneA, subsId, kind, number, seq, seq);
        close(number, seq, at);
    }

    /** Closes the period opened before this event, if it is still open. */
    private void close(String number, long seq, Instant at) {
        jdbc.update("UPDATE binding_interval SET valid_to = ?, seq_to = ? WHERE number = ? AND valid_to IS NULL AND seq_from < ?",
                ts(at), seq, number, seq);
    }

    private static OffsetDateTime ts(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static HolderInterval interval(ResultSet rs, int i) throws SQLException {
        OffsetDateTime to = rs.getObject("valid_to", OffsetDateTime.class);
        return new HolderInterval(rs.getString("user_id"), rs.getString("phone_a"), rs.getString("subs_id"),
                rs.getString("kind"), rs.getObject("valid_from", OffsetDateTime.class).toInstant(),
                to == null ? null : to.toInstant());
    }
}
