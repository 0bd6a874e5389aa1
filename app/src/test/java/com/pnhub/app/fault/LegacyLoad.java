package com.pnhub.app.fault;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * A write load as MIS makes it: agents, each with a registered number of its own, bound and unbound in turn
 * through the legacy API by a few threads until {@link #stop()}. Every answer is kept with its time, so a test
 * can tell what was answered while a server was down.
 */
final class LegacyLoad {

    record Op(long startedAt, long endedAt, String action, String user, String number, int code, String message) {
    }

    record Pair(String user, String number) {
    }

    private final Http http;
    private final List<Pair> pairs = new ArrayList<>();
    private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    LegacyLoad(Http http, int agents) {
        this.http = http;
        long pool = 8000 + ThreadLocalRandom.current().nextInt(1000);
        List<Map<String, Object>> registrations = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String user = TestData.userId();
            String number = TestData.virtualNumber();
            Http.Response agent = http.method("PUT", "/api/v1/agents/" + user,
                    Http.toJson(Map.of("name", "故障" + i, "phone", TestData.realNumber())));
            if (agent.status() >= 300) {
                throw new IllegalStateException("agent " + user + ": " + agent.body());
            }
            pairs.add(new Pair(user, number));
            registrations.add(Map.of("number", number, "platform", 3, "poolId", pool, "regionId", 1));
        }
        Http.Response registered = http.method("POST", "/api/v1/numbers", Http.toJson(registrations));
        if (registered.status() >= 300) {
            throw new IllegalStateException("numbers: " + registered.body());
        }
    }

    List<Pair> pairs() {
        return pairs;
    }

    List<String> users() {
        return pairs.stream().map(Pair::user).toList();
    }

    /** Binds every pair once, so each agent holds its number before the load starts. */
    void bindAll() {
        for (Pair p : pairs) {
            Op op = call("BindAxNumber", p);
            if (op.code() != 2000) {
                throw new IllegalStateException("initial bind " + p + ": " + op.message());
            }
        }
    }

    /** Starts {@code threadCount} threads, each unbinding and binding its share of the pairs in turn, {@code pauseMillis} apart. */
    void start(int threadCount, long pauseMillis) {
        running.set(true);
        for (int t = 0; t < threadCount; t++) {
            List<Pair> mine = new ArrayList<>();
            for (int i = t; i < pairs.size(); i += threadCount) {
                mine.add(pairs.get(i));
            }
            Thread thread = new Thread(() -> {
                boolean bound = true;
                while (running.get()) {
                    for (Pair p : mine) {
                        if (!running.get()) {
                            break;
                        }
                        call(bound ? "UnBindAgentNumber" : "BindAxNumber", p);
                        sleep(pauseMillis);
                    }
                    bound = !bound;
                }
            }, "legacy-load-" + t);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the threads after the round they are in; returns every operation they made. */
    List<Op> stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
        return List.copyOf(ops);
    }

    private Op call(String action, Pair p) {
        long started = System.currentTimeMillis();
        int code;
        String message;
        try {
            JsonNode r = http.hub(action, "userid", p.user(), "private_number", p.number(), "regionid", "1");
            code = r.get("ResultCode").asInt();
            message = r.get("ResultMsg").asString();
        } catch (RuntimeException e) {
            code = -1;
            message = e.toString();
        }
        Op op = new Op(started, System.currentTimeMillis(), action, p.user(), p.number(), code, message);
        ops.add(op);
        return op;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
