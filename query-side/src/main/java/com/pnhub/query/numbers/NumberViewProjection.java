package com.pnhub.query.numbers;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.agents.AgentView;
import com.pnhub.api.agents.FindAgentQuery;
import com.pnhub.api.numbers.AgentNumberRow;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.FindAgentNumbersQuery;
import com.pnhub.api.numbers.FindNumberQuery;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.api.numbers.PrivateNumberEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.query.pool.PoolThresholds;
import com.pnhub.query.support.UnitOfWorkBatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL read model behind QueryAgentNumbers and GET /api/v1/numbers/{x}: one row per number ({@link NumberRow}
 * says how each event changes it), plus the agents' names. The events of one batch of the processor are applied in
 * memory to the rows they touch, which are read with one query and written back with one batched upsert; a row never
 * goes back to an older sequence number, so a batch applied twice (a redelivery, a replay over existing rows) changes
 * nothing. A reset truncates and rebuilds.
 */
@Component
@ProcessingGroup(NumberViewProjection.PROCESSING_GROUP)
public class NumberViewProjection {

    public static final String PROCESSING_GROUP = "number-view";

    private static final String UPSERT = """
            INSERT INTO number_view (number, platform, pool_id, region_id, number_state, bind_state, user_id, tuser_id,
                                     phone_a, subs_id, last_sequence, updated_at, freed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (number) DO UPDATE SET region_id = EXCLUDED.region_id, number_state = EXCLUDED.number_state,
                bind_state = EXCLUDED.bind_state, user_id = EXCLUDED.user_id, tuser_id = EXCLUDED.tuser_id,
                phone_a = EXCLUDED.phone_a, subs_id = EXCLUDED.subs_id, last_sequence = EXCLUDED.last_sequence,
                updated_at = EXCLUDED.updated_at, freed_at = EXCLUDED.freed_at
             WHERE number_view.last_sequence < EXCLUDED.last_sequence""";

    private record Change(PrivateNumberEvent event, long seq, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final PoolThresholds pool;
    private final UnitOfWorkBatch<Change> changes = new UnitOfWorkBatch<>(PROCESSING_GROUP, this::write);

    public NumberViewProjection(JdbcTemplate jdbc, PoolThresholds pool) {
        this.jdbc = jdbc;
        this.pool = pool;
    }

    /**
     * Every event of a number; those that do not change its row (customer bindings, blacklist, failover, call records)
     * are passed over when the batch is applied.
     */
    @EventHandler
    void on(PrivateNumberEvent e, @SequenceNumber long seq, @org.axonframework.eventhandling.Timestamp Instant at) {
        changes.add(new Change(e, seq, at));
    }

    @EventHandler
    void on(AgentProfileUpdatedEvent e) {
        jdbc.update("""
                INSERT INTO agent_view (user_id, name, phone) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone""",
                e.userId(), e.name(), e.phone());
    }

    @EventHandler
    void on(AgentPhoneChangedEvent e) {
        jdbc.update("INSERT INTO agent_view (user_id, name, phone) VALUES (?, NULL, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET phone = EXCLUDED.phone", e.userId(), e.newPhone());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE number_view, agent_view");
    }

    /** One batch: read the rows it touches, apply its events in order, write what changed. */
    private void write(List<Change> batch) {
        Set<String> numbers = new LinkedHashSet<>();
        batch.forEach(c -> numbers.add(c.event().number()));
        Map<String, NumberRow> rows = load(numbers);
        Map<String, NumberRow> changed = new LinkedHashMap<>();
        for (Change c : batch) {
            String number = c.event().number();
            NumberRow row = rows.get(number);
            if (row == null) {
                row = NumberRow.startedBy(c.event(), c.seq(), c.at());
                if (row != null) {
                    rows.put(number, row);
                    changed.put(number, row);
                }
            } else if (row.apply(c.event(), c.seq(), c.at())) {
                changed.put(number, row);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(changed.size());
        for (NumberRow r : changed.values()) {
            args.add(new Object[] {r.number, r.platform, r.poolId, r.regionId, r.numberState, r.bindState.name(), r.userId,
                    r.tuserId, r.phoneA, r.subsId, r.lastSequence, ts(r.updatedAt), ts(r.freedAt)});
        }
        jdbc.batchUpdate(UPSERT, args);
    }

    private Map<String, NumberRow> load(Set<String> numbers) {
        Map<String, NumberRow> rows = new LinkedHashMap<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            query(connection, numbers.toArray(String[]::new), rows);
            return null;
        });
        return rows;
    }

    private static void query(Connection connection, String[] numbers, Map<String, NumberRow> into) throws SQLException {
        try (var st = connection.prepareStatement("SELECT * FROM number_view WHERE number = ANY (?)")) {
            st.setArray(1, connection.createArrayOf("varchar", numbers));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    NumberRow r = new NumberRow(rs.getString("number"));
                    r.platform = rs.getInt("platform");
                    r.poolId = rs.getLong("pool_id");
                    r.regionId = rs.getLong("region_id");
                    r.numberState = rs.getInt("number_state");
                    r.bindState = BindState.valueOf(rs.getString("bind_state"));
                    r.userId = rs.getString("user_id");
                    r.tuserId = rs.getString("tuser_id");
                    r.phoneA = rs.getString("phone_a");
                    r.subsId = rs.getString("subs_id");
                    r.lastSequence = rs.getLong("last_sequence");
                    r.updatedAt = rs.getTimestamp("updated_at").toInstant();
                    Timestamp freed = rs.getTimestamp("freed_at");
                    r.freedAt = freed == null ? null : freed.toInstant();
                    into.put(r.number, r);
                }
            }
        }
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
        Instant now = Instant.now();
        List<NumberView> rows = jdbc.query("SELECT * FROM number_view WHERE number = ?",
                (rs, i) -> NumberViewRows.numberView(rs, pool, now), q.number());
        return rows.isEmpty() ? null : rows.get(0);
    }

    @QueryHandler
    public AgentView handle(FindAgentQuery q) {
        List<AgentView> rows = jdbc.query("SELECT user_id, name, phone FROM agent_view WHERE user_id = ?",
                (rs, i) -> new AgentView(rs.getString(1), rs.getString(2), rs.getString(3)), q.userId());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
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


    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
