package com.pnhub.fault;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pnhub.localinfra.PostgresCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The test's own PostgreSQL: a primary and a synchronous streaming standby (local-infra's {@link PostgresCluster}, from
 * the machine's installation), which the test restarts, crashes and fails over. Services and the checks reach it
 * through the multi-host URL, as production would reach a pair without a proxy in front.
 */
final class ReplicatedPostgres implements FaultWorld.Postgres {

    private PostgresCluster cluster;

    @Override
    public synchronized void start() {
        Optional<Path> installation = PostgresCluster.installedBinaries();
        assumeTrue(installation.isPresent(), "PostgreSQL fault test skipped: no PostgreSQL installation with pg_basebackup "
                + "(/usr/lib/postgresql/<major>/bin) on this machine");
        cluster = PostgresCluster.start(installation.get(), "postgres", Duration.ofSeconds(90));
        // a test JVM that is killed must not leave the two servers behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "replicated-postgres"));
    }

    PostgresCluster cluster() {
        return cluster;
    }

    @Override
    public String jdbcUrl(String database) {
        return cluster.multiHostJdbcUrl(database);
    }

    @Override
    public String user() {
        return cluster.user();
    }

    @Override
    public String password() {
        return cluster.password();
    }

    @Override
    public synchronized void close() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
