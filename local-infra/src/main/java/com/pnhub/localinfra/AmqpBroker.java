package com.pnhub.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process AMQP 0-9-1 broker (Apache Qpid Broker-J, memory store) on a free loopback port.
 *
 * <p>Configuration: one AMQP port (0-8/0-9/0-9-1/0-10/1.0 as available on the class path; only the 0-x plugin is
 * a dependency), PLAIN authentication (allowed without TLS) with the single user {@code guest/guest}, and one
 * virtual host node {@code default} (memory store) which is the default virtual host, so clients connecting
 * to virtual host {@code "/"} (Spring AMQP's default) or {@code "default"} both end up there.
 *
 * <p><b>Not RabbitMQ.</b> Qpid rejects RabbitMQ-only queue arguments by closing the channel/connection,
 * e.g. {@code x-dead-letter-exchange}, {@code x-dead-letter-routing-key}, {@code x-message-ttl},
 * {@code x-queue-type}. Code that declares such queues must leave those arguments out when it runs against
 * this broker. Plain durable queues, direct/topic/fanout exchanges, bindings, publisher confirms and
 * manual/auto acks work.
 *
 * <p>Qpid logs through SLF4J: operational messages under {@code qpid.message.*}, internals under
 * {@code org.apache.qpid.*}; see {@link LocalInfrastructure#quietLoggingProperties()}.
 */
final class AmqpBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpBroker.class);

    static final String HOST = "127.0.0.1";
    static final String USER = "guest";
    static final String PASSWORD = "guest";
    static final String VIRTUAL_HOST = "/";

    private final SystemLauncher launcher;
    private final int port;
    private final Path workDir;

    private AmqpBroker(SystemLauncher launcher, int port, Path workDir) {
        this.launcher = launcher;
        this.port = port;
        this.workDir = workDir;
    }

    int port() {
        return port;
    }

    /** On {@code fixedPort}, or on a free one (three tries, for a port taken meanwhile) when it is 0. */
    static AmqpBroker start(int fixedPort) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("pnhub-qpid-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= (fixedPort > 0 ? 1 : 3); attempt++) {
            int port = fixedPort > 0 ? fixedPort : FreePorts.pick();
            try {
                return new AmqpBroker(launch(workDir, port), port, workDir);
            } catch (RuntimeException e) {
                last = e;
                LOG.debug("Qpid start on port {} failed (attempt {})", port, attempt, e);
            } finally {
                FreePorts.release(port);
            }
        }
        OsSupport.deleteQuietly(workDir);
        throw last;
    }

    private static SystemLauncher launch(Path workDir, int port) {
        Path config = workDir.resolve("initial-config-" + port + ".json");
        // Qpid's default system-properties location is a classpath: URL, whose handler the JDK cannot
        // find inside a Spring Boot fat jar: hand it an (empty) file instead
        Path systemProperties = workDir.resolve("system.properties");
        try {
            Files.writeString(config, initialConfig(port), StandardCharsets.UTF_8);
            Files.writeString(systemProperties, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicReference<RuntimeException> startupError = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void errorOnStartup(RuntimeException e) {
                startupError.set(e);
            }
        });

        Map<String, String> context = new HashMap<>();
        context.put(SystemConfig.QPID_WORK_DIR, workDir.toString());
        // no preferences.json in the work dir
        context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
        attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        attributes.put(SystemConfig.CONTEXT, context);
        try {
            launcher.startup(attributes);
        } catch (Exception e) {
            throw new IllegalStateException("Qpid broker failed to start", e);
        }
        if (startupError.get() != null) {
            throw new IllegalStateException("Qpid broker failed to start: " + startupError.get().getMessage(),
                    startupError.get());
        }
        if (!LocalInfrastructure.isReachable(HOST, port, java.time.Duration.ofSeconds(2))) {
            launcher.shutdown();
            throw new IllegalStateException("Qpid broker started but its AMQP port " + port + " is not reachable");
        }
        return launcher;
    }

    private static String initialConfig(int port) {
        return """
                {
                  "name": "pnhub-local-broker",
                  "modelVersion": "9.1",
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP",
                    "port": %d,
                    "bindingAddress": "%s",
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" },
                      { "name": "hostnameAlias", "type": "hostnameAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "default",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  } ]
                }
                """.formatted(USER, PASSWORD, port, HOST);
    }

    @Override
    public void close() {
        try {
            launcher.shutdown();
        } finally {
            OsSupport.deleteQuietly(workDir);
        }
    }
}
