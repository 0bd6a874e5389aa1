package com.pnhub.bench;

import java.util.Locale;
import java.util.Map;

/** The targets of docs/benchmarks.md, checked against a run's figures; a goal whose scenario did not run is n/a. */
final class Goals {

    private Goals() {
    }

    static void evaluate(Report r) {
        Number rate = find(r, BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.MAX_RATE);
        atLeast(r, "scenario 1 throughput (binds+unbinds/s, closed loop)", 1000, rate, "");
        Number bindP99 = find(r, "1 bind-unbind", "openLoop", "bind", "p99Ms");
        Number unbindP99 = find(r, "1 bind-unbind", "openLoop", "unbind", "p99Ms");
        atMost(r, "scenario 1 bind p99 at half rate", 100, bindP99, " ms");
        atMost(r, "scenario 1 unbind p99 at half rate", 100, unbindP99, " ms");
        atMost(r, "database transactions per legacy bind or unbind, closed loop", 6,
                find(r, BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.TRANSACTIONS_PER_REQUEST), "", true);
        atMost(r, "service CPU per legacy request, closed loop", 6,
                find(r, BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.CPU_MS_PER_REQUEST), " ms", true);
        Number ratio = find(r, "1 bind-unbind", "serviceAppendsToRawRatio");
        atLeast(r, "event appends / raw JDBC baseline", 0.3, ratio, "");
        atMost(r, "projection lag p99, PostgreSQL", 250, find(r, "5 projection lag", "bindVisibleInPostgres", "p99Ms"), " ms");
        atMost(r, "projection lag p99, Redis", 250, find(r, "5 projection lag", "bindVisibleInRedis", "p99Ms"), " ms");
        atMost(r, "QueryAgentNumbers p99 at the read rate", 10, find(r, "3 reads under writes", "queryAgentNumbers", "latency", "p99Ms"),
                " ms");
        atMost(r, "Redis HGET p99 at the read rate", 10, find(r, "3 reads under writes", "redisHget", "latency", "p99Ms"), " ms");
        atLeast(r, "replay (events/s, slowest projection)", 20_000, find(r, ReplayScenario.NAME, "eventsPerSecondSlowestProjection"), "");
        atMost(r, "two instances: worse p99 / one instance's, same rate", 1.5,
                find(r, TwoInstanceScenario.NAME, TwoInstanceScenario.P99_RATIO), "", true);
        Number late = find(r, "4 XB expiry", "unbindLatenessAfterExpiry", "p99Ms");
        r.goal("XB unbind after expiry, p99", "≤ 1,000 ms", late == null ? "not measured" : fmt(late.doubleValue()) + " ms",
                late == null ? null : late.doubleValue() <= 1000);
        Number duplicates = find(r, "2 allocation race", "duplicatesInAnswers");
        if (duplicates != null) {
            long all = duplicates.longValue() + orZero(find(r, "2 allocation race", "duplicatesInQueryAgentNumbers"))
                    + orZero(find(r, "2 allocation race", "duplicatesAtSimulator"))
                    + orZero(find(r, "2 allocation race", "usersWithTwoNumbersInNumberView"));
            r.goal("allocation race duplicates", "0", Long.toString(all), all == 0);
        } else {
            r.goal("allocation race duplicates", "0", "not run", null);
        }
    }

    private static long orZero(Number n) {
        return n == null ? 0 : n.longValue();
    }

    private static void atLeast(Report r, String name, double target, Number measured, String unit) {
        r.goal(name, "≥ " + fmt(target) + unit, measured == null ? "not measured" : fmt(measured.doubleValue()) + unit,
                measured == null ? null : measured.doubleValue() >= target);
    }

    private static void atMost(Report r, String name, double target, Number measured, String unit) {
        atMost(r, name, target, measured, unit, false);
    }

    private static void atMost(Report r, String name, double target, Number measured, String unit, boolean inclusive) {
        r.goal(name, (inclusive ? "≤ " : "< ") + fmt(target) + unit, measured == null ? "not measured" : fmt(measured.doubleValue()) + unit,
                measured == null ? null : inclusive ? measured.doubleValue() <= target : measured.doubleValue() < target);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** The number at {@code scenario / key / key ...}, or null when any step is missing or not a number. */
    static Number find(Report r, String scenario, String... path) {
        Object at = r.scenarios.get(scenario);
        for (String key : path) {
            if (!(at instanceof Map)) {
                return null;
            }
            at = ((Map<?, ?>) at).get(key);
        }
        return at instanceof Number ? (Number) at : null;
    }
}
