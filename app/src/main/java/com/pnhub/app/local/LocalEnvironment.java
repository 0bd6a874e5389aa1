package com.pnhub.app.local;

import com.pnhub.api.numbers.Platform;
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
 * with a random key pair, and points Spring's standard properties at them. Nothing here runs under
 * the {@code prod} profile.
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
        long started = System.nanoTime();
        LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.builder()
                .persistentPostgresDataDir().build());
        ProviderSimulators simulators = ProviderSimulators.start();
        Map<String, Object> props = new HashMap<>(infra.springProperties());
        props.putAll(LocalInfrastructure.quietLoggingProperties());
        props.putAll(simulators.springProperties());
        props.putAll(LocalTokens.issue(Path.of(System.getProperty("user.dir"), "data", "local-tokens")));
        app.setDefaultProperties(props);
        Map<String, String> endpoints = endpoints(infra, simulators);
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("providerSimulators", simulators);
            ctx.getBeanFactory().registerSingleton("localEndpointsInfo",
                    (InfoContributor) info -> info.withDetail("localEndpoints", endpoints));
        });
        // last in the log, after the web server's own line: where a user reaches each embedded server (no secrets:
        // the PostgreSQL password is in its data directory's credentials file, docs/operations.md)
        app.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> log.info("local endpoints:{}",
                endpoints.entrySet().stream().map(e -> String.format("%n  %-12s %s", e.getKey(), e.getValue()))
                        .collect(java.util.stream.Collectors.joining())));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            infra.close();
        }, "local-infra-shutdown"));
        log.info("local profile: embedded infrastructure up in {} ms ({}), simulators {}",
                (System.nanoTime() - started) / 1_000_000, infra.startTimes(), simulators);
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
        for (String arg : args) {
            if (arg.startsWith("--spring.profiles.active=")) {
                return arg.substring("--spring.profiles.active=".length());
            }
        }
        String prop = System.getProperty("spring.profiles.active");
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        String env = System.getenv("SPRING_PROFILES_ACTIVE");
        return env != null && !env.isBlank() ? env : null;
    }

    /** One in-process simulator per platform, each with a fresh random key pair (no secret in the repo). */
    public static final class ProviderSimulators implements AutoCloseable {

        private final Map<Platform, ProviderSimulator> byPlatform;

        private ProviderSimulators(Map<Platform, ProviderSimulator> byPlatform) {
            this.byPlatform = byPlatform;
        }

        public static ProviderSimulators start() {
            Map<Platform, ProviderSimulator> sims = new EnumMap<>(Platform.class);
            SecureRandom random = new SecureRandom();
            for (Platform p : Platform.values()) {
                byte[] secret = new byte[18];
                random.nextBytes(secret);
                SimulatorConfig config = SimulatorConfig.defaults().withPort(0)
                        .withName(p.name().toLowerCase(Locale.ROOT))
                        .withCredentials("sim-" + p.name().toLowerCase(Locale.ROOT), HexFormat.of().formatHex(secret));
                sims.put(p, ProviderSimulator.start(config));
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
