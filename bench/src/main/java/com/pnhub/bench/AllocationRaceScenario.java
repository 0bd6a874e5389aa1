package com.pnhub.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 2: every user asks #16 BindAxByplatform for a number at the same moment, on a pool smaller than
 * the crowd. Winners must each hold a different X: duplicates are counted from the answers, from
 * QueryAgentNumbers, from the read model {@code number_view} and from the simulator's live subscriptions.
 */
final class AllocationRaceScenario {

    private static final String WON = "小号分配成功:";

    private AllocationRaceScenario() {
    }

    static void run(Run run, Report.Section out) throws Exception {
        Options o = run.options();
        Fixture f = run.fixture();
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < o.racePool; i++) {
            pool.add(Fixture.number("171", i));
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < o.raceUsers; i++) {
            users.add(Integer.toString(800_000 + i));
        }
        f.registerNumbers(Fixture.RACE_PLATFORM, Fixture.RACE_POOL, pool);
        f.registerAgents(users, 500_000);

        Metrics m = new Metrics();
        Map<String, List<String>> winnersByX = new HashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(users.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
        for (String user : users) {
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long t0 = System.nanoTime();
                    Http.Envelope e = f.http.legacy(Http.USER_PRIVACY + "BindAxByplatform", "userId", user, "platformID",
                            Fixture.RACE_PLATFORM);
                    Fixture.outcome(m, "BindAxByplatform", t0, e);
                    if (e.ok() && e.message().startsWith(WON)) {
                        synchronized (winnersByX) {
                            winnersByX.computeIfAbsent(e.message().substring(WON.length()), k -> new ArrayList<>()).add(user);
                        }
                    } else if (!e.ok() && (e.message().contains("没有可用的小号") || e.message().contains("您存在绑定的小号"))) {
                        refused.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                } catch (Exception e) {
                    other.incrementAndGet();
                    m.count("exception." + e.getClass().getSimpleName());
                }
            }, "race-" + user);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int winners = winnersByX.values().stream().mapToInt(List::size).sum();
        long duplicateAnswers = winnersByX.values().stream().filter(l -> l.size() > 1).count();

        out.put("users", users.size());
        out.put("poolSize", pool.size());
        out.put("seconds", Report.round(seconds));
        out.put("winners", winners);
        out.put("cleanRefusals", refused.get());
        out.put("otherOutcomes", other.get());
        out.put("duplicatesInAnswers", duplicateAnswers);
        out.put("latency", m.latency("BindAxByplatform"));
        out.put("counters", m.counters());
        out.put("service", watch.finish());

        out.put("duplicatesInQueryAgentNumbers", duplicatesViaQuery(f, users));
        waitForReadModel(run, winners);
        out.put("usersWithTwoNumbersInNumberView", run.queryLong("SELECT count(*) FROM (SELECT user_id FROM number_view WHERE platform = "
                + Fixture.RACE_PLATFORM + " AND user_id IS NOT NULL GROUP BY user_id HAVING count(*) > 1) d"));
        out.put("boundInNumberView", run.queryLong("SELECT count(*) FROM number_view WHERE platform = " + Fixture.RACE_PLATFORM
                + " AND bind_state = 'BOUND'"));
        out.put("duplicatesAtSimulator", duplicatesAtSimulator(f));
    }

    /** An X that QueryAgentNumbers lists for two users. */
    private static long duplicatesViaQuery(Fixture f, List<String> users) throws Exception {
        Map<String, Set<String>> holders = new HashMap<>();
        for (String user : users) {
            Http.Envelope e = f.http.legacy(Http.HUB + "QueryAgentNumbers", "userid", user);
            if (e.ok() && e.body() != null) {
                for (JsonNode row : e.body()) {
                    if (user.equals(row.path("userId").asString(""))) {
                        holders.computeIfAbsent(row.path("ax_number").asString(""), k -> new HashSet<>()).add(user);
                    }
                }
            }
        }
        return holders.values().stream().filter(s -> s.size() > 1).count();
    }

    private static void waitForReadModel(Run run, int winners) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && run.queryLong("SELECT count(*) FROM number_view WHERE platform = "
                + Fixture.RACE_PLATFORM + " AND bind_state = 'BOUND'") < winners) {
            Thread.sleep(200);
        }
    }

    /** An X with two live subscriptions at the provider. */
    private static long duplicatesAtSimulator(Fixture f) throws Exception {
        JsonNode subs = f.simulator.getJson("/_sim/subscriptions");
        Map<String, Integer> perX = new HashMap<>();
        for (JsonNode s : subs) {
            if (Long.toString(Fixture.RACE_POOL).equals(s.path("poolKey").asString(""))) {
                perX.merge(s.path("x").asString(""), 1, Integer::sum);
            }
        }
        return perX.values().stream().filter(n -> n > 1).count();
    }
}
