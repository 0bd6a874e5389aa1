package com.pnhub.localrun;

import com.pnhub.api.values.Platform;
import com.pnhub.localinfra.LocalInfraOptions;
import com.pnhub.localinfra.LocalInfrastructure;
import com.pnhub.simulated.ProviderSimulators;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
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
 * {@code ./data} (see {@link World}). Nothing here runs under the {@code prod} profile, and none of it is in app's
 * production jar: only local-run's jar (the Run command) has it (ADR 0025). The simulators' ports can be fixed with
 * {@link #SIMULATOR_PORT}{@code <platform>} ({@link #setting}).
 */
public final class LocalEnvironment {

    public static final String PROFILE = "local";
    /** Followed by a platform's name ({@code dongxin}, {@code jiuyun}, {@code aliyun}): its simulator's port; 0: free. */
    public static final String SIMULATOR_PORT = "pnhub.local.simulator-port.";
    private static final Logger log = LoggerFactory.getLogger(LocalEnvironment.class);

    private LocalEnvironment() {
    }

    public static void attachIfLocal(SpringApplication app, String[] args) {
        String active = setting(args, "spring.profiles.active");
        if (active != null && !Arrays.asList(active.split(",")).contains(PROFILE)) {
            return;
        }
        if (active == null) {
            app.setAdditionalProfiles(PROFILE);
        }
        World world = World.start(defaultDataDir(), name -> setting(args, name), simulatorPorts(args));
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
        simulators.endpoints().forEach((platform, url) -> endpoints.put("simulator-" + ProviderSimulators.name(platform), url));
        return endpoints;
    }

    /** The simulator ports asked for with {@link #SIMULATOR_PORT}{@code <platform>}; a platform not named gets a free one. */
    static Map<Platform, Integer> simulatorPorts(String[] args) {
        Map<Platform, Integer> ports = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            String port = setting(args, SIMULATOR_PORT + ProviderSimulators.name(platform));
            if (port != null) {
                ports.put(platform, Integer.parseInt(port.trim()));
            }
        }
        return ports;
    }

    /**
     * A setting as a {@code --name=value} argument, a {@code -Dname=value} system property or an environment variable
     * (the name in capitals, {@code .} and {@code -} as {@code _}). The world starts before Spring reads its property
     * sources, so these three are the ones it can see (not application-local.yml).
     */
    static String setting(String[] args, String name) {
        String argument = "--" + name + "=";
        for (String arg : args) {
            if (arg.startsWith(argument)) {
                return arg.substring(argument.length());
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

        /**
         * @param settings may fix each embedded server's port ({@code pnhub.local.postgres-port}, ..., LocalInfraOptions)
         * @param simulatorPorts a platform's simulator port; a platform not in it gets a free one
         */
        public static World start(Path dataDir, java.util.function.Function<String, String> settings,
                                  Map<Platform, Integer> simulatorPorts) {
            long started = System.nanoTime();
            LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.builder()
                    .postgresDataDir(dataDir.resolve("pg")).portsFrom(settings).build());
            ProviderSimulators simulators;
            try {
                simulators = ProviderSimulators.start(dataDir.resolve("simulators"), simulatorPorts);
            } catch (RuntimeException e) {
                infra.close();
                throw e;
            }
            Map<String, Object> props = new HashMap<>(infra.springProperties());
            props.putAll(LocalInfrastructure.quietLoggingProperties());
            props.putAll(simulators.springProperties());
            props.putAll(LocalTokens.issue(dataDir.resolve("local-tokens")));
            // the local world's master key lives with its data: a restart on the same folder reads its own events
            props.put("pnhub.privacy.master-key-file", dataDir.resolve("master.key").toString());
            props.put("pnhub.privacy.master-key-file-create", "true");
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
            String row = "%n  %-" + endpoints.keySet().stream().mapToInt(String::length).max().orElse(0) + "s  %s";
            app.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> log.info("local endpoints:{}",
                    endpoints.entrySet().stream().map(e -> String.format(row, e.getKey(), e.getValue()))
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
}
