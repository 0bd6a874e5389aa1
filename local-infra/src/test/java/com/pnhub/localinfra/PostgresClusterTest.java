package com.pnhub.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The primary/standby pair on zonky's binaries: replication, both kinds of stop, promotion. */
class PostgresClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aCommitReachesTheStandbyAndSurvivesACrashAndTheMultiHostUrlFollowsAPromotion() throws Exception {
        Path primaryDir;
        Path standbyDir;
        try (PostgresCluster cluster = PostgresCluster.start("cluster_test", TIMEOUT)) {
            primaryDir = cluster.primary().dataDir();
            standbyDir = cluster.standby().dataDir();
            String url = cluster.multiHostJdbcUrl("cluster_test");
            execute(cluster, url, "CREATE TABLE t (v int)", "INSERT INTO t VALUES (1)");
            // synchronous_commit=on waits for the standby to flush the commit, not to replay it: the row shows there soon after
            String standby = "jdbc:postgresql://127.0.0.1:" + cluster.standby().port() + "/cluster_test";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (countOrZero(cluster, standby) != 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(count(cluster, standby)).isEqualTo(1);
            assertThat(cluster.standby().inRecovery()).isTrue();

            cluster.primary().stopFast();
            assertThat(cluster.primary().running()).isFalse();
            cluster.primary().start(TIMEOUT);
            execute(cluster, url, "INSERT INTO t VALUES (2)");

            cluster.primary().stopImmediately();
            cluster.primary().start(TIMEOUT);
            assertThat(count(cluster, url)).isEqualTo(2);
            execute(cluster, url, "INSERT INTO t VALUES (3)");

            cluster.primary().stopImmediately();
            cluster.standby().promote();
            assertThat(cluster.standby().inRecovery()).isFalse();
            // every commit the old primary acknowledged is on the promoted standby, which takes writes
            execute(cluster, url, "INSERT INTO t VALUES (4)");
            assertThat(count(cluster, url)).isEqualTo(4);
        }
        assertThat(Files.exists(primaryDir)).isFalse();
        assertThat(Files.exists(standbyDir)).isFalse();
    }

    private static void execute(PostgresCluster cluster, String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, cluster.user(), cluster.password()); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    private static int countOrZero(PostgresCluster cluster, String url) {
        try {
            return count(cluster, url);
        } catch (SQLException notYetReplayed) {
            return 0;
        }
    }

    private static int count(PostgresCluster cluster, String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, cluster.user(), cluster.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
