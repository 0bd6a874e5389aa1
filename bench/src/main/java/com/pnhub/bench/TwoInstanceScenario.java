package com.pnhub.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 7: two service instances on one database, broker virtual host, Redis key and simulator, as two machines
 * behind MIS's load balancer would run. The open loop of scenario 1 runs at the same rate twice, back to back: first
 * against the one instance, then with a second one started, each cycle's bind sent to one instance and its unbind to
 * the other, so about half of all requests wait on an instance other than the one whose saga calls the provider.
 * Reported: both phases' percentiles and their ratio, how the processors' segments ended up shared, and where the
 * answered requests' outcomes came from (the service's {@code pnhub.operations.outcomes.delivered} counter).
 */
final class TwoInstanceScenario {

    static final String NAME = "7 two instances";
    static final String P99_RATIO = "p99TwoToOneInstance";

    private TwoInstanceScenario() {
    }

    static void run(Run run, Report.Section out) throws Exception {
        Stack stack = run.stack();
        double requestRate = run.halfRate();
        out.put("targetRequestsPerSecond", Report.round(requestRate));

        Http first = run.http();
        Report.Section one = openLoop(run, "7 one instance", requestRate, first, first);
        out.put("oneInstance", one);

        long t0 = System.nanoTime();
        stack.startPeer();
        Http peer = new Http(stack.peerUrl(), stack.adminToken());
        out.put("peerStartSeconds", Report.round((System.nanoTime() - t0) / 1e9));
        t0 = System.nanoTime();
        boolean shared = awaitSegmentsShared(run, 120);
        out.put("segmentsSharedAfterSeconds", Report.round((System.nanoTime() - t0) / 1e9));
        out.put("segmentsShared", shared);
        out.put("segmentsPerInstance", segmentOwners(run));
        // the new instance compiles its hot paths first (--peer-warm-up), as the first one did in the run's warm-up
        Http[] instances = {first, peer};
        warmUp(run, instances);

        Map<String, Double> before = deliveries(first, peer);
        AtomicLong cycles = new AtomicLong();
        Report.Section two = openLoop(run, "7 two instances", requestRate, null, null, instances, cycles);
        Map<String, Double> after = deliveries(first, peer);
        Report.Section delivered = new Report.Section();
        after.forEach((k, v) -> delivered.put(k, before.containsKey(k) && v != null && before.get(k) != null
                ? Report.round(v - before.get(k)) : null));
        two.put("outcomesDelivered", delivered);
        two.put("note", "bind and unbind of a cycle go to different instances; outcomesDelivered counts, per instance, the answered"
                + " requests whose outcome its own transaction recorded (here) or another instance's did (peer)");
        out.put("twoInstances", two);
        out.put("peerService", ProcStats.sample(stack.peerPid()).rssKib() / 1024 + " MiB RSS at the end");

        Number p99One = p99(one);
        Number p99Two = p99(two);
        out.put(P99_RATIO, p99One == null || p99Two == null ? null : Report.round(Report.ratio(p99Two.doubleValue(), p99One.doubleValue())));
        stack.stopPeer();
    }

    private static void warmUp(Run run, Http[] instances) throws InterruptedException {
        Fixture f = run.fixture();
        if (run.options().peerWarmUp.isZero()) {
            return;
        }
        Metrics ignored = new Metrics();
        Load.closed("7 warm-up", Math.min(8, f.pairs.size()), run.options().peerWarmUp, ignored, "bind",
                w -> f.cycle(instances[w % 2], instances[1 - w % 2], ignored, f.pairs.get(w), System.nanoTime()));
    }

    /** The worse of bind and unbind p99. */
    private static Number p99(Report.Section phase) {
        Double worst = null;
        for (String op : new String[] {"bind", "unbind"}) {
            if (phase.get(op) instanceof Map<?, ?> m && m.get("p99Ms") instanceof Number n) {
                worst = worst == null ? n.doubleValue() : Math.max(worst, n.doubleValue());
            }
        }
        return worst;
    }

    private static Report.Section openLoop(Run run, String label, double requestRate, Http bindVia, Http unbindVia) throws Exception {
        return openLoop(run, label, requestRate, bindVia, unbindVia, null, null);
    }

    private static Report.Section openLoop(Run run, String label, double requestRate, Http bindVia, Http unbindVia,
                                           Http[] alternate, AtomicLong cycles) throws Exception {
        Fixture f = run.fixture();
        Metrics m = new Metrics();
        ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
        ProcStats.Watch peerWatch = alternate == null ? null : new ProcStats.Watch(run.stack().peerPid());
        Load.Result r = Load.open(label + " " + Math.round(requestRate) + " req/s", requestRate / 2, run.options().duration,
                Math.min(f.pairs.size(), 256), m, "bind", intended -> {
                    Fixture.Pair p = f.take();
                    try {
                        if (alternate == null) {
                            f.cycle(bindVia, unbindVia, m, p, intended);
                        } else {
                            int k = (int) (cycles.getAndIncrement() % 2);
                            f.cycle(alternate[k], alternate[1 - k], m, p, intended);
                        }
                    } finally {
                        f.free.add(p);
                    }
                });
        Report.Section s = r.toSection();
        s.put("bind", m.latency("bind"));
        s.put("unbind", m.latency("unbind"));
        s.put("counters", m.counters());
        s.put("service", watch.finish());
        if (peerWatch != null) {
            s.put("peerService", peerWatch.finish());
        }
        return s;
    }

    /**
     * Waits until every processor with more than one segment has them split between the two instances (each holds at
     * most its share), which the service reaches by itself: a presence count every 2 s, surplus released, claims taken.
     */
    private static boolean awaitSegmentsShared(Run run, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (run.queryLong("""
                    SELECT count(*) FROM (
                      SELECT processor_name, count(*) AS segments, count(DISTINCT owner) AS owners,
                             max(held) AS most, bool_and(owner IS NOT NULL) AS all_owned
                      FROM (SELECT processor_name, owner, count(*) OVER (PARTITION BY processor_name, owner) AS held
                            FROM token_entry) t
                      GROUP BY processor_name HAVING count(*) > 1) p
                    WHERE NOT (owners = 2 AND all_owned AND most <= (segments + 1) / 2)""") == 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Segments each instance holds, per processor with more than one segment (owner names are pid@host). */
    private static Report.Section segmentOwners(Run run) throws Exception {
        Report.Section s = new Report.Section();
        try (Connection c = run.stack().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT processor_name, string_agg(held::text, '+' ORDER BY held DESC) FROM (
                       SELECT processor_name, owner, count(*) AS held FROM token_entry GROUP BY processor_name, owner) t
                     GROUP BY processor_name HAVING sum(held) > 1 ORDER BY processor_name""")) {
            while (rs.next()) {
                s.put(rs.getString(1), rs.getString(2));
            }
        }
        return s;
    }

    /** Each instance's delivered-outcome counters; null where a build has no such counter. */
    private static Map<String, Double> deliveries(Http first, Http peer) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String recordedBy : new String[] {"here", "peer"}) {
            m.put("first." + recordedBy, counter(first, recordedBy));
            m.put("second." + recordedBy, counter(peer, recordedBy));
        }
        return m;
    }

    private static Double counter(Http instance, String recordedBy) {
        try {
            JsonNode n = instance.getJson("/actuator/metrics/pnhub.operations.outcomes.delivered?tag=recordedBy:" + recordedBy);
            for (JsonNode measurement : n.path("measurements")) {
                if ("COUNT".equals(measurement.path("statistic").asString(""))) {
                    return measurement.path("value").asDouble();
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
