package com.pnhub.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL primary and a hot standby streaming from it, both on zonky's binaries, each on a free loopback port and a
 * temporary data directory, for fault tests: restart or crash the primary, promote the standby. zonky's binaries have no
 * {@code pg_basebackup}, so the standby is made with PostgreSQL's low-level backup API ({@code pg_start_backup}, a copy of
 * the files, {@code pg_stop_backup}'s backup label, the WAL written meanwhile). Both run durably ({@code fsync},
 * {@code synchronous_commit} on), and the standby is synchronous ({@code synchronous_standby_names}): a commit is
 * acknowledged once the standby has it, as a failover without loss needs. {@link #close()} stops both and deletes their data.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final String STANDBY_NAME = "pnhub_standby";
    /** Not copied into the standby: the running primary's own state (docs: "Making a Base Backup Using the Low Level API"). */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "pg_wal",
            "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final Path root;
    private final Node primary;
    private final Node standby;

    private PostgresCluster(Path root, Node primary, Node standby) {
        this.root = root;
        this.primary = primary;
        this.standby = standby;
    }

    /** Starts the primary with {@code database}, then the standby from its backup, and waits until it is synchronous. */
    public static PostgresCluster start(String database, Duration timeout) {
        Path root;
        try {
            root = Files.createTempDirectory("pnhub-pg-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Node primary = null;
        Node standby = null;
        try {
            primary = new Node(root, "primary", database, Map.of());
            primary.start(timeout);
            // a standby whose primary went away asks again after 1 s instead of 5 s: while it is away, a synchronous primary
            // that came back waits for it before acknowledging any commit
            standby = new Node(root, "standby", database, Map.of("wal_retrieve_retry_interval", "1s"));
            copyForStandby(primary, standby.dataDir);
            standby.start(timeout);
            primary.execute("ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
            primary.execute("SELECT pg_reload_conf()");
            awaitSynchronous(primary, timeout);
            LOG.info("PostgreSQL primary on port {}, synchronous standby on port {}", primary.port(), standby.port());
            return new PostgresCluster(root, primary, standby);
        } catch (RuntimeException e) {
            new PostgresCluster(root, primary, standby).close();
            throw e;
        }
    }

    /**
     * The primary's files as a non-exclusive backup between {@code pg_start_backup} and {@code pg_stop_backup} (on one connection), its
     * label, the WAL up to the backup's end, and what makes the copy a standby of the primary.
     */
    private static void copyForStandby(Node primary, Path target) {
        long t0 = System.nanoTime();
        try (Connection c = primary.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_start_backup('" + STANDBY_NAME + "', true, false)");
            copyTree(primary.dataDir, target, true);
            String label;
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(target.resolve("backup_label"), label, StandardCharsets.UTF_8);
            copyTree(primary.dataDir.resolve("pg_wal"), target.resolve("pg_wal"), false);
            Files.createDirectories(target.resolve("pg_wal").resolve("archive_status"));
            Files.writeString(target.resolve("standby.signal"), "", StandardCharsets.UTF_8);
            // the password stays in the data directory (mode 700), as the credentials file beside it does
            Files.writeString(target.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primary.port()
                    + " user=" + PostgresServer.USER + " password=" + primary.password + " application_name=" + STANDBY_NAME + "'\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot back up the primary on port " + primary.port(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the primary's files into " + target, e);
        }
        LOG.info("Backup of PostgreSQL on port {} into {} ({} ms)", primary.port(), target, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Copies a live tree; files the server removes meanwhile (temporary ones) are skipped, as PostgreSQL allows. */
    private static void copyTree(Path from, Path to, boolean skipServerState) throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(from)) {
            sources = walk.toList();
        }
        for (Path source : sources) {
            Path relative = from.relativize(source);
            if (skipServerState && relative.getNameCount() > 0 && NOT_COPIED.contains(relative.getName(0).toString())
                    && (relative.getNameCount() > 1 || !Files.isDirectory(source))) {
                continue; // the directories stay (PostgreSQL needs them), their contents do not
            }
            Path dest = to.resolve(relative.toString());
            try {
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (NoSuchFileException gone) {
                // removed by the server while we walked
            }
        }
    }

    private static void awaitSynchronous(Node primary, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!primary.query("SELECT count(*) FROM pg_stat_replication WHERE application_name = '" + STANDBY_NAME
                + "' AND sync_state = 'sync'").equals("1")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not become synchronous within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The server started as the primary (it stays this object after a promotion of the other). */
    public Node primary() {
        return primary;
    }

    /** The server started as the standby. */
    public Node standby() {
        return standby;
    }

    public String user() {
        return PostgresServer.USER;
    }

    /** One password for both: the standby is a copy of the primary. */
    public String password() {
        return primary.password;
    }

    /**
     * {@code jdbc:postgresql://127.0.0.1:<primary>,127.0.0.1:<standby>/<database>?targetServerType=primary}: the driver
     * tries the hosts in turn and connects to the one that takes writes, so a client follows a promotion.
     */
    public String multiHostJdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port() + "/" + database
                + "?targetServerType=primary";
    }

    @Override
    public void close() {
        try {
            if (standby != null) {
                standby.stop();
            }
        } finally {
            if (primary != null) {
                primary.stop();
            }
            OsSupport.deleteQuietly(root);
        }
    }

    /** One server of the pair: stopped and started again on the same data directory and port. */
    public static final class Node {
        private final Path dataDir;
        private final Path log;
        private final String database;
        private final Map<String, String> settings;
        private volatile PostgresServer server;
        private volatile int port;
        private volatile String password;

        private Node(Path root, String name, String database, Map<String, String> settings) {
            this.dataDir = root.resolve(name);
            this.log = root.resolve(name + ".log");
            this.database = database;
            this.settings = settings;
        }

        public int port() {
            return port;
        }

        public Path dataDir() {
            return dataDir;
        }

        /** {@code pg_ctl stop -m fast}: open transactions are rolled back, clients disconnected, a checkpoint written. */
        public synchronized void stopFast() {
            stop();
        }

        /** SIGQUIT to the postmaster ({@code pg_ctl stop -m immediate}): every server process quits at once, as in a crash. */
        public synchronized void stopImmediately() {
            PostgresServer.postmaster(dataDir).ifPresent(h -> OsSupport.signal(h, "QUIT", Duration.ofSeconds(30)));
            // zonky's own stop then finds no server (and logs that) but lets go of the data directory
            stop();
        }

        private synchronized void stop() {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        /** Starts the stopped server again on its port; returns once it accepts connections (after crash recovery). */
        public synchronized void start(Duration timeout) {
            if (server != null) {
                throw new IllegalStateException("PostgreSQL on port " + port + " is running");
            }
            server = PostgresServer.start(new PostgresServer.Settings(dataDir, port, true, settings, log), database, timeout);
            port = server.port();
            password = server.password();
        }

        /** {@code pg_promote()}: a standby leaves recovery and takes writes; returns when it does. */
        public void promote() {
            if (!query("SELECT pg_promote(true, 60)").equals("t")) {
                throw new IllegalStateException("the standby on port " + port + " was not promoted within 60 s");
            }
        }

        public boolean running() {
            return PostgresServer.postmaster(dataDir).isPresent();
        }

        /** True for a standby (still in recovery), false for a primary. */
        public boolean inRecovery() {
            return query("SELECT pg_is_in_recovery()::int").equals("1");
        }

        /** The server's last lines of output (up to 100), for a failure's message. */
        public String recentOutput() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 100), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        private void execute(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on port " + port, e);
            }
        }

        private String query(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on port " + port, e);
            }
        }

        private Connection connect() throws SQLException {
            PostgresServer running = server;
            if (running == null) {
                throw new SQLException("PostgreSQL on port " + port + " is stopped", "08001");
            }
            return running.connect(database);
        }
    }
}
