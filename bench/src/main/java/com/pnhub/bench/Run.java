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
