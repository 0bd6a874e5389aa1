package com.pnhub.fault;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * MIS's write traffic: every agent owns one number and binds and unbinds it over the legacy API, one
 * request at a time per agent, several agents at once. Every request and its answer (or the lack of
 * one: a killed service answers nothing) is recorded for the checks afterwards. After an answer other
 * than 2000 the agent reads the number's state to pick its next step.
 */
final class LegacyLoad {

    static final String HUB = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/";
    static final int SUCCESS = 2000;

    enum Op { BIND, UNBIND }

    /** One request: {@code code} 0 when no answer came (connection refused or cut). */
    record Attempt(String user, String number, Op op, int service, String requestId, int code, String message,
                   Instant answeredAt, long millis) {
        boolean succeeded() {
            return code == SUCCESS;
        }
    }

    record Pair(String user, String number) {
    }

    /**
     * How a request reaches a service: {@code preferred} is the index the load would pick; the answer says which
     * service gave it. A failure that names the service it happened on is a {@link Balancer.Failed}.
     */
    interface Transport {
        Balancer.Routed get(int preferred, String path) throws IOException;
    }

    private final List<Pair> pairs;
    private final Transport transport;
    private final int services;
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workers;
    private final List<Future<?>> futures = new ArrayList<>();

    /** @param serviceBase service index → {@code http://127.0.0.1:port}; agents spread over the services */
    LegacyLoad(Map<String, String> agents, List<String> numbers, int services, IntFunction<String> serviceBase) {
        this(agents, numbers, services, (preferred, path) -> new Balancer.Routed(preferred, Web.get(serviceBase.apply(preferred) + path)));
    }

    /** Through a load balancer, which picks the service itself. */
    LegacyLoad(Map<String, String> agents, List<String> numbers, Balancer balancer) {
        this(agents, numbers, 1, (ignored, path) -> balancer.get(path));
    }

    private LegacyLoad(Map<String, String> agents, List<String> numbers, int services, Transport transport) {
        List<String> users = new ArrayList<>(agents.keySet());
        this.pairs = new ArrayList<>();
        for (int i = 0; i < Math.min(users.size(), numbers.size()); i++) {
            pairs.add(new Pair(users.get(i), numbers.get(i)));
        }
        this.services = services;
        this.transport = transport;
    }

    List<Pair> pairs() {
        return pairs;
    }

    void start(int threads) {
        running.set(true);
        workers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int worker = t;
            futures.add(workers.submit(() -> run(worker, threads)));
        }
    }

    /** Stops sending and waits for the requests under way. */
    List<Attempt> stop() throws Exception {
        running.set(false);
        for (Future<?> f : futures) {
            f.get(90, TimeUnit.SECONDS);
        }
        workers.shutdown();
        return attempts();
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    private void run(int worker, int threads) {
        List<Pair> mine = new ArrayList<>();
        for (int i = worker; i < pairs.size(); i += threads) {
            mine.add(pairs.get(i));
        }
        Op[] next = new Op[mine.size()];
        java.util.Arrays.fill(next, Op.BIND);
        int round = 0;
        while (running.get()) {
            for (int i = 0; i < mine.size() && running.get(); i++) {
                Pair p = mine.get(i);
                int service = (round + i + worker) % services;
                Attempt a = send(p, next[i], service);
                attempts.add(a);
                if (a.succeeded()) {
                    next[i] = a.op() == Op.BIND ? Op.UNBIND : Op.BIND;
                } else {
                    if (a.code() == 0) {
                        Waits.sleep(200);
                    }
                    next[i] = resync(p, service, next[i]);
                }
            }
            round++;
        }
    }

    private Attempt send(Pair p, Op op, int service) {
        String path = op == Op.BIND
                ? "BindAxNumber?userid=" + p.user() + "&regionid=1&private_number=" + p.number() + "&addUser=1&lastUser=1"
                : "UnBindAgentNumber?userid=" + p.user() + "&private_number=" + p.number();
        long started = System.nanoTime();
        int servedBy = service;
        try {
            Balancer.Routed routed = transport.get(service, HUB + path);
            servedBy = routed.instance();
            JsonNode json = routed.answer().json();
            return new Attempt(p.user(), p.number(), op, servedBy, json.get("RequestId").asString(),
                    json.get("ResultCode").asInt(), json.get("ResultMsg").asString(), Instant.now(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Balancer.Failed failed) {
                servedBy = failed.instance;
            }
            return new Attempt(p.user(), p.number(), op, servedBy, null, 0, String.valueOf(e.getMessage()), Instant.now(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** After an unclear answer: unbind what is bound, bind what is not; wait on a state in transition. */
    private Op resync(Pair p, int service, Op fallback) {
        try {
            Web.Answer a = transport.get(service, "/api/v1/numbers/" + URLEncoder.encode(p.number(), StandardCharsets.UTF_8)).answer();
            if (a.status() != 200) {
                return fallback;
            }
            String state = a.json().get("bindState").asString();
            if (state.equals("BOUND") || state.equals("FAULT")) {
                return Op.UNBIND;
            }
            return state.equals("UNBOUND") ? Op.BIND : fallback;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
