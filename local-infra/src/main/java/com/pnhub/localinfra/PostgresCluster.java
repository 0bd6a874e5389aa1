package com.pnhub.localinfra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL primary and a hot standby streaming from it, from the machine's installation (zonky's binaries have no
 * {@code pg_basebackup}), each on a free loopback port and a temporary data directory, for fault tests: restart or crash
 * the primary, promote the standby. Both run durably ({@code fsync}, {@code synchronous_commit} on), and the standby is
 * synchronous ({@code synchronous_standby_names}): a commit is acknowledged once the standby has it, as a failover
 * without loss needs. {@link #close()} stops both and deletes their data.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final String STANDBY_NAME = "pnhub_standby";

    private final Node primary;
    private final Node standby;

    private PostgresCluster(Node primary, Node standby) {
        this.primary = primary;
        this.standby = standby;
    }

    /** The machine's installation, if it has the replication tools (see {@link PostgresBinaries#installed()}). */
    public static Optional<Path> installedBinaries() {
        return PostgresBinaries.installed();
    }

    /** Starts the primary with {@code database}, then the standby from its base backup, and waits until it is synchronous. */
    public static PostgresCluster start(Path installation, String database, Duration timeout) {
        PostgresRunAs runAs = PostgresRunAs.detect();
        PostgresServer.Options primaryOptions = new PostgresServer.Options(installation, true, List.of());
        // a standby whose primary went away asks again after 1 s instead of 5 s: while it is away, a synchronous primary
        // that came back waits for it before acknowledging any commit
        PostgresServer.Options standbyOptions = new PostgresServer.Options(installation, true,
                List.of("wal_retrieve_retry_interval=1s"));
        PostgresServer first = PostgresServer.start(null, database, timeout, runAs, primaryOptions);
        PostgresServer second = null;
        try {
            second = PostgresServer.startStandby(first, STANDBY_NAME, timeout, standbyOptions);
            Node primary = new Node(first, database);
            Node standby = new Node(second, database);
            primary.execute("ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
            primary.execute("SELECT pg_reload_conf()");
            awaitSynchronous(primary, timeout);
            LOG.info("PostgreSQL primary on port {}, synchronous standby on port {}", first.port(), second.port());
            return new PostgresCluster(primary, standby);
        } catch (RuntimeException e) {
            if (second != null) {
                second.close();
            }
            first.close();
            throw e;
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
        return primary.server.password();
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
            standby.server.close();
        } finally {
            primary.server.close();
        }
    }

    /** One server of the pair. */
    public static final class Node {
        private final PostgresServer server;
        private final String database;

        private Node(PostgresServer server, String database) {
            this.server = server;
            this.database = database;
        }

        public int port() {
            return server.port();
        }

        public Path dataDir() {
            return server.dataDir();
        }

        /** {@code pg_ctl stop -m fast}: open transactions are rolled back, clients disconnected, a checkpoint written. */
        public void stopFast() {
            server.stop(PostgresServer.StopMode.FAST);
        }

        /** {@code pg_ctl stop -m immediate}: every server process quits at once, as in a crash. */
        public void stopImmediately() {
            server.stop(PostgresServer.StopMode.IMMEDIATE);
        }

        /** Starts the stopped server again on its port; returns once it accepts connections (after crash recovery). */
        public void start(Duration timeout) {
            server.startAgain(timeout);
        }

        /** {@code pg_ctl promote}: a standby becomes a primary. */
        public void promote() {
            server.promote();
        }

        public boolean running() {
            return server.running();
        }

        /** True for a standby (still in recovery), false for a primary. */
        public boolean inRecovery() {
            return query("SELECT pg_is_in_recovery()::int").equals("1");
        }

        /** The server's last lines of output, for a failure's message. */
        public String recentOutput() {
            return server.recentOutput();
        }

        private void execute(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on port " + port(), e);
            }
        }

        private String query(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on port " + port(), e);
            }
        }

        private Connection connect() throws SQLException {
            return PostgresServer.connect(port(), database, server.password());
        }
    }
}
