package com.pnhub.query.pool;

import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.api.pool.FindNumbersQuery;
import com.pnhub.api.pool.FindPoolSummaryQuery;
import com.pnhub.api.pool.NumbersPage;
import com.pnhub.api.pool.PlatformStats;
import com.pnhub.api.pool.PoolCounts;
import com.pnhub.api.pool.PoolStats;
import com.pnhub.api.pool.PoolSummary;
import com.pnhub.api.values.Platform;
import com.pnhub.query.numbers.NumberViewRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pool view over {@code number_view} (kept by {@link com.pnhub.query.numbers.NumberViewProjection}): the
 * filtered, paged number list and the per platform and pool summary. Read only; every value goes into the SQL as
 * a parameter.
 */
@Component
public class PoolQueries {

    private static final String IN_FLIGHT_OR_BOUND = "'" + BindState.BOUND.name() + "', '" + BindState.BINDING.name()
            + "', '" + BindState.UNBINDING.name() + "', '" + BindState.CHANGING_A.name() + "'";

    /** The summary's counts per platform and pool; the category rules are documented on {@link PoolCounts}. */
    private static final String FREE = "number_state = 0 AND bind_state = 'UNBOUND' AND user_id IS NULL AND tuser_id IS NULL";
    /** The parameter: the quarantine in seconds. */
    private static final String SUMMARY_SQL = """
            SELECT platform, pool_id,
                   count(*) FILTER (WHERE %2$s AND (freed_at IS NULL OR freed_at <= now() - make_interval(secs => ?))) AS free,
                   count(*) FILTER (WHERE %2$s AND freed_at > now() - make_interval(secs => ?))           AS quarantined,
                   count(*) FILTER (WHERE bind_state = 'UNBOUND'
                                      AND (user_id IS NOT NULL OR tuser_id IS NOT NULL))                 AS assigned,
                   count(*) FILTER (WHERE bind_state IN (%s))                                            AS bound,
                   count(*) FILTER (WHERE bind_state = 'FAULT')                                          AS fault_bound,
                   count(*) FILTER (WHERE number_state = 1)                                              AS locked,
                   count(*) FILTER (WHERE number_state = 2)                                              AS disabled,
                   count(*) FILTER (WHERE number_state = 3)                                              AS released,
                   count(*)                                                                              AS total
              FROM number_view
             GROUP BY platform, pool_id
             ORDER BY platform, pool_id""".formatted(IN_FLIGHT_OR_BOUND, FREE);

    private final JdbcTemplate jdbc;
    private final PoolThresholds thresholds;

    public PoolQueries(JdbcTemplate jdbc, PoolThresholds thresholds) {
        this.jdbc = jdbc;
        this.thresholds = thresholds;
    }

    @QueryHandler
    public NumbersPage handle(FindNumbersQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.platform() != null) {
            where.append(" AND platform = ?");
            args.add(q.platform());
        }
        if (q.poolId() != null) {
            where.append(" AND pool_id = ?");
            args.add(q.poolId());
        }
        if (q.regionId() != null) {
            where.append(" AND region_id = ?");
            args.add(q.regionId());
        }
        if (q.state() != null) {
            where.append(" AND number_state = ?");
            args.add(q.state());
        }
        if (q.bindStates() != null && !q.bindStates().isEmpty()) {
            where.append(" AND bind_state IN (");
            for (int i = 0; i < q.bindStates().size(); i++) {
                where.append(i == 0 ? "?" : ", ?");
                args.add(q.bindStates().get(i).name());
            }
            where.append(')');
        }
        if (q.userId() != null) {
            where.append(" AND (user_id = ? OR tuser_id = ?)");
            args.add(q.userId());
            args.add(q.userId());
        }
        if (q.phoneA() != null) {
            where.append(" AND phone_a = ?");
            args.add(q.phoneA());
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM number_view" + where, Long.class, args.toArray());
        List<NumberView> items = List.of();
        long offset = (long) q.page() * q.size();
        if (total != null && offset < total) {
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(q.size());
            pageArgs.add(offset);
            Instant now = Instant.now();
            items = jdbc.query("SELECT * FROM number_view" + where + " ORDER BY number LIMIT ? OFFSET ?",
                    (rs, i) -> NumberViewRows.numberView(rs, thresholds, now), pageArgs.toArray());
        }
        return new NumbersPage(total == null ? 0 : total, q.page(), q.size(), items);
    }

    @QueryHandler
    public PoolSummary handle(FindPoolSummaryQuery q) {
        return summary();
    }

    /** The summary as of now, with the configured thresholds. */
    public PoolSummary summary() {
        Instant now = Instant.now();
        double ratio = thresholds.lowFreeRatio();
        long count = thresholds.lowFreeCount();
        Map<Integer, List<PoolStats>> byPlatform = new TreeMap<>();
        double quarantineSeconds = thresholds.quarantine().toMillis() / 1000.0;
        jdbc.query(SUMMARY_SQL, rs -> {
            PoolCounts c = counts(rs);
            byPlatform.computeIfAbsent(rs.getInt("platform"), p -> new ArrayList<>())
                    .add(new PoolStats(rs.getLong("pool_id"), c, c.runningLow(ratio, count)));
        }, quarantineSeconds, quarantineSeconds);
        List<PlatformStats> platforms = new ArrayList<>();
        byPlatform.forEach((code, pools) -> {
            PoolCounts totals = pools.stream().map(PoolStats::counts).reduce(PoolCounts.ZERO, PoolCounts::plus);
            platforms.add(new PlatformStats(code, platformName(code), totals, totals.runningLow(ratio, count), pools));
        });
        return new PoolSummary(ratio, count, now, platforms);
    }

    /** The counts of a row with the summary's columns ({@code free}, …, {@code fault_bound}, …, {@code total}). */
    static PoolCounts counts(ResultSet rs) throws SQLException {
        return new PoolCounts(rs.getLong("free"), rs.getLong("quarantined"), rs.getLong("assigned"), rs.getLong("bound"),
                rs.getLong("fault_bound"), rs.getLong("locked"), rs.getLong("disabled"), rs.getLong("released"),
                rs.getLong("total"));
    }

    private static String platformName(int code) {
        try {
            return Platform.ofCode(code).displayName();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
