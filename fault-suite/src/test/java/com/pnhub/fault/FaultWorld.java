package com.pnhub.fault;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pnhub.localinfra.LocalIdentityProvider;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * One test class's world: a fresh PostgreSQL database and Redis key on the machine's servers, the shared
 * RabbitMQ, one provider simulator process with a key pair made for this run, and the service processes
 * started against them. Everything it made is removed by {@link #close()}.
 */
final class FaultWorld implements AutoCloseable {

    static final int PLATFORM = 3;
    /** Agents (each with a number of its own) in a test's load: enough for contention, few enough for two cores. */
    static final int AGENTS = 24;
    /**
     * Where a world's databases are made: the machine's PostgreSQL, or servers a test started itself (which it may
     * stop, crash or fail over). {@link #start()} runs before the world is made, {@link #close()} after it is gone.
     */
    interface Postgres extends AutoCloseable {
        /** Starts what the test needs; may skip the test (a JUnit assumption) when that cannot run here. */
        default void start() {
        }

        String jdbcUrl(String database);

        String user();

        String password();

        @Override
        default void close() {
        }
    }

    /** The machine's PostgreSQL (127.0.0.1:5432, user postgres, no password), shared with everything else. */
    static final Postgres MACHINE_POSTGRES = new Postgres() {
        @Override
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:5432/" + database;
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return "";
        }
    };

    private final Postgres postgres;
    private final String database;
    private final String redisKey;
    private final String publicKeyLocation;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String masterKey;
    private final JavaProcess simulator;
    private final int simulatorPort;
    private final List<Service> services = new ArrayList<>();
    private final RedisClient redisClient = RedisClient.create("redis://127.0.0.1:6379");
    private final StatefulRedisConnection<String, String> redis;
    private boolean closed;

    /** A service process and the port it listens on. */
    record Service(JavaProcess process, int port) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private FaultWorld(String testName, Postgres postgres) {
        this.postgres = postgres;
        String run = testName.toLowerCase(Locale.ROOT) + "_" + Long.toString(System.currentTimeMillis(), 36);
        database = "pnhub_fault_" + run;
        redisKey = "pnhub-fault-" + run + ":4011:1:PrivateNumber_user_axs";
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        accessKeyId = "fault-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        accessKeySecret = HexFormat.of().formatHex(secret);
        byte[] master = new byte[32];
        random.nextBytes(master);
        masterKey = java.util.Base64.getEncoder().encodeToString(master);
        execute("CREATE DATABASE " + database);
        // a test JVM that is killed (surefire timeout, Ctrl-C) must not leave service processes behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "fault-world-" + run));
        redis = redisClient.connect();
        try {
            Path keyFile = Files.createTempDirectory("pnhub-fault-key").resolve("public-key.pem");
            publicKeyLocation = String.valueOf(Web.IDENTITY.publish(keyFile).get(LocalIdentityProvider.PUBLIC_KEY_PROPERTY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        simulatorPort = JavaProcess.freePort();
        simulator = new JavaProcess(run + "-simulator", JavaProcess.jar("pnhub.fault.simulator-jar", "fault-suite-simulator"), List.of("-Xmx128m"),
                List.of("--port", Integer.toString(simulatorPort), "--name", "fault-sim"),
                Map.of("SIM_ACCESS_KEY_ID", accessKeyId, "SIM_ACCESS_KEY_SECRET", accessKeySecret)).start();
        Waits.until("the simulator answers", Duration.ofSeconds(30), () -> {
            try {
                return Web.get(simulatorUrl("/_sim/health")).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Skips (does not fail) where the machine's PostgreSQL, Redis and RabbitMQ are not there to share, or
     * the run asked for embedded servers only: separate processes need real servers.
     */
    static FaultWorld create(Class<?> testClass) {
        return create(testClass, MACHINE_POSTGRES);
    }

    /** A world whose database is on {@code postgres} (already started); skips like {@link #create(Class)}. */
    static FaultWorld create(Class<?> testClass, Postgres postgres) {
        String mode = System.getProperty("pnhub.test.infra", System.getenv().getOrDefault("PNHUB_TEST_INFRA", "auto"));
        assumeTrue(!mode.equalsIgnoreCase("embedded"),
                "fault suite skipped: PNHUB_TEST_INFRA=embedded, and its service processes need the machine's PostgreSQL, Redis and RabbitMQ");
        for (int port : postgres == MACHINE_POSTGRES ? new int[] {5432, 6379, 5672} : new int[] {6379, 5672}) {
            assumeTrue(JavaProcess.reachable(port), "fault suite skipped: nothing listens on 127.0.0.1:" + port
                    + " (it needs PostgreSQL 5432, Redis 6379 and RabbitMQ 5672 on this machine)");
        }
        return new FaultWorld(testClass.getSimpleName().replaceAll("[^A-Za-z]", ""), postgres);
    }

    /** Starts one more service process (not yet healthy: see {@link #awaitHealthy}). */
    Service startService(String name) {
        return startService(name, "384m", List.of());
    }

    /** With a heap of {@code heap} and {@code extraArgs} after the suite's own arguments (a later one wins). */
    Service startService(String name, String heap, List<String> extraArgs) {
        int port = JavaProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PNHUB_PROVIDERS_ALIYUN_ACCESS_KEY_ID", accessKeyId);
        env.put("PNHUB_PROVIDERS_ALIYUN_ACCESS_KEY_SECRET", accessKeySecret);
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        // one master key for the world's instances: they share the personal-data keys of one database
        env.put("PNHUB_PRIVACY_MASTER_KEY", masterKey);
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=prod",
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6379",
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=5672",
                "--spring.rabbitmq.username=guest",
                "--spring.rabbitmq.password=guest",
                "--pnhub.redis.user-axs-key=" + redisKey,
                "--pnhub.providers.aliyun.endpoint=http://127.0.0.1:" + simulatorPort,
                "--pnhub.provider-endpoints.allow-plain-http=true",
                // the legacy queues are shared with every other test on this broker: leave their messages alone,
                // and declare them as those tests do (classic; QuorumQueuesIntegrationTest has a vhost of its own)
                "--pnhub.bridge.listeners.auto-startup=false",
                "--pnhub.bridge.queue-type=classic",
                "--pnhub.reconciliation.enabled=false",
                "--" + LocalIdentityProvider.PUBLIC_KEY_PROPERTY + "=" + publicKeyLocation,
                "--pnhub.security.legacy.allowed-callers=127.0.0.1/32,::1/128",
                "--pnhub.security.legacy.requests-per-second=1000000",
                "--pnhub.security.legacy.concurrent-requests=10000"));
        args.addAll(extraArgs);
        JavaProcess process = new JavaProcess(database + "-" + name,
                JavaProcess.jar("pnhub.fault.app-jar", "fault-suite-service"),
                List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args, env).start();
        Service service = new Service(process, port);
        services.add(service);
        return service;
    }

    /** One healthy service with {@code agents} agents and as many numbers of a new pool, one for each. */
    record Setup(Service service, Map<String, String> agents, Pool pool) {
        /** MIS's load on this service, {@code threads} requests at a time. */
        LegacyLoad startLoad(int threads) {
            LegacyLoad load = new LegacyLoad(agents, pool.numbers(), 1, i -> service.url(""));
            load.start(threads);
            return load;
        }
    }

    Setup oneService(String name, int agents) {
        Service service = startService(name);
        awaitHealthy(service);
        return new Setup(service, registerAgents(service, agents), registerNumbers(service, agents));
    }

    /** Waits for {@code /actuator/health} UP; fails early, with the log's tail, when the process dies. */
    void awaitHealthy(Service service) {
        Waits.until(service.process().name() + " is healthy", Duration.ofSeconds(120), () -> {
            if (!service.process().alive()) {
                throw new IllegalStateException(service.process().name() + " exited:\n" + tail(service));
            }
            try {
                Web.Answer a = Web.get(service.url("/actuator/health"));
                return a.status() == 200 && a.json().get("status").asString().equals("UP");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
    }

    /** Restarts a killed service on the same port, so clients keep their address. */
    void restart(Service service) {
        service.process().start();
        awaitHealthy(service);
    }

    String tail(Service service) {
        try {
            List<String> lines = Files.readAllLines(service.process().log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Agents with their phones, registered through the admin API. */
    Map<String, String> registerAgents(Service service, int count) {
        Map<String, String> agents = new LinkedHashMap<>();
        long base = 700_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L);
        for (int i = 0; i < count; i++) {
            String user = Long.toString(base + i);
            String phone = String.format("139%08d", (base + i) % 100_000_000L);
            Web.must("PUT", service.url("/api/v1/agents/" + user), Map.of("name", "故障" + i, "phone", phone));
            agents.put(user, phone);
        }
        return agents;
    }

    /**
     * Numbers of a new pool, registered with us and given to the simulator's pool of the same key, as a
     * provider would have sold them (the prod profile has no simulator feeder).
     */
    /** A pool of ours: its id (also the simulator's pool key) and its numbers. */
    record Pool(long id, List<String> numbers) {
    }

    Pool registerNumbers(Service service, int count) {
        long pool = 80_000 + ThreadLocalRandom.current().nextInt(10_000);
        long base = ThreadLocalRandom.current().nextLong(100_000_000L) * 10;
        List<String> numbers = new ArrayList<>();
        List<Map<String, Object>> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String x = String.format("19%09d", (base + i) % 1_000_000_000L);
            numbers.add(x);
            registrations.add(Map.of("number", x, "platform", PLATFORM, "poolId", pool, "regionId", 1));
        }
        Web.must("POST", simulatorUrl("/_sim/pools/" + pool + "/numbers"), numbers);
        JsonNode answer = Web.must("POST", service.url("/api/v1/numbers"), registrations);
        if (!answer.toString().contains("registered") || answer.toString().contains("invalid")) {
            throw new IllegalStateException("registration failed: " + answer);
        }
        return new Pool(pool, numbers);
    }

    void simulatorFaults(Map<String, Object> faults) {
        Web.must("POST", simulatorUrl("/_sim/faults"), faults);
    }

    /** The simulator's live subscriptions: X → its subscription (subsId, a). */
    Map<String, JsonNode> liveSubscriptions() {
        Map<String, JsonNode> byX = new LinkedHashMap<>();
        Web.must("GET", simulatorUrl("/_sim/subscriptions"), null).valueStream().forEach(s -> {
            JsonNode previous = byX.put(s.get("x").asString(), s);
            if (previous != null) {
                throw new IllegalStateException("two live subscriptions on one X: " + previous + " and " + s);
            }
        });
        return byX;
    }

    String simulatorUrl(String path) {
        return "http://127.0.0.1:" + simulatorPort + path;
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    /** The first column of every row, as strings. */
    List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(String.valueOf(rs.getString(1)));
            }
        }
        return values;
    }

    Map<String, String> redisHash() {
        return redis.sync().hgetall(redisKey);
    }

    String database() {
        return database;
    }

    /** The service's consistency check (docs/operations.md), after waiting for the projections. */
    JsonNode consistency(Service service) {
        return Web.must("GET", service.url("/api/v1/admin/consistency?waitSeconds=60"), null);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.forEach(s -> s.process().kill());
        // null while the constructor has not got that far (the shutdown hook may run early)
        if (simulator != null) {
            simulator.kill();
        }
        if (Boolean.getBoolean("pnhub.fault.keep")) {
            // for a post-mortem: -Dpnhub.fault.keep=true leaves the database and the Redis key behind
            redisClient.shutdown();
            return;
        }
        try {
            if (redis != null) {
                redis.sync().del(redisKey);
                redis.close();
            }
        } finally {
            redisClient.shutdown();
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
