package com.pnhub.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started by zonky's {@link EmbeddedPostgres} on 127.0.0.1, with what zonky leaves out: a password
 * per data directory, kept in it (zonky's clusters trust every local connection, so any user of the machine could be
 * superuser and run {@code COPY … TO PROGRAM}), durable settings for a kept data directory (zonky runs with {@code -F}), a clear
 * refusal of a data directory of another PostgreSQL major version, and the stop of a postmaster a killed JVM left
 * running on it. As root, zonky runs the binaries under {@code unshare -U}; where user namespaces are off,
 * {@link NobodyBinaries} runs them as nobody.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    static final String USER = "postgres";
    static final String CREDENTIALS_FILE = ".pnhub-local-infra.credentials";
    private static final String HBA = """
            # written by pnhub local-infra: password (scram) for everyone, loopback TCP only
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            host replication all 127.0.0.1/32 scram-sha-256
            """;

    /**
     * How a server runs: its data directory ({@code null}: a temporary one, deleted by {@link #close()}), its port
     * ({@code 0}: a free one), whether commits must survive a crash of the server, more settings, and a file that takes
     * the server's output ({@code null}: zonky's logger).
     */
    record Settings(Path dataDir, int port, boolean durable, Map<String, String> more, Path outputFile) {
        Settings {
            more = Map.copyOf(more);
        }

        /** The local profile's and the tests' server: durable where the data directory is kept. */
        static Settings of(Path dataDir, int port) {
            return new Settings(dataDir, port, dataDir != null, Map.of(), null);
        }

        Settings on(Path otherDataDir, int otherPort) {
            return new Settings(otherDataDir, otherPort, durable, more, outputFile);
        }
    }

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String database;
    private final String password;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, String database, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.database = database;
        this.password = password;
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDir() {
        return dataDir;
    }

    String password() {
        return password;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    static PostgresServer start(Path dataDir, String database, int port, Duration timeout) {
        return start(Settings.of(dataDir, port), database, timeout);
    }

    /** A server on the settings' data directory, created when it has no cluster yet; {@code database} made if missing. */
    static PostgresServer start(Settings settings, String database, Duration timeout) {
        boolean asNobody = NobodyBinaries.needed();
        boolean ephemeral = settings.dataDir() == null;
        Path dataDir;
        try {
            dataDir = ephemeral ? Files.createTempDirectory("pnhub-pg-") : Files.createDirectories(settings.dataDir());
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL data directory " + settings.dataDir(), e);
        }
        requireSameMajorVersion(dataDir);
        stopOrphan(dataDir);
        if (asNobody) {
            try {
                NobodyBinaries.handOver(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot give PostgreSQL data directory " + dataDir + " to nobody", e);
            }
        }
        Path credentials = dataDir.resolve(CREDENTIALS_FILE);
        boolean cluster = Files.isRegularFile(dataDir.resolve("PG_VERSION"));
        boolean kept = cluster && Files.isRegularFile(credentials);
        if (settings.port() > 0 && LocalInfrastructure.isReachable("127.0.0.1", settings.port(), Duration.ofMillis(300))) {
            // zonky would wait the whole start-up timeout for a server that exited at once
            throw new IllegalStateException("cannot start PostgreSQL on port " + settings.port() + ": something listens there");
        }
        int port = settings.port() > 0 ? settings.port() : FreePorts.pick();
        Path passwordFile = null;
        try {
            String password = kept ? Files.readString(credentials, StandardCharsets.UTF_8).strip() : OsSupport.randomSecret();
            Path binaries = OsSupport.binariesDirectory();
            EmbeddedPostgres.Builder builder = builder(settings, dataDir, ephemeral, port, timeout, binaries);
            if (!cluster || ephemeral) {
                // zonky's initdb runs "-A trust" and then these as --name=value: the last -A wins, so the new cluster lets
                // the superuser in with this password only, from its first start on
                passwordFile = Files.createTempFile("pnhub-pg-pw-", ".txt");
                OwnerOnlyFiles.write(passwordFile, password + "\n");
                if (asNobody) {
                    NobodyBinaries.giveToNobody(passwordFile);
                }
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (kept || !cluster || ephemeral) {
                builder.setConnectConfig("password", password);
            }
            if (asNobody) {
                builder.setPgBinaryResolver(NobodyBinaries.INSTANCE);
            }
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } finally {
                // zonky made its working folder writable by everyone
                Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            PostgresServer server = new PostgresServer(postgres, dataDir, database, password);
            try {
                if (cluster && !kept && !ephemeral) {
                    // made by an earlier build, which trusted loopback
                    server.requirePassword();
                } else if (!kept) {
                    OwnerOnlyFiles.write(credentials, password);
                }
                server.createDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("PostgreSQL {} on port {} (data {}{})", majorVersion(dataDir).orElse("?"), port, dataDir,
                    cluster ? "" : ", new cluster");
            return server;
        } catch (IOException e) {
            if (ephemeral) {
                OsSupport.deleteQuietly(dataDir);
            }
            String refused = rootCauseSqlState(e).filter("28P01"::equals).map(s -> " PostgreSQL refuses the password kept in "
                    + credentials + ": restore that file or remove the directory.").orElse("");
            throw new IllegalStateException("embedded PostgreSQL did not start on " + dataDir + "." + refused, e);
        } catch (RuntimeException e) {
            // zonky's own failures (initdb, the data directory's lock) are unchecked
            if (ephemeral) {
                OsSupport.deleteQuietly(dataDir);
            }
            throw e;
        } finally {
            if (settings.port() <= 0) {
                FreePorts.release(port);
            }
            if (passwordFile != null) {
                OsSupport.deleteQuietly(passwordFile);
            }
        }
    }

    private static EmbeddedPostgres.Builder builder(Settings settings, Path dataDir, boolean ephemeral, int port, Duration timeout,
                                                    Path binaries) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(ephemeral)
                .setPort(port)
                .setPGStartupWait(timeout)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setLocaleConfig("locale", "C")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("max_connections", "200")
                .setServerConfig("log_min_messages", "warning");
        // zonky always passes -F (fsync off) and synchronous_commit=off; a kept data directory must not lose acknowledged
        // commits, a throw-away one has nothing to keep
        String durable = settings.durable() ? "on" : "off";
        b.setServerConfig("fsync", durable).setServerConfig("synchronous_commit", durable).setServerConfig("full_page_writes", durable);
        settings.more().forEach(b::setServerConfig);
        if (settings.outputFile() != null) {
            b.setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(settings.outputFile().toFile()));
            b.setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(settings.outputFile().toFile()));
        }
        return b;
    }

    /**
     * A cluster made by another major version does not start (its files are not this version's), and zonky would only
     * report a timeout: say which versions, and what to do.
     */
    private static void requireSameMajorVersion(Path dataDir) {
        String binaries = binariesMajorVersion();
        majorVersion(dataDir).filter(v -> !v.equals(binaries)).ifPresent(v -> {
            throw new IllegalStateException("PostgreSQL data directory " + dataDir + " was made by PostgreSQL " + v
                    + ", and this build runs PostgreSQL " + binaries + " (zonky's embedded binaries), which cannot open it. "
                    + "Move it away (or delete it) to start with a new one (the local profile registers its demo data again), "
                    + "or upgrade it with pg_upgrade.");
        });
    }

    static Optional<String> majorVersion(Path dataDir) {
        try {
            Path file = dataDir.resolve("PG_VERSION");
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String binariesMajorVersion() {
        return binariesVersion().split("\\.")[0];
    }

    /** The binaries' version the build resolved (filtered into {@code local-infra.properties} by Maven). */
    static String binariesVersion() {
        try (InputStream in = PostgresServer.class.getResourceAsStream("local-infra.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("postgres.binaries.version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("local-infra.properties is missing from the local-infra jar", e);
        }
    }

    /**
     * A cluster an earlier build made with {@code trust} and no kept password: set a password while trust still lets us
     * in, then let only passwords in, and keep the password beside the cluster, readable by this JVM's user only.
     */
    private void requirePassword() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
            OwnerOnlyFiles.write(dataDir.resolve(CREDENTIALS_FILE), password);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a password on the cluster in " + dataDir
                    + " (it has a password, but none is kept in " + CREDENTIALS_FILE + "? Remove the directory.)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials of " + dataDir, e);
        }
    }

    private void createDatabase() {
        try (Connection c = connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        // direct driver use: no DriverManager / class-loader surprises in fat jars
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port() + "/" + db, props);
    }

    /** The postmaster's process, from the data directory's {@code postmaster.pid}, while it runs. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive).filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A postmaster left running by a JVM that was killed before it could stop it: zonky would wait for its port in vain. */
    private static void stopOrphan(Path dataDir) {
        postmaster(dataDir).ifPresent(h -> {
            LOG.warn("Stopping the PostgreSQL postmaster (pid {}) still running on {} (left by a killed JVM)", h.pid(), dataDir);
            OsSupport.signal(h, "INT", Duration.ofSeconds(20));
        });
    }

    private static Optional<String> rootCauseSqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); a temporary data directory is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("cannot stop PostgreSQL on {}", dataDir, e);
        }
        // zonky's pg_ctl stop waits 5 s only: a postmaster that is still writing its checkpoint is waited for here
        postmaster(dataDir).ifPresent(h -> OsSupport.signal(h, "INT", Duration.ofSeconds(30)));
    }
}
