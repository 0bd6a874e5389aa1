package com.pnhub.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server (zonky's embedded binaries) run as a child process on a free loopback port.
 * Superuser {@code postgres} with a password made when the data directory is created and kept in it
 * ({@value #CREDENTIALS_FILE}, readable by this JVM's user only), {@code scram-sha-256} on 127.0.0.1 (no unix
 * socket): another local user cannot connect as superuser (which could run {@code COPY … TO PROGRAM}). A data
 * directory made by an earlier build with {@code trust} gets its password at the first start here.
 * See {@link PostgresRunAs} for how the root restriction of PostgreSQL is handled.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Logger PG_LOG = LoggerFactory.getLogger("com.pnhub.localinfra.postgres");

    static final String USER = "postgres";
    static final String CREDENTIALS_FILE = ".pnhub-local-infra.credentials";
    private static final String LOCK_FILE = ".pnhub-local-infra.lock";
    private static final String HBA = """
            # written by pnhub local-infra: password (scram) for everyone, loopback TCP only
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /**
     * How a server runs: the binaries' home (zonky's extracted ones, or the machine's installation), whether commits
     * must survive a crash of the server, and more {@code -c name=value} settings.
     */
    record Options(Path home, boolean durable, List<String> settings) {
        Options {
            settings = List.copyOf(settings);
        }

        /** zonky's binaries; durable where the data directory is kept. */
        static Options embedded(boolean durable) {
            return new Options(PostgresBinaries.home(), durable, List.of());
        }
    }

    /** How {@link #stop} stops the postmaster ({@code pg_ctl stop -m}). */
    enum StopMode {
        /** Rolls back open transactions, disconnects the clients, writes a checkpoint. */
        FAST,
        /** Every server process quits at once, without a checkpoint: a crash, and recovery at the next start. */
        IMMEDIATE
    }

    private final Path dataDir;
    private final boolean ephemeral;
    private final int port;
    private final String database;
    private final String password;
    private final Options options;
    private final PostgresRunAs runAs;
    private final Deque<String> output;
    private volatile Process process;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private PostgresServer(Path dataDir, boolean ephemeral, int port, String database, String password, Options options,
                           PostgresRunAs runAs, Deque<String> output, Process process, FileChannel lockChannel, FileLock lock) {
        this.dataDir = dataDir;
        this.ephemeral = ephemeral;
        this.port = port;
        this.database = database;
        this.password = password;
        this.options = options;
        this.runAs = runAs;
        this.output = output;
        this.process = process;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    String password() {
        return password;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    static PostgresServer start(Path requestedDataDir, String database, Duration timeout) {
        return start(requestedDataDir, database, timeout, PostgresRunAs.detect());
    }

    static PostgresServer start(Path requestedDataDir, String database, Duration timeout, PostgresRunAs runAs) {
        // a throw-away data directory (tests): nothing to keep, so no flush to wait for. A kept one (the Run
        // command's ./data/pg) runs durably: without it, a killed backend lost commits already acknowledged
        return start(requestedDataDir, database, timeout, runAs, Options.embedded(requestedDataDir != null));
    }

    /** A server on {@code requestedDataDir}, or on a temporary one deleted by {@link #close()} when that is null. */
    static PostgresServer start(Path requestedDataDir, String database, Duration timeout, PostgresRunAs runAs, Options options) {
        boolean ephemeral = requestedDataDir == null;
        Path dataDir;
        try {
            dataDir = ephemeral ? Files.createTempDirectory("pnhub-pg-") : requestedDataDir;
            dataDir = prepareDataDir(dataDir, runAs, ephemeral);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL data directory " + requestedDataDir, e);
        }
        return start(dataDir, ephemeral, database, timeout, runAs, options);
    }

    /**
     * A hot standby of {@code primary}: a base backup ({@code pg_basebackup}, which the machine's installation has and
     * zonky's binaries do not), {@code standby.signal}, and {@code primary_conninfo} naming the standby
     * {@code applicationName} (what {@code synchronous_standby_names} refers to). Its data directory is temporary.
     */
    static PostgresServer startStandby(PostgresServer primary, String applicationName, Duration timeout, Options options) {
        Path dataDir;
        try {
            dataDir = prepareDataDir(Files.createTempDirectory("pnhub-pg-standby-"), primary.runAs, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a standby's data directory", e);
        }
        try {
            long t0 = System.nanoTime();
            List<String> cmd = OsSupport.concat(primary.runAs.prefix, PostgresBinaries.bin(options.home(), "pg_basebackup").toString(),
                    "-h", "127.0.0.1", "-p", Integer.toString(primary.port), "-U", USER, "-D", dataDir.toString(),
                    "-X", "stream", "-c", "fast", "--no-password");
            runTool(options.home(), primary.runAs, cmd, primary.password, "pg_basebackup");
            // the backup copied the primary's lock file; this directory's lock is taken afresh at the start
            Files.deleteIfExists(dataDir.resolve(LOCK_FILE));
            Files.writeString(dataDir.resolve("standby.signal"), "", StandardCharsets.UTF_8);
            // the password stays in the data directory (mode 700), as the credentials file beside it does
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primary.port
                    + " user=" + USER + " password=" + primary.password + " application_name=" + applicationName + "'\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            LOG.info("Base backup of PostgreSQL on port {} into {} ({} ms)", primary.port, dataDir, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            OsSupport.deleteQuietly(dataDir);
            throw e instanceof IOException io ? new UncheckedIOException("cannot write the standby's settings", io) : (RuntimeException) e;
        }
        // the hot standby is read-only: the database must be one the primary already has
        return start(dataDir, true, "postgres", timeout, primary.runAs, options);
    }

    private static PostgresServer start(Path dataDir, boolean ephemeral, String database, Duration timeout, PostgresRunAs runAs,
                                        Options options) {
        Path home = options.home();
        FileChannel channel = null;
        FileLock lock = null;
        Process process = null;
        try {
            String password;
            boolean fromTrust = false;
            if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
                password = OsSupport.randomSecret();
                initdb(home, runAs, dataDir, password);
                writeCredentials(dataDir, password);
            } else if (Files.isRegularFile(dataDir.resolve(CREDENTIALS_FILE))) {
                password = Files.readString(dataDir.resolve(CREDENTIALS_FILE), StandardCharsets.UTF_8).strip();
            } else {
                password = OsSupport.randomSecret();
                fromTrust = true;
            }
            try {
                channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + dataDir, e);
            }
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDir
                        + " is in use by another LocalInfrastructure (in this or another process)");
            }
            stopOrphan(dataDir);
            for (int attempt = 1; ; attempt++) {
                int port = FreePorts.pick();
                Deque<String> output = new ArrayDeque<>();
                process = launch(options, runAs, dataDir, port, output);
                try {
                    // a trust cluster takes any password, so this also waits for one that is to get its first
                    awaitReady(process, port, timeout, output, password);
                    if (fromTrust) {
                        requirePassword(port, dataDir, password);
                        fromTrust = false;
                    }
                    createDatabase(port, database, password);
                    return new PostgresServer(dataDir, ephemeral, port, database, password, options, runAs, output, process,
                            channel, lock);
                } catch (RuntimeException e) {
                    stopProcess(process, dataDir);
                    process = null;
                    boolean portClash = snapshot(output).contains("Address already in use");
                    if (!portClash || attempt >= 3) {
                        throw e;
                    }
                    LOG.debug("PostgreSQL port {} was taken meanwhile, retrying", port);
                } finally {
                    FreePorts.release(port);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials of " + dataDir, e);
        } catch (RuntimeException e) {
            if (process != null) {
                stopProcess(process, dataDir);
            }
            releaseLock(channel, lock);
            if (ephemeral) {
                OsSupport.deleteQuietly(dataDir);
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- data dir

    private static Path prepareDataDir(Path dataDir, PostgresRunAs runAs, boolean ephemeral) throws IOException {
        Files.createDirectories(dataDir);
        if (runAs.dropsToOtherUser() && !accessibleAs(runAs, dataDir.getParent())) {
            // e.g. ${user.dir} below /root (mode 700): the unprivileged user cannot reach it
            Path relocated = Path.of(System.getProperty("java.io.tmpdir"), "pnhub-pg-data-"
                    + HexFormat.of().toHexDigits(dataDir.toString().hashCode()));
            LOG.warn("PostgreSQL runs as uid {} ({}) which cannot reach {}; using {} instead",
                    runAs.ownerUid, runAs.mode, dataDir, relocated);
            if (ephemeral) {
                OsSupport.deleteQuietly(dataDir);
            }
            dataDir = relocated;
            Files.createDirectories(dataDir);
        }
        if (runAs.ownerUid >= 0) {
            Object owner = Files.getAttribute(dataDir, "unix:uid");
            if (!Integer.valueOf(runAs.ownerUid).equals(owner)) {
                OsSupport.Result r = OsSupport.run(List.of("chown", "-R",
                        runAs.ownerUid + ":" + runAs.ownerGid, dataDir.toString()), 120);
                if (!r.ok()) {
                    throw new IOException("chown " + runAs.ownerUid + " " + dataDir + " failed: " + r.output);
                }
            }
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        }
        return dataDir;
    }

    private static boolean accessibleAs(PostgresRunAs runAs, Path dir) {
        return dir == null || OsSupport.run(OsSupport.concat(runAs.prefix, "test", "-x", dir.toString()), 10).ok();
    }

    private static void initdb(Path home, PostgresRunAs runAs, Path dataDir, String password) {
        try (Stream<Path> entries = Files.list(dataDir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LOCK_FILE)).toList();
            if (!names.isEmpty()) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDir
                        + " is neither empty nor a PostgreSQL cluster (no PG_VERSION); refusing to touch it: " + names);
            }
            Files.deleteIfExists(dataDir.resolve(LOCK_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        Path passwordFile = null;
        try {
            passwordFile = passwordFileFor(runAs, password);
            List<String> cmd = OsSupport.concat(runAs.prefix, PostgresBinaries.bin(home, "initdb").toString(),
                    "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-U", USER, "-D", dataDir.toString(),
                    "-E", "UTF8", "--locale=C", "-N");
            runTool(home, runAs, cmd, null, "initdb");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write initdb's password file", e);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException e) {
                    LOG.warn("cannot delete initdb's password file {}", passwordFile, e);
                }
            }
        }
        LOG.info("Initialised PostgreSQL cluster in {} ({} ms, run-as {})", dataDir,
                (System.nanoTime() - t0) / 1_000_000, runAs);
    }

    /**
     * initdb reads the password from a file, as the user it runs as: a fresh file only that user can read,
     * deleted as soon as initdb is done.
     */
    private static Path passwordFileFor(PostgresRunAs runAs, String password) throws IOException {
        Path file = Files.createTempFile("pnhub-pg-pw-", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        OwnerOnlyFiles.write(file, password + "\n");
        if (runAs.ownerUid > 0) {
            OsSupport.Result r = OsSupport.run(List.of("chown", runAs.ownerUid + ":" + runAs.ownerGid,
                    file.toString()), 10);
            if (!r.ok()) {
                Files.deleteIfExists(file);
                throw new IOException("chown " + runAs.ownerUid + " " + file + " failed: " + r.output);
            }
        }
        return file;
    }

    /** Kept beside the cluster, readable by this JVM's user only (not by the one PostgreSQL runs as). */
    private static void writeCredentials(Path dataDir, String password) throws IOException {
        OwnerOnlyFiles.write(dataDir.resolve(CREDENTIALS_FILE), password);
    }

    /**
     * A data directory initialised with {@code trust} by an earlier build: set a password while trust still lets
     * us in, then let only passwords in and keep the password.
     */
    private static void requirePassword(int port, Path dataDir, String password) {
        try (Connection c = connect(port, "postgres", password); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
            writeCredentials(dataDir, password);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a password on the trust cluster in " + dataDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials of " + dataDir, e);
        }
        LOG.warn("PostgreSQL data directory {} accepted anyone on 127.0.0.1 (trust); it now needs the password "
                + "kept in {}", dataDir, dataDir.resolve(CREDENTIALS_FILE));
    }

    /** A postmaster left behind by a JVM that was killed before it could close us. */
    private static void stopOrphan(Path dataDir) {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle h = postmaster.get();
        LOG.warn("Stopping orphaned PostgreSQL postmaster (pid {}) still running on {}", h.pid(), dataDir);
        OsSupport.signal(h.pid(), "INT");
        if (!OsSupport.awaitExit(h, 15_000)) {
            h.destroyForcibly();
            OsSupport.awaitExit(h, 5_000);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- process

    /**
     * Runs one of PostgreSQL's tools (initdb, pg_basebackup, pg_ctl) to its end, its output logged; a failure throws with
     * that output. {@code password}, when given, reaches it as {@code PGPASSWORD}, never on the command line.
     */
    private static String runTool(Path home, PostgresRunAs runAs, List<String> cmd, String password, String what) {
        try {
            ProcessBuilder pb = processBuilder(home, cmd).redirectErrorStream(true);
            if (password != null) {
                pb.environment().put("PGPASSWORD", password);
            }
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            PG_LOG.debug("{} output:\n{}", what, out);
            if (rc != 0) {
                throw new IllegalStateException(what + " failed (exit " + rc + ", run-as " + runAs + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private List<String> pgCtl(String... arguments) {
        List<String> cmd = OsSupport.concat(runAs.prefix, PostgresBinaries.bin(options.home(), "pg_ctl").toString());
        cmd.addAll(List.of(arguments));
        return cmd;
    }

    /** {@code pg_ctl stop -m fast|immediate}, waiting until the postmaster is gone; {@link #startAgain} starts it again. */
    synchronized void stop(StopMode mode) {
        runTool(options.home(), runAs, pgCtl("stop", "-D", dataDir.toString(), "-m", mode.name().toLowerCase(Locale.ROOT), "-w", "-t", "30"),
                null, "pg_ctl stop -m " + mode.name().toLowerCase(Locale.ROOT));
        OsSupport.awaitExit(process.toHandle(), 10_000);
    }

    /**
     * Starts a stopped server again on its data directory and port (clients keep their address), and waits until it
     * accepts connections; after an immediate stop that includes its crash recovery.
     */
    synchronized void startAgain(Duration timeout) {
        if (process.isAlive()) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is running");
        }
        process = launch(options, runAs, dataDir, port, output);
        try {
            awaitReady(process, port, timeout, output, password);
        } catch (RuntimeException e) {
            stopProcess(process, dataDir);
            throw e;
        }
    }

    /** {@code pg_ctl promote}: a standby leaves recovery and takes writes; returns when it does. */
    void promote() {
        runTool(options.home(), runAs, pgCtl("promote", "-D", dataDir.toString(), "-w", "-t", "60"), null, "pg_ctl promote");
    }

    boolean running() {
        return process.isAlive();
    }

    /** The server's last lines of output (up to 100), for a failure's message. */
    String recentOutput() {
        return snapshot(output);
    }

    private static ProcessBuilder processBuilder(Path home, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // a directory every user can enter (the JVM's cwd may be private to root)
        pb.directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().put("LC_ALL", "C");
        return pb;
    }

    private static Process launch(Options options, PostgresRunAs runAs, Path dataDir, int port, Deque<String> output) {
        Path home = options.home();
        List<String> cmd = new ArrayList<>(runAs.prefix);
        cmd.addAll(List.of(PostgresBinaries.bin(home, "postgres").toString(),
                "-D", dataDir.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                "-c", "logging_collector=off",
                "-c", "log_min_messages=warning"));
        if (!options.durable()) {
            cmd.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        for (String setting : options.settings()) {
            cmd.addAll(List.of("-c", setting));
        }
        try {
            Process p = processBuilder(home, cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            OsSupport.pump(p.getInputStream(), "postgres-" + port + "-output", line -> {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > 100) {
                        output.removeFirst();
                    }
                }
                if ((line.contains("FATAL") && !isBenign(line)) || line.contains("PANIC")) {
                    PG_LOG.warn(line);
                } else {
                    PG_LOG.debug(line);
                }
            });
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start postgres " + cmd, e);
        }
    }

    /** FATALs that are expected while starting up or shutting down. */
    private static boolean isBenign(String line) {
        return line.contains("the database system is starting up")
                || line.contains("the database system is shutting down")
                || line.contains("terminating connection due to administrator command");
    }

    private static String snapshot(Deque<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static void awaitReady(Process process, int port, Duration timeout, Deque<String> output,
                                   String password) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                OsSupport.awaitExit(process.toHandle(), 200);
                throw new IllegalStateException("postgres exited with code " + process.exitValue()
                        + " before accepting connections:\n" + snapshot(output));
            }
            if (LocalInfrastructure.isReachable("127.0.0.1", port, Duration.ofMillis(200))) {
                try (Connection c = connect(port, "postgres", password); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    return;
                } catch (SQLException e) {
                    if ("28P01".equals(e.getSQLState())) {
                        throw new IllegalStateException("PostgreSQL refuses the password kept in its data directory's "
                                + CREDENTIALS_FILE + " (or has none kept and does not trust 127.0.0.1):"
                                + " restore that file or remove the directory", e);
                    }
                    last = e; // e.g. "the database system is starting up"
                }
            }
            sleep(25);
        }
        IllegalStateException e = new IllegalStateException("postgres did not accept connections within " + timeout
                + ":\n" + snapshot(output));
        if (last != null) {
            e.addSuppressed(last);
        }
        throw e;
    }

    static Connection connect(int port, String db, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        // direct driver use: no DriverManager / class-loader surprises in fat jars
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + db, props);
    }

    private static void createDatabase(int port, String database, String password) {
        try (Connection c = connect(port, "postgres", password);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            boolean exists;
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + database + "\"");
                }
                LOG.debug("Created database {}", database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fast shutdown (SIGINT to the postmaster: roll back clients, checkpoint, exit). */
    private static void stopProcess(Process process, Path dataDir) {
        Optional<ProcessHandle> postmaster = postmaster(dataDir)
                .or(() -> process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty());
        postmaster.ifPresent(h -> {
            if (!OsSupport.signal(h.pid(), "INT")) {
                h.destroy();
            }
            if (!OsSupport.awaitExit(h, 20_000)) {
                LOG.warn("PostgreSQL (pid {}) did not stop in time, killing it", h.pid());
                h.destroyForcibly();
                OsSupport.awaitExit(h, 5_000);
            }
        });
        if (process.isAlive() && !OsSupport.awaitExit(process.toHandle(), 5_000)) {
            process.destroyForcibly();
            OsSupport.awaitExit(process.toHandle(), 5_000);
        }
    }

    private static void releaseLock(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("cannot release data dir lock", e);
        }
    }

    @Override
    public void close() {
        stopProcess(process, dataDir);
        releaseLock(lockChannel, lock);
        if (ephemeral) {
            OsSupport.deleteQuietly(dataDir);
        }
    }
}
