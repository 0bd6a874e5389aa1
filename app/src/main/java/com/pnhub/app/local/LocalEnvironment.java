package com.pnhub.app.local;

import com.pnhub.api.values.Platform;
import com.pnhub.localinfra.LocalInfraOptions;
import com.pnhub.localinfra.LocalInfrastructure;
import com.pnhub.simulator.ProviderSimulator;
import com.pnhub.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The Run command's world: unless a profile other than {@code local} is chosen, the service starts an
 * embedded PostgreSQL, Redis and AMQP broker on free ports, and one provider simulator per platform
 * with a random key pair, and points Spring's standard properties at them. What they keep lives in
 * {@code ./data} (see {@link World}). Nothing here runs under the {@code prod} profile.
 */
public final class LocalEnvironment {

    public static final String PROFILE = "local";
    private static final Logger log = LoggerFactory.getLogger(LocalEnvironment.class);

    private LocalEnvironment() {
    }

    public static void attachIfLocal(SpringApplication app, String[] args) {
        String active = activeProfiles(args);
        if (active != null && !Arrays.asList(active.split(",")).contains(PROFILE)) {
            return;
        }
        if (active == null) {
            app.setAdditionalProfiles(PROFILE);
        }
        World world = World.start(defaultDataDir(), name -> setting(args, name));
        world.attachTo(app);
        java.util.concurrent.atomic.AtomicReference<org.springframework.context.ConfigurableApplicationContext> context =
                new java.util.concurrent.atomic.AtomicReference<>();
        app.addInitializers(context::set);
        // JVM shutdown hooks run at the same time: stopping the servers beside Spring's own hook took the database from
        // the graceful stop, which then waited 25 s for Axon. close() waits for a close already under way, so the servers
        // stop after the application has
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (context.get() != null) {
                context.get().close();
            }
            world.close();
        }, "local-infra-shutdown"));
    }

    /** {@code ./data} of the folder the service was started in, as the README's Run command expects. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.dir"), "data");
    }

    private static Map<String, String> endpoints(LocalInfrastructure infra, ProviderSimulators simulators) {
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("postgresql", infra.postgresJdbcUrl() + " (user " + infra.postgresUser() + ")");
        endpoints.put("redis", "redis://" + infra.redisHost() + ":" + infra.redisPort());
        endpoints.put("amqp", "amqp://" + infra.amqpHost() + ":" + infra.amqpPort() + "/" + infra.amqpVirtualHost()
                + " (user " + infra.amqpUser() + ")");
        simulators.byPlatform.forEach((platform, sim) ->
                endpoints.put("simulator-" + platform.name().toLowerCase(Locale.ROOT), "http://" + sim.endpoint()));
        return endpoints;
    }

    private static String activeProfiles(String[] args) {
        return setting(args, "spring.profiles.active");
    }

    /**
     * A setting read before Spring's environment exists, where Spring would look too: {@code --name=value}, then
     * {@code -Dname=value}, then the environment variable ({@code pnhub.local.redis-port}: {@code PNHUB_LOCAL_REDIS_PORT}).
     */
    private static String setting(String[] args, String name) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        String prop = System.getProperty(name);
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        String env = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return env != null && !env.isBlank() ? env : null;
    }

    /**
     * The local world kept in one data folder: PostgreSQL's data in {@code pg/}, each simulator's account in
     * {@code simulators/<platform>.json} (ADR 0015) and this run's tokens in {@code local-tokens/}. Started on the
     * same folder again, it is the world it was when it stopped.
     */
    public static final class World implements AutoCloseable {

        private final LocalInfrastructure infra;
        private final ProviderSimulators simulators;
        private final Map<String, Object> properties;

        private World(LocalInfrastructure infra, ProviderSimulators simulators, Map<String, Object> properties) {
            this.infra = infra;
            this.simulators = simulators;
            this.properties = properties;
        }

        public static World start(Path dataDir) {
            return start(dataDir, name -> null);
        }

        /** {@code settings} may fix each embedded server's port ({@code pnhub.local.postgres-port}, ..., LocalInfraOptions). */
        public static World start(Path dataDir, java.util.function.Function<String, String> settings) {
            long started = System.nanoTime();
            LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.builder()
                    .postgresDataDir(dataDir.resolve("pg")).portsFrom(settings).build());
            ProviderSimulators simulators;
            try {
                simulators = ProviderSimulators.start(dataDir.resolve("simulators"));
            } catch (RuntimeException e) {
                infra.close();
                throw e;
            }
            Map<String, Object> props = new HashMap<>(infra.springProperties());
            props.putAll(LocalInfrastructure.quietLoggingProperties());
            props.putAll(simulators.springProperties());
            props.putAll(LocalTokens.issue(dataDir.resolve("local-tokens")));
            log.info("local profile: embedded infrastructure up in {} ms ({}), simulators {}",
                    (System.nanoTime() - started) / 1_000_000, infra.startTimes(), simulators);
            return new World(infra, simulators, props);
        }

        /** Points the application at this world: its servers, simulators and tokens. */
        public void attachTo(SpringApplication app) {
            app.setDefaultProperties(properties);
            Map<String, String> endpoints = endpoints(infra, simulators);
            app.addInitializers(ctx -> {
                ctx.getBeanFactory().registerSingleton("providerSimulators", simulators);
                ctx.getBeanFactory().registerSingleton("localEndpointsInfo",
                        (InfoContributor) info -> info.withDetail("localEndpoints", endpoints));
            });
            // last in the log, after the web server's own line: where a user reaches each embedded server (no
            // secrets: the PostgreSQL password is in its data directory's credentials file, docs/operations.md)
            app.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> log.info("local endpoints:{}",
                    endpoints.entrySet().stream().map(e -> String.format("%n  %-12s %s", e.getKey(), e.getValue()))
                            .collect(java.util.stream.Collectors.joining())));
        }

        public ProviderSimulators simulators() {
            return simulators;
        }

        /** Stops the simulators first, each writing its state a last time, then the servers. */
        @Override
        public void close() {
            simulators.close();
            infra.close();
        }
    }

    /**
     * One in-process simulator per platform, each with a fresh random key pair (no secret in the repo); in memory
     * ({@link #start()}, the tests') or each keeping its account in a file of a folder ({@link #start(Path)}, the
     * Run command's).
     */
    public static final class ProviderSimulators implements AutoCloseable {

        private final Map<Platform, ProviderSimulator> byPlatform;

        private ProviderSimulators(Map<Platform, ProviderSimulator> byPlatform) {
            this.byPlatform = byPlatform;
        }

        public static ProviderSimulators start() {
            return start((Path) null);
        }

        /** @param stateDir where each keeps {@code <platform>.json}, e.g. {@code dongxin.json}; null: nowhere */
        public static ProviderSimulators start(Path stateDir) {
            Map<Platform, ProviderSimulator> sims = new EnumMap<>(Platform.class);
            SecureRandom random = new SecureRandom();
            try {
                for (Platform p : Platform.values()) {
                    byte[] secret = new byte[18];
                    random.nextBytes(secret);
                    String name = p.name().toLowerCase(Locale.ROOT);
                    SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withName(name)
                            .withCredentials("sim-" + name, HexFormat.of().formatHex(secret));
                    sims.put(p, stateDir == null ? ProviderSimulator.start(config)
                            : ProviderSimulator.start(config, stateDir.resolve(name + ".json")));
                }
            } catch (RuntimeException e) {
                sims.values().forEach(ProviderSimulator::close);
                throw e;
            }
            return new ProviderSimulators(sims);
        }

        public ProviderSimulator of(Platform platform) {
            return byPlatform.get(platform);
        }

        public Map<String, Object> springProperties() {
            Map<String, Object> props = new HashMap<>();
            byPlatform.forEach((platform, sim) -> {
                String prefix = "pnhub.providers." + platform.name().toLowerCase(Locale.ROOT) + ".";
                props.put(prefix + "endpoint", "http://" + sim.endpoint());
                props.put(prefix + "access-key-id", sim.config().accessKeyId());
                props.put(prefix + "access-key-secret", sim.config().accessKeySecret());
            });
            // the simulators speak plain HTTP on loopback
            props.put("pnhub.provider-endpoints.allow-plain-http", "true");
            return props;
        }

        @Override
        public void close() {
            byPlatform.values().forEach(ProviderSimulator::close);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            byPlatform.forEach((p, s) -> sb.append(p).append('@').append(s.endpoint()).append(' '));
            return sb.toString().trim();
        }
    }
}
