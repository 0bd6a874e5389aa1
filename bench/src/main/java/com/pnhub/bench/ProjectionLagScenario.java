package com.pnhub.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: from a bind's 2000 answer to the change being visible in PostgreSQL ({@code number_view}
 * row BOUND for the user) and in Redis (the user's hash field names X), open loop at half the closed-loop
 * rate. One poller thread looks every {@value #POLL_MILLIS} ms at all pending changes at once, so the
 * resolution is a few milliseconds. The unbind that follows and the release that hands X back are watched
 * too (unbind: row UNBOUND; release: hash field gone), which also lets the next bind of the pair be measured
 * from a clean start (an unbound X stays in the user's Redis field until it is released).
 */
final class ProjectionLagScenario {

    static final int POLL_MILLIS = 2;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ProjectionLagScenario() {
    }

    enum Kind { BIND, UNBIND, RELEASE }

    /** A change the poller waits for: done when every store it concerns shows it. */
    static final class Pending {
        final Kind kind;
        final Fixture.Pair pair;
        final long since;
        boolean pgSeen;
        boolean redisSeen;
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Pending(Kind kind, Fixture.Pair pair, long since) {
            this.kind = kind;
            this.pair = pair;
            this.since = since;
            this.pgSeen = false;
            this.redisSeen = kind == Kind.UNBIND;
        }
    }

    static void run(Run run, Report.Section out) throws Exception {
        Options o = run.options();
        Fixture f = run.fixture();
        Metrics m = new Metrics();
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        Poller poller = new Poller(run, pending, m);
        poller.start();
        double requestRate = run.halfRate();
        ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
        Load.Result r;
        try {
            // half the request rate in binds/s: as scenario 1's open loop, whose cycles are two requests
            r = Load.open("5 projection lag " + Math.round(requestRate / 2) + " binds/s", requestRate / 2, o.duration,
                    Math.min(f.pairs.size(), 256), m, "bind", intended -> {
                        Fixture.Pair p = f.take();
                        try {
                            cycle(run, f, m, pending, p, intended);
                        } finally {
                            f.free.add(p);
                        }
                    });
        } finally {
            poller.interrupt();
            poller.join(5000);
        }
        out.putAll(r.toSection());
        out.put("bindsPerSecondTarget", Report.round(requestRate / 2));
        out.put("pollIntervalMs", POLL_MILLIS);
        out.put("bindVisibleInPostgres", m.latency("lag.BIND.pg"));
        out.put("bindVisibleInRedis", m.latency("lag.BIND.redis"));
        out.put("unbindVisibleInPostgres", m.latency("lag.UNBIND.pg"));
        out.put("releaseVisibleInRedis", m.latency("lag.RELEASE.redis"));
        out.put("bind", m.latency("bind"));
        out.put("counters", m.counters());
        out.put("service", watch.finish());
    }

    private static void cycle(Run run, Fixture f, Metrics m, ConcurrentLinkedQueue<Pending> pending, Fixture.Pair p, long intended)
            throws Exception {
        if (run.redis().hget(run.stack().redisKey, p.user()) != null) {
            // left from an earlier scenario: unbound but still the user's; release it, unmeasured
            f.http.legacy(Http.HUB + "UnBindAgentNumber", "userid", p.user(), "private_number", p.x());
            f.http.legacy(Http.HUB + "ReleaseTelX", "userId", p.user(), "private_number", p.x());
            await(watch(pending, Kind.RELEASE, p, System.nanoTime()), m, "setup");
        }
        if (!f.bind(m, p, intended).ok()) {
            return;
        }
        await(watch(pending, Kind.BIND, p, System.nanoTime()), m, "BIND");
        if (!f.unbind(m, p).ok()) {
            return;
        }
        await(watch(pending, Kind.UNBIND, p, System.nanoTime()), m, "UNBIND");
        if (f.release(m, p).ok()) {
            await(watch(pending, Kind.RELEASE, p, System.nanoTime()), m, "RELEASE");
        }
    }

    private static Pending watch(ConcurrentLinkedQueue<Pending> pending, Kind kind, Fixture.Pair p, long since) {
        Pending w = new Pending(kind, p, since);
        pending.add(w);
        return w;
    }

    private static void await(Pending w, Metrics m, String label) throws Exception {
        if (!w.done.get(TIMEOUT_NANOS * 2, TimeUnit.NANOSECONDS)) {
            m.count("lag.timeout." + label);
        }
    }

    /** Looks at every pending change at once: one SQL query and one Redis round trip per pending user. */
    static final class Poller extends Thread {
        private final Run run;
        private final ConcurrentLinkedQueue<Pending> pending;
        private final Metrics m;

        Poller(Run run, ConcurrentLinkedQueue<Pending> pending, Metrics m) {
            super("lag-poller");
            setDaemon(true);
            this.run = run;
            this.pending = pending;
            this.m = m;
        }

        @Override
        public void run() {
            try (Connection c = run.stack().connect();
                 PreparedStatement q = c.prepareStatement("SELECT number, bind_state, user_id FROM number_view WHERE number = ANY(?)")) {
                while (!isInterrupted()) {
                    if (pending.isEmpty()) {
                        Thread.sleep(POLL_MILLIS);
                        continue;
                    }
                    List<Pending> now = new ArrayList<>(pending);
                    Map<String, String[]> rows = new HashMap<>();
                    Array numbers = c.createArrayOf("varchar", now.stream().map(w -> w.pair.x()).distinct().toArray());
                    q.setArray(1, numbers);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                        }
                    }
                    long pgAt = System.nanoTime();
                    for (Pending w : now) {
                        check(w, rows.get(w.pair.x()), pgAt);
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                // the scenario ended
            } catch (Exception e) {
                System.err.println("lag poller stopped: " + e);
            }
        }

        private void check(Pending w, String[] row, long pgAt) {
            if (!w.pgSeen && row != null && pgShows(w, row[0], row[1])) {
                w.pgSeen = true;
                m.observe("lag." + w.kind + ".pg", pgAt - w.since);
            }
            if (!w.redisSeen) {
                String value = run.redis().hget(run.stack().redisKey, w.pair.user());
                long at = System.nanoTime();
                boolean holds = value != null && value.contains("\"" + w.pair.x() + "\"");
                if (w.kind == Kind.BIND ? holds : !holds) {
                    w.redisSeen = true;
                    m.observe("lag." + w.kind + ".redis", at - w.since);
                }
            }
            if (w.pgSeen && w.redisSeen) {
                pending.remove(w);
                w.done.complete(true);
            } else if (System.nanoTime() - w.since > TIMEOUT_NANOS) {
                pending.remove(w);
                w.done.complete(false);
            }
        }

        private static boolean pgShows(Pending w, String bindState, String user) {
            switch (w.kind) {
                case BIND:
                    return "BOUND".equals(bindState) && w.pair.user().equals(user);
                case UNBIND:
                    return "UNBOUND".equals(bindState);
                default:
                    return !w.pair.user().equals(user);
            }
        }
    }
}
