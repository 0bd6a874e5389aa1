package com.pnhub.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As root on a machine without user namespaces, PostgreSQL runs as nobody ({@link NobodyBinaries}). zonky decides once per
 * JVM whether {@code unshare} works, so this runs a second JVM whose {@code unshare} fails.
 */
class NobodyFallbackTest {

    @Test
    void asRootWithoutUserNamespacesPostgresRunsAsNobodyAndKeepsItsData(@TempDir Path tmp) throws Exception {
        assumeTrue(OsSupport.isRoot(), "only relevant when running as root");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("unshare"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(bin.resolve("unshare"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // @TempDir is root's only (0700): nobody must be able to pass through it to the data directory
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path dataDir = tmp.resolve("pg");
        Path output = tmp.resolve("child.log");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        child.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = child.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("needed=true", "run 0: owner=nobody rows=1", "run 1: owner=nobody rows=2");
        // the password stays root's: nobody, whom the server runs as, cannot read it
        assertThat(Files.getOwner(dataDir.resolve(PostgresServer.CREDENTIALS_FILE)).getName()).isEqualTo("root");
    }

    /** Starts the server twice on one data directory and adds a row each time. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dataDir = Path.of(args[0]);
            System.out.println("needed=" + NobodyBinaries.needed());
            for (int run = 0; run < 2; run++) {
                try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.builder().redis(false).amqp(false)
                        .postgresDataDir(dataDir).build());
                     Connection c = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUser(), infra.postgresPassword());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS t (v int)");
                    s.execute("INSERT INTO t VALUES (" + run + ")");
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                        rs.next();
                        System.out.println("run " + run + ": owner=" + Files.getOwner(dataDir.resolve("PG_VERSION")).getName()
                                + " rows=" + rs.getInt(1));
                    }
                }
            }
            System.exit(0);
        }
    }
}
