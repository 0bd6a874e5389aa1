package com.pnhub.bench;

import com.pnhub.api.privacy.PhoneMask;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The run's test data, registered through the admin API as an operator would: agents with a phone of their
 * own and X numbers in a pool that the simulator owns too. Number ranges are fixed per role, which is safe
 * because every run has a database and a simulator of its own.
 */
final class Fixture {

    /** Bind/unbind pool: platform 3 (阿里云), pool 17. */
    static final int PLATFORM = 3;
    static final long POOL = 17;
    /** Allocation race pool: platform 1 (东信), pool 11, used by nothing else, so it holds exactly the race's numbers. */
    static final int RACE_PLATFORM = 1;
    static final long RACE_POOL = 11;

    /** An agent and the X it binds and unbinds. */
    record Pair(String user, String x) {
    }

    final Http http;
    final Http simulator;
    final List<Pair> pairs = new ArrayList<>();
    final BlockingQueue<Pair> free;

    Fixture(Http http, Http simulator, int pairCount) {
        this.http = http;
        this.simulator = simulator;
        for (int i = 0; i < pairCount; i++) {
            pairs.add(new Pair(Integer.toString(700_000 + i), number("173", i)));
        }
        free = new ArrayBlockingQueue<>(pairCount, false, pairs);
    }

    static String number(String prefix, long i) {
        return prefix + String.format(Locale.ROOT, "%0" + (11 - prefix.length()) + "d", i);
    }


    void register() throws Exception {
        registerAgents(pairs.stream().map(Pair::user).toList(), 0);
        registerNumbers(PLATFORM, POOL, pairs.stream().map(Pair::x).toList());
    }

    /** {@code phoneOffset} keeps A numbers distinct between groups of agents. */
    void registerAgents(List<String> users, int phoneOffset) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                String phone = number("138", phoneOffset + i);
                done.add(pool.submit((Callable<Void>) () -> {
                    HttpResponse<String> r = http.send("PUT", "/api/v1/agents/" + user, Map.of("name", "压测" + user, "phone", phone));
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("agent " + user + ": HTTP " + r.statusCode() + " " + PhoneMask.inText(r.body()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    void registerNumbers(int platform, long poolId, List<String> numbers) throws Exception {
        HttpResponse<String> sim = simulator.send("POST", "/_sim/pools/" + poolId + "/numbers", numbers);
        if (sim.statusCode() != 200) {
            throw new IllegalStateException("simulator pool " + poolId + ": HTTP " + sim.statusCode());
        }
        for (int from = 0; from < numbers.size(); from += 100) {
            List<Map<String, Object>> items = numbers.subList(from, Math.min(numbers.size(), from + 100)).stream()
                    .map(n -> Map.<String, Object>of("number", n, "platform", platform, "poolId", poolId, "regionId", 1))
                    .toList();
            HttpResponse<String> r = http.send("POST", "/api/v1/numbers", items);
            if (r.statusCode() != 200 || r.body().contains("\"invalid\"") || r.body().contains("\"duplicate\"")) {
                throw new IllegalStateException("numbers: HTTP " + r.statusCode() + " " + PhoneMask.inText(r.body()));
            }
        }
    }

    Http.Envelope bind(Metrics m, Pair p, long startNanos) throws Exception {
        return bind(http, m, p, startNanos);
    }

    Http.Envelope bind(Http via, Metrics m, Pair p, long startNanos) throws Exception {
        Http.Envelope e = via.legacy(Http.HUB + "BindAxNumber", "userid", p.user(), "regionid", 1, "private_number", p.x(),
                "addUser", 1, "lastUser", 1);
        outcome(m, "bind", startNanos, e);
        return e;
    }

    Http.Envelope unbind(Metrics m, Pair p) throws Exception {
        return unbind(http, m, p);
    }

    Http.Envelope unbind(Http via, Metrics m, Pair p) throws Exception {
        long t0 = System.nanoTime();
        Http.Envelope e = via.legacy(Http.HUB + "UnBindAgentNumber", "userid", p.user(), "private_number", p.x());
        outcome(m, "unbind", t0, e);
        return e;
    }

    Http.Envelope release(Metrics m, Pair p) throws Exception {
        long t0 = System.nanoTime();
        Http.Envelope e = http.legacy(Http.HUB + "ReleaseTelX", "userId", p.user(), "private_number", p.x());
        outcome(m, "release", t0, e);
        return e;
    }

    /**
     * One bind/unbind cycle. After a failed bind an unbind that is not measured puts the pair back in a known
     * state (a bind answered "pending" may still complete), so one failure does not fail every later cycle.
     */
    void cycle(Metrics m, Pair p, long startNanos) throws Exception {
        cycle(http, http, m, p, startNanos);
    }

    /** A cycle whose bind and unbind go to the instances given (scenario 7 sends them to different ones). */
    void cycle(Http bindVia, Http unbindVia, Metrics m, Pair p, long startNanos) throws Exception {
        if (bind(bindVia, m, p, startNanos).ok()) {
            unbind(unbindVia, m, p);
        } else {
            unbindVia.legacy(Http.HUB + "UnBindAgentNumber", "userid", p.user(), "private_number", p.x());
        }
    }

    static void outcome(Metrics m, String name, long startNanos, Http.Envelope e) {
        m.record(name, System.nanoTime() - startNanos, e.ok());
        if (!e.ok()) {
            m.count(name + ".msg " + PhoneMask.inText(e.message()));
        }
    }

    Pair take() throws InterruptedException {
        Pair p = free.poll(60, TimeUnit.SECONDS);
        if (p == null) {
            throw new IllegalStateException("no free pair within 60 s: raise --pairs");
        }
        return p;
    }
}
