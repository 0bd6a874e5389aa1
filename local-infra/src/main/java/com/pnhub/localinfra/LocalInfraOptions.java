package com.pnhub.localinfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
 * database {@code pnhub}, start in parallel, 60 s start-up timeout per server.
 */
public final class LocalInfraOptions {

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

    private LocalInfraOptions(Builder b) {
        this.postgres = b.postgres;
        this.redis = b.redis;
        this.amqp = b.amqp;
        this.postgresDataDir = b.postgresDataDir;
        this.postgresDatabase = b.postgresDatabase;
        this.parallel = b.parallel;
        this.startupTimeout = b.startupTimeout;
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

    public Builder toBuilder() {
        return new Builder()
                .postgres(postgres).redis(redis).amqp(amqp)
                .postgresDataDir(postgresDataDir).postgresDatabase(postgresDatabase)
                .parallel(parallel).startupTimeout(startupTimeout);
    }

    @Override
    public String toString() {
        return "LocalInfraOptions{postgres=" + postgres + ", redis=" + redis + ", amqp=" + amqp
                + ", postgresDataDir=" + (postgresDataDir == null ? "<temp>" : postgresDataDir)
                + ", postgresDatabase=" + postgresDatabase + ", parallel=" + parallel
                + ", startupTimeout=" + startupTimeout + '}';
    }

    public static final class Builder {
        private boolean postgres = true;
        private boolean redis = true;
        private boolean amqp = true;
        private Path postgresDataDir;
        private String postgresDatabase = "pnhub";
        private boolean parallel = true;
        private Duration startupTimeout = Duration.ofSeconds(60);

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

        public LocalInfraOptions build() {
            return new LocalInfraOptions(this);
        }
    }
}
