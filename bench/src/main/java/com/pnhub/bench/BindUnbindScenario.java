package com.pnhub.bench;

/**
 * Scenario 1: bind/unbind cycles, each worker on an (agent, X) pair of its own, provider round trip included
 * (the simulator is a separate process). Closed loop for the most the service does with N callers, then the
 * raw JDBC baseline with the same N, then an open loop at half the closed-loop rate for latency percentiles.
 */
final class BindUnbindScenario {

    static final String NAME = "1 bind-unbind";
    static final String MAX_RATE = "okBindsUnbindsPerSecond";
    static final String TRANSACTIONS_PER_REQUEST = "transactionsPerRequest";
    static final String CPU_MS_PER_REQUEST = "cpuMsPerRequest";

    private BindUnbindScenario() {
    }

    static void run(Run run, Report.Section out) throws Exception {
        Options o = run.options();
        Fixture f = run.fixture();

        Metrics closed = new Metrics();
        // what the service does in the database while nobody calls it (deadline polling, claim extensions), so the
        // closed loop's transactions can be counted net of it: both windows start after the counts have settled
        Thread.sleep(Run.STATS_SETTLE_MILLIS);
        long idleStart = run.transactions();
        long idleStartNanos = System.nanoTime();
        Thread.sleep(Run.STATS_SETTLE_MILLIS);
        long txBefore = run.transactions();
        double idleRate = (txBefore - idleStart) / ((System.nanoTime() - idleStartNanos) / 1e9);
        long tokenUpdatesBefore = run.rowsUpdated("token_entry");
        long eventsBefore = run.eventCount();
        long loadStart = System.nanoTime();
        ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
        Load.Result r = Load.closed("1 bind/unbind closed x" + o.workers, o.workers, o.duration, closed, "bind",
                w -> f.cycle(closed, f.pairs.get(w), System.nanoTime()));
        Report.Section c = r.toSection();
        Report.Section service = watch.finish();
        long appended = run.eventCount() - eventsBefore;
        long ok = closed.counter("bind.ok") + closed.counter("unbind.ok");
        long requests = closed.requests.sum();
        Thread.sleep(Run.STATS_SETTLE_MILLIS);
        double sinceLoadStart = (System.nanoTime() - loadStart) / 1e9;
        long transactions = run.transactions() - txBefore;
        double netTransactions = Math.max(0, transactions - idleRate * sinceLoadStart);
        long tokenUpdates = run.rowsUpdated("token_entry") - tokenUpdatesBefore;
        c.put("workers", o.workers);
        c.put(MAX_RATE, Report.round(ok / r.seconds()));
        c.put("eventsAppended", appended);
        c.put("eventsAppendedPerSecond", Report.round(appended / r.seconds()));
        c.put("bind", closed.latency("bind"));
        c.put("unbind", closed.latency("unbind"));
        c.put("counters", closed.counters());
        c.put("service", service);
        c.put("requests", requests);
        c.put(CPU_MS_PER_REQUEST, Report.round(Report.ratio(((Number) service.get("cpuSeconds")).doubleValue() * 1000, requests)));
        c.put("databaseTransactions", transactions);
        c.put("idleTransactionsPerSecond", Report.round(idleRate));
        c.put(TRANSACTIONS_PER_REQUEST, Report.round(Report.ratio(netTransactions, requests)));
        c.put("transactionsPerEvent", Report.round(Report.ratio(netTransactions, appended)));
        c.put("tokenUpdatesPerEvent", Report.round(Report.ratio(tokenUpdates, appended)));
        c.put("transactionsNote", "pg_stat_database xact_commit + xact_rollback of the run's database over the closed loop and "
                + Run.STATS_SETTLE_MILLIS / 1000 + " s after it, less the service's idle rate measured just before");
        out.put("closedLoop", c);

        Report.Section raw = RawBaseline.run(run, o.workers);
        out.put("rawBaseline", raw);
        double rawRate = ((Number) raw.get("appendsPerSecond")).doubleValue();
        out.put("serviceAppendsToRawRatio", Report.round(Report.ratio(appended / r.seconds(), rawRate)));

        double requestRate = run.halfRate();
        Metrics open = new Metrics();
        watch = new ProcStats.Watch(run.stack().servicePid());
        // a cycle is two requests: cycles start at half the request rate
        Load.Result openResult = Load.open("1 bind/unbind open " + Math.round(requestRate) + " req/s", requestRate / 2, o.duration,
                Math.min(f.pairs.size(), 256), open, "bind", intended -> {
                    Fixture.Pair p = f.take();
                    try {
                        f.cycle(open, p, intended);
                    } finally {
                        f.free.add(p);
                    }
                });
        Report.Section op = openResult.toSection();
        op.put("targetRequestsPerSecond", Report.round(requestRate));
        op.put("bind", open.latency("bind"));
        op.put("unbind", open.latency("unbind"));
        op.put("note", "bind latency counts from the scheduled start (a late start is the service's delay too)");
        op.put("counters", open.counters());
        Report.Section openService = watch.finish();
        op.put("service", openService);
        // at a rate set in advance, not saturated: the CPU figure least moved by how busy the machine is
        op.put(CPU_MS_PER_REQUEST, Report.round(Report.ratio(((Number) openService.get("cpuSeconds")).doubleValue() * 1000,
                open.requests.sum())));
        out.put("openLoop", op);
    }
}
