package com.pnhub.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scenario 3: reads while bind/unbind cycles write. QueryAgentNumbers (the service, PostgreSQL read model)
 * and then HGET of the legacy Redis hash (what MIS reads directly), each open-loop at {@code --read-rate}.
 */
final class ReadScenario {

    private ReadScenario() {
    }

    static void run(Run run, Report.Section out) throws Exception {
        Options o = run.options();
        Fixture f = run.fixture();
        List<String> users = f.pairs.stream().map(Fixture.Pair::user).toList();
        Metrics writes = new Metrics();
        try (AutoCloseable writers = Load.background("3-writer", o.readWriteWorkers, writes, w -> {
            Fixture.Pair p = f.take();
            try {
                f.cycle(writes, p, System.nanoTime());
            } finally {
                f.free.add(p);
            }
        })) {
            // unmeasured reads first: the global warm-up runs only binds and unbinds, so the read path (its
            // controller, the query bus, the row mapping, Jackson) would otherwise be compiled during the measurement
            if (!o.warmUp.isZero()) {
                Metrics ignored = new Metrics();
                Load.open("3 QueryAgentNumbers warm-up", o.readRate, o.warmUp, 64, ignored, "QueryAgentNumbers", intended -> {
                    String user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                    Fixture.outcome(ignored, "QueryAgentNumbers", intended, f.http.legacy(Http.HUB + "QueryAgentNumbers", "userid", user));
                });
            }
            Metrics query = new Metrics();
            ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
            Load.Result r = Load.open("3 QueryAgentNumbers " + o.readRate + "/s", o.readRate, o.duration, 64, query, "QueryAgentNumbers",
                    intended -> {
                        String user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                        Http.Envelope e = f.http.legacy(Http.HUB + "QueryAgentNumbers", "userid", user);
                        Fixture.outcome(query, "QueryAgentNumbers", intended, e);
                    });
            Report.Section q = r.toSection();
            q.put("targetPerSecond", o.readRate);
            q.put("latency", query.latency("QueryAgentNumbers"));
            q.put("counters", query.counters());
            q.put("service", watch.finish());
            out.put("queryAgentNumbers", q);

            Metrics hget = new Metrics();
            Load.Result h = Load.open("3 Redis HGET " + o.readRate + "/s", o.readRate, o.duration, 64, hget, "HGET", intended -> {
                String user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                run.redis().hget(run.stack().redisKey, user);
                hget.record("HGET", System.nanoTime() - intended, true);
            });
            Report.Section hs = h.toSection();
            hs.put("targetPerSecond", o.readRate);
            hs.put("latency", hget.latency("HGET"));
            out.put("redisHget", hs);
        }
        Report.Section w = new Report.Section();
        w.put("workers", o.readWriteWorkers);
        w.put("binds", writes.latency("bind"));
        w.put("unbinds", writes.latency("unbind"));
        w.put("counters", writes.counters());
        out.put("concurrentWrites", w);
    }
}
