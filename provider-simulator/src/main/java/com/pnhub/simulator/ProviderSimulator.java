package com.pnhub.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Aliyun PNP (Dyplsapi 2017-05-25) that the real Alibaba Java SDK can talk to unchanged.
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults())) {
 *     sim.addNumbers("FC100001", List.of("17000000001"));
 *     BindAxnRequest req = new BindAxnRequest();
 *     req.setSysEndpoint(sim.endpoint());          // "127.0.0.1:PORT"
 *     req.setSysProtocol(ProtocolType.HTTP);
 *     ...
 * }
 * }</pre>
 *
 * The Aliyun RPC endpoint is {@code /}; a JSON admin API lives under {@code /_sim/} on the same port.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);

    private final SimulatorConfig config;
    private final SimulatorState state;
    private final Faults faults = new Faults();
    private final CallReports calls;
    private final HttpServer server;
    private final ExecutorService executor;
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    private StateFile stateFile;

    static {
        // the JDK's HTTP server leaves Nagle's algorithm on unless told otherwise; with the SDK's delayed ACKs every
        // answer then waited ~40 ms (the p50 of every provider call in the bench), a delay no provider has
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private ProviderSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.state = new SimulatorState(config.zone());
        this.calls = new CallReports(state);
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        AtomicInteger seq = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-" + config.name() + "-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new AliyunRpcHandler(config, state, faults, epoch::get));
        server.createContext("/_sim", new AdminHandler(this));
    }

    /** Binds and starts serving; {@code port 0} picks a free port (see {@link #port()}). */
    public static ProviderSimulator start(SimulatorConfig config) {
        try {
            return new ProviderSimulator(config).serve();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start simulator on " + config.host() + ":" + config.port(), e);
        }
    }

    private ProviderSimulator serve() {
        // warm Jackson up so the very first answer is not slower than a client's read timeout
        Json.MAPPER.writeValueAsBytes(Map.of("RequestId", "warm-up", "Code", "OK"));
        server.start();
        log.info("Aliyun PNP simulator '{}' listening on {} (accessKeyId={}{})", config.name(), endpoint(),
                config.accessKeyId(), stateFile == null ? "" : ", state in " + stateFile.path());
        return this;
    }

    public static ProviderSimulator start() {
        return start(SimulatorConfig.defaults());
    }

    /**
     * Like {@link #start(SimulatorConfig)}, with pools, bindings and blacklist kept in {@code stateFile}: loaded
     * from it before the first request when it exists, written to it shortly after each change and at
     * {@link #close()} (see ADR 0015). Fault switches and the call-report receiver are not kept.
     *
     * @throws IllegalStateException when the file exists but cannot be read as a simulator's state
     */
    public static ProviderSimulator start(SimulatorConfig config, Path stateFile) {
        ProviderSimulator sim;
        try {
            sim = new ProviderSimulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start simulator on " + config.host() + ":" + config.port(), e);
        }
        try {
            sim.stateFile = StateFile.attach(stateFile, sim.state, config.name());
        } catch (RuntimeException e) {
            sim.server.stop(0);
            sim.executor.shutdownNow();
            throw e;
        }
        return sim.serve();
    }

    /** The file this simulator keeps its state in, if it keeps it. */
    public Optional<Path> stateFile() {
        return Optional.ofNullable(stateFile).map(StateFile::path);
    }

    public SimulatorConfig config() {
        return config;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code host:port}, what the SDK takes as endpoint ({@code request.setSysEndpoint(...)}). */
    public String endpoint() {
        return config.host() + ":" + port();
    }

    /** {@code http://host:port}, handy for the admin API. */
    public String baseUrl() {
        return "http://" + endpoint();
    }

    /** Gives {@code numbers} (X numbers) to pool {@code poolKey}, creating the pool if needed. */
    public ProviderSimulator addNumbers(String poolKey, Collection<String> numbers) {
        state.addNumbers(poolKey, numbers);
        log.info("[{}] pool {} got {} numbers", config.name(), poolKey, numbers.size());
        return this;
    }

    public ProviderSimulator addNumbers(String poolKey, String... numbers) {
        return addNumbers(poolKey, Arrays.asList(numbers));
    }

    /** poolKey → X numbers it owns. */
    public Map<String, List<String>> pools() {
        return state.pools();
    }

    /** Live bindings only (not unbound, not expired), oldest first. */
    public List<Subscription> subscriptions() {
        return state.liveSubscriptions();
    }

    /** Every binding ever made since the last reset, including unbound ones ({@code active == false}). */
    public List<Subscription> allSubscriptions() {
        return state.allSubscriptions();
    }

    /** The binding if it is live. */
    public Optional<Subscription> subscription(String subsId) {
        return state.subscription(subsId).filter(s -> s.live(state.now()));
    }

    /** The binding whatever its state (unbound or expired ones too). */
    public Optional<Subscription> anySubscription(String subsId) {
        return state.subscription(subsId);
    }

    public List<BlacklistEntry> blacklist() {
        return state.blacklist();
    }

    /** The live fault switches of this instance. */
    public Faults faults() {
        return faults;
    }

    /** Where SecretReport batches are pushed (null: nowhere), like the receiver URL of a PNP account. */
    public void setCallReportReceiver(String url) {
        calls.receiverUrl(url);
    }

    public String callReportReceiver() {
        return calls.receiverUrl();
    }

    /**
     * A call from {@code caller} to {@code x} that talked {@code talkSeconds}, routed by the live bindings; its
     * SecretReport record is pushed to the receiver (if any) and returned.
     */
    public Map<String, Object> placeCall(String caller, String x, int talkSeconds) {
        Map<String, Object> record = calls.route(caller, x, talkSeconds);
        calls.push(List.of(record));
        return record;
    }

    /** Pushes a batch of records (again) to the receiver. @return its HTTP status, -1 when none answered */
    public int pushCallReports(List<Map<String, Object>> records) {
        return calls.push(records);
    }

    /**
     * Forgets bindings and blacklist and clears all faults; pools (the numbers owned) are kept. Requests still
     * waiting out an injected latency are dropped (connection closed) instead of touching the fresh state.
     */
    public void reset() {
        epoch.incrementAndGet();
        state.reset(false);
        faults.clear();
        log.info("[{}] reset", config.name());
    }

    /** Like {@link #reset()} and also forgets the pools. */
    public void resetAll() {
        epoch.incrementAndGet();
        state.reset(true);
        faults.clear();
        log.info("[{}] reset (pools too)", config.name());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // after the server: no request changes the state once its last write has begun
        if (stateFile != null) {
            stateFile.close();
        }
        log.info("Aliyun PNP simulator '{}' stopped", config.name());
    }

    /**
     * Standalone: {@code java -jar provider-simulator-0.1.0-SNAPSHOT-all.jar --port 18080
     * [--host 0.0.0.0] [--access-key-id ID] [--access-key-secret S] [--name N] [--pool POOLKEY=X1,X2,...]...}.
     * Key defaults come from {@code SIM_ACCESS_KEY_ID} / {@code SIM_ACCESS_KEY_SECRET}, else
     * {@code pnhub-sim} / {@code pnhub-sim-secret}.
     */
    public static void main(String[] args) {
        String id = envOr("SIM_ACCESS_KEY_ID", SimulatorConfig.DEFAULT_ACCESS_KEY_ID);
        String secret = envOr("SIM_ACCESS_KEY_SECRET", SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET);
        int port = 18080;
        String host = null;
        String name = "aliyun-sim";
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                usage(0);
                return;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                System.err.println("missing value for " + arg);
                usage(2);
                return;
            }
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value);
                case "--host" -> host = value;
                case "--access-key-id" -> id = value;
                case "--access-key-secret" -> secret = value;
                case "--name" -> name = value;
                case "--pool" -> pools.add(value);
                default -> {
                    System.err.println("unknown option " + arg);
                    usage(2);
                    return;
                }
            }
        }
        ProviderSimulator sim = start(new SimulatorConfig(host, port, id, secret, name, null));
        for (String p : pools) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                System.err.println("--pool expects POOLKEY=X1,X2,...: " + p);
                sim.close();
                System.exit(2);
            }
            sim.addNumbers(p.substring(0, eq), Arrays.asList(p.substring(eq + 1).split(",")));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "sim-shutdown"));
        System.out.println("Aliyun PNP simulator listening on " + sim.endpoint() + " (admin: " + sim.baseUrl() + "/_sim/)");
    }

    private static void usage(int exit) {
        System.err.println("usage: java -jar provider-simulator-all.jar [--port 18080] [--host 127.0.0.1] "
                + "[--access-key-id ID] [--access-key-secret S] [--name N] [--pool POOLKEY=X1,X2,...]");
        if (exit != 0) {
            System.exit(exit);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
