package com.pnhub.app.support;

import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.security.Role;
import com.pnhub.facade.callbacks.CallReportController;
import com.pnhub.localinfra.LocalIdentityProvider;
import com.pnhub.localinfra.LocalInfraOptions;
import com.pnhub.localinfra.LocalInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers an integration test runs against, chosen once per test JVM by {@code PNHUB_TEST_INFRA}
 * (environment) or {@code pnhub.test.infra} (system property):
 * <ul>
 *   <li>{@code auto} (default): the real PostgreSQL (127.0.0.1:5432), Redis (6379) and RabbitMQ (5672)
 *   where they answer, an embedded one for each that does not;</li>
 *   <li>{@code external}: the real ones only (fails when one is down);</li>
 *   <li>{@code embedded}: embedded ones only, even where real ones run.</li>
 * </ul>
 * On a real PostgreSQL each test JVM gets a database of its own, dropped at exit; on a real Redis the
 * legacy hash gets a key of its own. Provider simulators always run in-process.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static TestInfrastructure instance;

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final ProviderSimulators simulators;
    private final String redisKey;
    private final String description;
    private final boolean amqpReal;
    private final boolean redisReal;

    private final LocalIdentityProvider signingKey = LocalIdentityProvider.generate();
    private final String callbackSecret = java.util.UUID.randomUUID().toString();

    private TestInfrastructure() {
        String mode = System.getProperty("pnhub.test.infra", System.getenv().getOrDefault("PNHUB_TEST_INFRA", "auto"))
                .toLowerCase(Locale.ROOT);
        boolean embeddedOnly = mode.equals("embedded");
        boolean externalOnly = mode.equals("external");
        boolean pgReal = !embeddedOnly && (externalOnly || reachable(5432));
        redisReal = !embeddedOnly && (externalOnly || reachable(6379));
        amqpReal = !embeddedOnly && (externalOnly || reachable(5672));
        String runId = Long.toString(System.currentTimeMillis(), 36) + ProcessHandle.current().pid();
        redisKey = "pnhub-it-" + runId + ":4011:1:PrivateNumber_user_axs";

        if (!pgReal || !redisReal || !amqpReal) {
            LocalInfrastructure embedded = LocalInfrastructure.start(LocalInfraOptions.builder()
                    .postgres(!pgReal).redis(!redisReal).amqp(!amqpReal).build());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                afterSpringContextsClosed();
                embedded.close();
            }, "test-infra-shutdown"));
            properties.putAll(embedded.springProperties());
            properties.putAll(LocalInfrastructure.quietLoggingProperties());
        }
        if (pgReal) {
            String database = "pnhub_it_" + runId;
            createDatabase(database);
            properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + database);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
        }
        if (redisReal) {
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", "6379");
        }
        if (amqpReal) {
            properties.put("spring.rabbitmq.host", "127.0.0.1");
            properties.put("spring.rabbitmq.port", "5672");
            properties.put("spring.rabbitmq.username", "guest");
            properties.put("spring.rabbitmq.password", "guest");
        }
        properties.put("pnhub.redis.user-axs-key", redisKey);
        // this JVM's master key for the personal-data keys (every context of the run shares the database, so one key)
        byte[] masterKey = new byte[32];
        new java.security.SecureRandom().nextBytes(masterKey);
        properties.put("pnhub.privacy.master-key", java.util.Base64.getEncoder().encodeToString(masterKey));
        // real tokens signed by a key of this test JVM, verified by the service as it would the identity provider's
        try {
            Path keyFile = Files.createTempDirectory("pnhub-it-key").resolve("public-key.pem");
            keyFile.getParent().toFile().deleteOnExit();
            keyFile.toFile().deleteOnExit();
            properties.putAll(signingKey.publish(keyFile));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        properties.put("pnhub.security.legacy.allowed-callers", "127.0.0.1/32,::1/128");
        // the load tests are one caller at rates no real MIS sends; the limits have LegacyDoorFilterTest
        properties.put("pnhub.security.legacy.requests-per-second", "1000000");
        properties.put("pnhub.security.legacy.concurrent-requests", "10000");
        properties.put("pnhub.security.callbacks.secrets.simulator", callbackSecret);
        // pool count samples every 2 s, so that PoolHistoryIntegrationTest sees the counts move without waiting 5 minutes
        properties.put("pnhub.pool.history.sample-interval", "PT2S");
        simulators = ProviderSimulators.start();
        properties.putAll(simulators.springProperties());
        description = "postgres=" + (pgReal ? "real" : "embedded") + " redis=" + (redisReal ? "real" : "embedded")
                + " amqp=" + (amqpReal ? "real" : "embedded") + " (mode " + mode + ")";
        log.info("integration test infrastructure: {}", description);
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    public Map<String, Object> springProperties() {
        return properties;
    }

    public ProviderSimulators simulators() {
        return simulators;
    }

    /** True when the tests run against the machine's RabbitMQ (127.0.0.1:5672), false for the embedded broker. */
    public boolean amqpReal() {
        return amqpReal;
    }

    /** True when the tests run against the machine's Redis (127.0.0.1:6379), false for the embedded one. */
    public boolean redisReal() {
        return redisReal;
    }

    /**
     * Properties for a second, separate service instance: a database of its own on the same PostgreSQL
     * server (created now) and a Redis key of its own; the brokers and simulators are shared.
     */
    public Map<String, Object> isolatedInstanceProperties(String name) {
        Map<String, Object> props = new java.util.LinkedHashMap<>(properties);
        String url = String.valueOf(properties.get("spring.datasource.url"));
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        String database = ("pnhub_iso_" + name + "_" + Long.toString(System.nanoTime(), 36)).toLowerCase(java.util.Locale.ROOT);
        String user = String.valueOf(properties.get("spring.datasource.username"));
        String password = String.valueOf(properties.getOrDefault("spring.datasource.password", ""));
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            afterSpringContextsClosed();
            // through the maintenance database: the test database itself may be dropped at the same time
            try (Connection c = DriverManager.getConnection(base + "postgres", user, password); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                log.warn("could not drop test database {}: {}", database, e.getMessage());
            }
        }, "test-db-drop-" + name));
        props.put("spring.datasource.url", base + database);
        props.put("pnhub.redis.user-axs-key", "pnhub-iso-" + database + ":4011:1:PrivateNumber_user_axs");
        return props;
    }

    /** The call-record receiver URL's path, with the secret a provider's configured URL carries. */
    public String callbackPath() {
        return CallReportController.PATH + "?key=" + callbackSecret;
    }

    /** A real token, signed by the key the service was given, for {@code user} with {@code roles}. */
    public String token(String user, Role... roles) {
        return token(user, Duration.ofHours(2), roles);
    }

    public String token(String user, Duration validFor, Role... roles) {
        return signingKey.token(user, validFor, java.util.Arrays.stream(roles).map(Role::claim).toArray(String[]::new));
    }

    public String redisKey() {
        return redisKey;
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * JVM shutdown hooks run at once: stopping the embedded servers or dropping the test databases while the cached
     * Spring contexts still close made each context's processors wait out Axon's 25 s phase timeout on a database that
     * was gone, and Surefire killed the fork. Spring Boot closes every context in one hook thread; the servers stop and
     * the databases go after it ends.
     */
    private static void afterSpringContextsClosed() {
        try {
            // the JVM starts the hooks one after the other: Spring's may not be running yet when this one looks
            for (int look = 0; look < 5; look++) {
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread.getName().equals("SpringApplicationShutdownHook")) {
                        thread.join(Duration.ofSeconds(60).toMillis());
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean reachable(int port) {
        return LocalInfrastructure.isReachable("127.0.0.1", port, Duration.ofMillis(300));
    }

    private static void createDatabase(String database) {
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database + " on 127.0.0.1:5432", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            afterSpringContextsClosed();
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                log.warn("could not drop test database {}: {}", database, e.getMessage());
            }
        }, "test-db-drop"));
    }
}
