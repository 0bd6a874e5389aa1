package com.pnhub.localinfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link LocalInfrastructure#start(LocalInfraOptions)} should start, and how.
 *
 * <pre>{@code
 * LocalInfraOptions options = LocalInfraOptions.builder()
 *         .postgres(true).redis(true).amqp(true)
 *         .postgresDataDir(Path.of(System.getProperty("user.dir"), "data", "pg")) // persistent
 *         .build();
 * }</pre>
 *
 * Defaults: all three servers, an ephemeral PostgreSQL data directory (a temp dir deleted on close),
 * database {@code pnhub}, start in parallel, 60 s start-up timeout per server, each server on a free port.
 */
public final class LocalInfraOptions {

    /** Property names of {@link Builder#portsFrom}: a fixed port for each embedded server. */
    public static final String POSTGRES_PORT = "pnhub.local.postgres-port";
    public static final String REDIS_PORT = "pnhub.local.redis-port";
    public static final String AMQP_PORT = "pnhub.local.amqp-port";

    /** Conventional persistent data dir for the Run command: {@code ${user.dir}/data/pg}. */
    public static Path defaultPersistentPostgresDataDir() {
        return Path.of(System.getProperty("user.dir"), "data", "pg");
    }

    private final boolean postgres;
    private final boolean redis;
    private final boolean amqp;
    private final Path postgresDataDir;
    private final String postgresDatabase;
    private final boolean parallel;
    private final Duration startupTimeout;
    private final int postgresPort;
    private final int redisPort;
    private final int amqpPort;

    private LocalInfraOptions(Builder b) {
        this.postgres = b.postgres;
        this.redis = b.redis;
        this.amqp = b.amqp;
        this.postgresDataDir = b.postgresDataDir;
        this.postgresDatabase = b.postgresDatabase;
        this.parallel = b.parallel;
        this.startupTimeout = b.startupTimeout;
        this.postgresPort = b.postgresPort;
        this.redisPort = b.redisPort;
        this.amqpPort = b.amqpPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All three servers, ephemeral PostgreSQL data. */
    public static LocalInfraOptions all() {
        return builder().build();
    }

    public boolean postgres() {
        return postgres;
    }

    public boolean redis() {
        return redis;
    }

    public boolean amqp() {
        return amqp;
    }

    /** {@code null} means an ephemeral temp dir that is deleted on {@link LocalInfrastructure#close()}. */
    public Path postgresDataDir() {
        return postgresDataDir;
    }

    public String postgresDatabase() {
        return postgresDatabase;
    }

    public boolean parallel() {
        return parallel;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    /** The port PostgreSQL listens on, or 0: a free one chosen at start. */
    public int postgresPort() {
        return postgresPort;
    }

    /** The port Redis listens on, or 0: a free one chosen at start. */
    public int redisPort() {
        return redisPort;
    }

    /** The port the AMQP broker listens on, or 0: a free one chosen at start. */
    public int amqpPort() {
        return amqpPort;
    }

    public Builder toBuilder() {
        return new Builder()
                .postgres(postgres).redis(redis).amqp(amqp)
                .postgresDataDir(postgresDataDir).postgresDatabase(postgresDatabase)
                .parallel(parallel).startupTimeout(startupTimeout)
                .postgresPort(postgresPort).redisPort(redisPort).amqpPort(amqpPort);
    }

    @Override
    public String toString() {
        return "LocalInfraOptions{postgres=" + postgres + ", redis=" + redis + ", amqp=" + amqp
                + ", postgresDataDir=" + (postgresDataDir == null ? "<temp>" : postgresDataDir)
                + ", postgresDatabase=" + postgresDatabase + ", parallel=" + parallel
                + ", startupTimeout=" + startupTimeout + ", ports=" + postgresPort + "/" + redisPort + "/" + amqpPort + '}';
    }

    public static final class Builder {
        private boolean postgres = true;
        private boolean redis = true;
        private boolean amqp = true;
        private Path postgresDataDir;
        private String postgresDatabase = "pnhub";
        private boolean parallel = true;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private int postgresPort;
        private int redisPort;
        private int amqpPort;

        private Builder() {
        }

        public Builder postgres(boolean start) {
            this.postgres = start;
            return this;
        }

        public Builder redis(boolean start) {
            this.redis = start;
            return this;
        }

        public Builder amqp(boolean start) {
            this.amqp = start;
            return this;
        }

        /**
         * Persistent PostgreSQL data directory (created and initialised if missing, reused otherwise).
         * {@code null} (the default) = ephemeral temp dir deleted on close.
         */
        public Builder postgresDataDir(Path dir) {
            this.postgresDataDir = dir == null ? null : dir.toAbsolutePath().normalize();
            return this;
        }

        /** Shortcut for {@code postgresDataDir(LocalInfraOptions.defaultPersistentPostgresDataDir())}. */
        public Builder persistentPostgresDataDir() {
            return postgresDataDir(defaultPersistentPostgresDataDir());
        }

        /** Database created (if missing) and used in the JDBC URL; default {@code pnhub}. */
        public Builder postgresDatabase(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("unsupported database name: " + name);
            }
            this.postgresDatabase = name;
            return this;
        }

        /** Start the servers concurrently (default true). */
        public Builder parallel(boolean parallel) {
            this.parallel = parallel;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.startupTimeout = timeout;
            return this;
        }

        /** A fixed port for PostgreSQL; 0 (the default) = a free one at each start. */
        public Builder postgresPort(int port) {
            this.postgresPort = checkPort(port);
            return this;
        }

        /** A fixed port for Redis; 0 (the default) = a free one at each start. */
        public Builder redisPort(int port) {
            this.redisPort = checkPort(port);
            return this;
        }

        /** A fixed port for the AMQP broker; 0 (the default) = a free one at each start. */
        public Builder amqpPort(int port) {
            this.amqpPort = checkPort(port);
            return this;
        }

        /**
         * The fixed ports a user asked for, looked up by property name ({@value #POSTGRES_PORT}, {@value #REDIS_PORT},
         * {@value #AMQP_PORT}); an absent, blank or 0 value leaves that server on a free port.
         */
        public Builder portsFrom(Function<String, String> property) {
            return postgresPort(port(property, POSTGRES_PORT)).redisPort(port(property, REDIS_PORT)).amqpPort(port(property, AMQP_PORT));
        }

        private static int port(Function<String, String> property, String name) {
            String value = property.apply(name);
            try {
                return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
            }
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            return port;
        }

        public LocalInfraOptions build() {
            return new LocalInfraOptions(this);
        }
    }
}
