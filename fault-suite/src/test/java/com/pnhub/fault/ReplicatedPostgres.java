package com.pnhub.fault;

import com.pnhub.localinfra.PostgresCluster;
import java.time.Duration;

/**
 * The test's own PostgreSQL: a primary and a synchronous streaming standby (local-infra's {@link PostgresCluster}, on
 * zonky's embedded binaries), which the test restarts, crashes and fails over. Services and the checks reach it
 * through the multi-host URL, as production would reach a pair without a proxy in front.
 */
final class ReplicatedPostgres implements FaultWorld.Postgres {

    private PostgresCluster cluster;

    @Override
    public synchronized void start() {
        cluster = PostgresCluster.start("postgres", Duration.ofSeconds(90));
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
