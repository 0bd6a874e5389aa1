package com.pnhub.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** What every scenario shares: options, the running stack, clients, test data and the report. */
record Run(Options options, Stack stack, Http http, Fixture fixture, Redis redis, Report report) {

    /**
     * Requests/s for the "half of the max rate" phases: {@code --rate}, else half of what scenario 1 reached
     * closed-loop in this run, else 50.
     */
    double halfRate() {
        if (options.fixedRate > 0) {
            return options.fixedRate;
        }
        Number max = Goals.find(report, BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.MAX_RATE);
        return max != null && max.doubleValue() > 0 ? max.doubleValue() / 2 : 50;
    }

    /**
     * Transactions committed or rolled back in this run's database so far, as {@code pg_stat_database} shows them.
     * A backend reports its counts when it goes idle, at most once a second, and an idle one within 10 s: callers
     * leave the service quiet for {@link #STATS_SETTLE_MILLIS} before reading, so every backend has reported.
     */
    long transactions() throws Exception {
        return queryLong("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
    }

    /** How long PostgreSQL's backends may keep their transaction counts to themselves (10 s idle interval, and a margin). */
    static final long STATS_SETTLE_MILLIS = 11_000;

    /** Rows updated in a table so far ({@code pg_stat_user_tables.n_tup_upd}), reported with the same delay. */
    long rowsUpdated(String table) throws Exception {
        return queryLong("SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = '" + table + "'");
    }

    long eventCount() throws Exception {
        return queryLong("SELECT count(*) FROM domain_event_entry");
    }

    long queryLong(String sql) throws Exception {
        try (Connection c = stack.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
