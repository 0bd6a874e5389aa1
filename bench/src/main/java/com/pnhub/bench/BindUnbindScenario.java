package com.pnhub.bench;

/**
 * Scenario 1: bind/unbind cycles, each worker on an (agent, X) pair of its own, provider round trip included
 * (the simulator is a separate process). Closed loop for the most the service does with N callers, then the
 * raw JDBC baseline with the same N, then an open loop at half the closed-loop rate for latency percentiles.
 */
final class BindUnbindScenario {

    static final String NAME = "1 bind-unbind";
    static final String MAX_RATE = "okBindsUnbindsPerSecond";

    private BindUnbindScenario() {
    }

    static void run(Run run, Report.Section out) throws Exception {
        Options o = run.options();
        Fixture f = run.fixture();

        Metrics closed = new Metrics();
        long eventsBefore = run.eventCount();
        ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
        Load.Result r = Load.closed("1 bind/unbind closed x" + o.workers, o.workers, o.duration, closed, "bind",
                w -> f.cycle(closed, f.pairs.get(w), System.nanoTime()));
        Report.Section c = r.toSection();
        long appended = run.eventCount() - eventsBefore;
        long ok = closed.counter("bind.ok") + closed.counter("unbind.ok");
        c.put("workers", o.workers);
        c.put(MAX_RATE, Report.round(ok / r.seconds()));
        c.put("eventsAppended", appended);
        c.put("eventsAppendedPerSecond", Report.round(appended / r.seconds()));
        c.put("bind", closed.latency("bind"));
        c.put("unbind", closed.latency("unbind"));
        c.put("counters", closed.counters());
        c.put("service", watch.finish());
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
        op.put("service", watch.finish());
        out.put("openLoop", op);
    }
}
