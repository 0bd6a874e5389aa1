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
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.query.support.UnitOfWorkBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The binding intervals behind GET /api/v1/numbers/{x}/holder?at= and call attribution: one row per period in which X was held
 * by one agent with one A (docs/point-in-time.md). A binding opens a period, a new A or a new holder closes
 * it and opens the next, the end of the binding closes it. A period is keyed by the sequence number of the
 * event that opened it (primary key (number, seq_from)) and an event at or before the open period's start is
 * passed over, so an event applied twice changes nothing; a reset truncates and rebuilds. Customer (XB) bindings
 * have one row each in xb_interval, keyed by binding id. Each batch of the processor is written at once.
 */
@Component
@ProcessingGroup(BindingIntervalsProjection.PROCESSING_GROUP)
public class BindingIntervalsProjection {

    public static final String PROCESSING_GROUP = "binding-intervals";

    static final String AX = "AX";
    static final String FAULT = "FAULT";

    private final JdbcTemplate jdbc;
    private final UnitOfWorkBatch<Change> changes = new UnitOfWorkBatch<>(PROCESSING_GROUP, this::write);

    public BindingIntervalsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Change(Object event, String number, long seq, Instant at) {
    }

    @EventHandler
    void on(AxBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    @EventHandler
    void on(AxFaultBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    /** Same holder, new A. */
    @EventHandler
    void on(AxPhoneChangedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    /** New holder (and its A); a transfer of an assigned but unbound number opens nothing. */
    @EventHandler
    void on(NumberTransferredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    /** The provider took the fault binding: the same holder, now bound (AX) with a subscription. */
    @EventHandler
    void on(FaultBindingRecoveredEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    @EventHandler
    void on(AxUnboundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    @EventHandler
    void on(NumberReleasedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    @EventHandler
    void on(FaultBindingEndedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    /** A customer binding lives from the provider's bind until it ended (not merely expired). */
    @EventHandler
    void on(XbBoundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    @EventHandler
    void on(XbBindingExtendedEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
    }

    @EventHandler
    void on(XbUnboundEvent e, @SequenceNumber long seq, @Timestamp Instant at) {
        changes.add(new Change(e, e.number(), seq, at));
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

    /** A period of a number, as the batch being written knows it; {@code stored}: it is in the table already. */
    private static final class Period {
        final String number;
        final long seqFrom;
        final Instant validFrom;
        final String userId;
        final String phoneA;
        final String subsId;
        final String kind;
        final boolean stored;
        Long seqTo;
        Instant validTo;

        Period(String number, long seqFrom, Instant validFrom, String userId, String phoneA, String subsId, String kind,
               boolean stored) {
            this.number = number;
            this.seqFrom = seqFrom;
            this.validFrom = validFrom;
            this.userId = userId;
            this.phoneA = phoneA;
            this.subsId = subsId;
            this.kind = kind;
            this.stored = stored;
        }
    }

    /**
     * One batch: the periods open when it starts are read with one query, its events applied to them in order (an
     * event at or before the open period's start was applied already), and the closes and new periods written in two
     * batched statements, the customer bindings' rows in three.
     */
    private void write(List<Change> batch) {
        Set<String> numbers = new LinkedHashSet<>();
        batch.stream().filter(c -> !isCustomerBinding(c.event())).forEach(c -> numbers.add(c.number()));
        Map<String, Period> open = openPeriods(numbers);
        List<Period> closed = new ArrayList<>();
        List<Period> added = new ArrayList<>();
        List<Object[]> xbAdded = new ArrayList<>();
        List<Object[]> xbExtended = new ArrayList<>();
        List<Object[]> xbEnded = new ArrayList<>();
        for (Change c : batch) {
            Object e = c.event();
            if (e instanceof XbBoundEvent x) {
                ClientBindingContext ctx = x.context();
                xbAdded.add(new Object[] {x.bindingId(), x.number(), x.callbackId(), x.userId(), x.phoneA(), x.phoneB(),
                        x.subsId(), ctx == null ? null : ctx.mapClassId(), ctx == null ? null : ctx.mapId(),
                        ctx == null ? null : ctx.contactMapClassId(), ctx == null ? null : ctx.contactId(), ts(c.at()),
                        ts(x.expiresAt())});
                continue;
            }
            if (e instanceof XbBindingExtendedEvent x) {
                xbExtended.add(new Object[] {ts(x.expiresAt()), x.bindingId()});
                continue;
            }
            if (e instanceof XbUnboundEvent x) {
                xbEnded.add(new Object[] {ts(c.at()), x.bindingId()});
                continue;
            }
            Period current = open.get(c.number());
            if (current != null && c.seq() <= current.seqFrom) {
                continue;
            }
            Period next = next(c, current);
            if (next == current) {
                continue;
            }
            if (current != null) {
                current.validTo = c.at();
                current.seqTo = c.seq();
                if (current.stored) {
                    closed.add(current);
                }
                open.remove(c.number());
            }
            if (next != null) {
                open.put(c.number(), next);
                added.add(next);
            }
        }
        if (!closed.isEmpty()) {
            jdbc.batchUpdate("UPDATE binding_interval SET valid_to = ?, seq_to = ? WHERE number = ? AND seq_from = ? AND valid_to IS NULL",
                    closed.stream().map(p -> new Object[] {ts(p.validTo), p.seqTo, p.number, p.seqFrom}).toList());
        }
        if (!added.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO binding_interval (number, seq_from, valid_from, seq_to, valid_to, user_id, phone_a, subs_id, kind)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (number, seq_from) DO NOTHING""",
                    added.stream().map(p -> new Object[] {p.number, p.seqFrom, ts(p.validFrom), p.seqTo,
                            p.validTo == null ? null : ts(p.validTo), p.userId, p.phoneA, p.subsId, p.kind}).toList());
        }
        if (!xbAdded.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO xb_interval (binding_id, number, callback_id, user_id, phone_a, phone_b, subs_id, map_class_id,
                                             map_id, contact_map_class_id, contact_id, valid_from, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (binding_id) DO NOTHING""", xbAdded);
        }
        if (!xbExtended.isEmpty()) {
            jdbc.batchUpdate("UPDATE xb_interval SET expires_at = ? WHERE binding_id = ?", xbExtended);
        }
        if (!xbEnded.isEmpty()) {
            jdbc.batchUpdate("UPDATE xb_interval SET valid_to = ? WHERE binding_id = ? AND valid_to IS NULL", xbEnded);
        }
    }

    /**
     * The period the event leaves open: a new one (a binding begins, or a new A or holder takes the open one over,
     * values not named carried over), none (it ended), or {@code current} itself when it changes nothing.
     */
    private static Period next(Change c, Period current) {
        Object e = c.event();
        if (e instanceof AxBoundEvent b) {
            return new Period(c.number(), c.seq(), c.at(), b.userId(), b.phoneA(), b.subsId(), AX, false);
        } else if (e instanceof AxFaultBoundEvent f) {
            return new Period(c.number(), c.seq(), c.at(), f.userId(), f.phoneA(), f.subsId(), FAULT, false);
        } else if (e instanceof AxUnboundEvent || e instanceof NumberReleasedEvent || e instanceof FaultBindingEndedEvent) {
            return null;
        }
        if (current == null) {
            // a new A or holder of a number that has no open period (assigned, unbound): nothing opens
            return null;
        }
        if (e instanceof AxPhoneChangedEvent p) {
            return carried(c, current, null, p.newPhoneA(), null, null);
        } else if (e instanceof NumberTransferredEvent t) {
            return carried(c, current, t.toUserId(), t.newPhoneA(), null, null);
        } else if (e instanceof FaultBindingRecoveredEvent r) {
            return carried(c, current, r.userId(), r.phoneA(), r.subsId(), AX);
        }
        return current;
    }

    private static Period carried(Change c, Period from, String userId, String phoneA, String subsId, String kind) {
        return new Period(c.number(), c.seq(), c.at(), userId != null ? userId : from.userId,
                phoneA != null ? phoneA : from.phoneA, subsId != null ? subsId : from.subsId, kind != null ? kind : from.kind,
                false);
    }

    private static boolean isCustomerBinding(Object e) {
        return e instanceof XbBoundEvent || e instanceof XbBindingExtendedEvent || e instanceof XbUnboundEvent;
    }

    private Map<String, Period> openPeriods(Set<String> numbers) {
        Map<String, Period> open = new HashMap<>();
        if (numbers.isEmpty()) {
            return open;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (var st = connection.prepareStatement("""
                    SELECT number, seq_from, valid_from, user_id, phone_a, subs_id, kind FROM binding_interval
                     WHERE number = ANY (?) AND valid_to IS NULL ORDER BY seq_from""")) {
                st.setArray(1, connection.createArrayOf("varchar", numbers.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        // the latest open period of a number is the one a new event continues from
                        open.put(rs.getString(1), new Period(rs.getString(1), rs.getLong(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), true));
                    }
                }
            }
            return null;
        });
        return open;
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
