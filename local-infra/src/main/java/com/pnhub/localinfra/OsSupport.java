package com.pnhub.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The few OS helpers the embedded servers need beyond what their libraries do. */
final class OsSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OsSupport.class);

    private OsSupport() {
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** A password for one embedded server: 24 random bytes, hex. */
    static String randomSecret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void deleteQuietly(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", root, e.toString());
        }
    }

    private static boolean ownedByMe(Path p) {
        try {
            return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                    && (!Files.isSymbolicLink(p));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends a POSIX signal ({@code ProcessHandle} has only TERM and KILL; PostgreSQL's fast and immediate shutdowns are
     * INT and QUIT) and waits for the process to end, killing it after {@code grace}.
     */
    static void signal(ProcessHandle process, String signal, Duration grace) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Process {} did not end within {} after SIG{}, killing it", process.pid(), grace, signal);
            process.destroyForcibly();
        }
    }

    /**
     * Where zonky extracts the PostgreSQL binaries: a folder of this user under {@code java.io.tmpdir}. Its default,
     * {@code embedded-pg}, is shared and world-writable, so someone else could plant binaries there that this user
     * (perhaps root) would run; zonky also makes its working folder world-writable, which is undone here (the binaries'
     * folder inside is this user's and not writable by others).
     */
    static Path binariesDirectory() throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path wanted = Path.of(System.getProperty("java.io.tmpdir"), "pnhub-embedded-pg-" + user);
        Set<PosixFilePermission> rwxrxrx = PosixFilePermissions.fromString("rwxr-xr-x");
        if (!Files.exists(wanted, LinkOption.NOFOLLOW_LINKS)) {
            try {
                return Files.createDirectory(wanted, PosixFilePermissions.asFileAttribute(rwxrxrx));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made by another JVM meanwhile: checked below like any existing one
            }
        }
        if (Files.isDirectory(wanted, LinkOption.NOFOLLOW_LINKS) && ownedByMe(wanted)) {
            try (Stream<Path> children = Files.list(wanted)) {
                // was it writable by others (left so by zonky when a JVM died before narrowing it again), nothing in it is theirs
                if (children.allMatch(OsSupport::ownedByMe)) {
                    Files.setPosixFilePermissions(wanted, rwxrxrx);
                    return wanted;
                }
            }
        }
        Path fresh = Files.createTempDirectory(wanted.getParent(), wanted.getFileName() + "-", PosixFilePermissions.asFileAttribute(rwxrxrx));
        LOG.warn("{} is not a folder of {}: using {}", wanted, System.getProperty("user.name"), fresh);
        return fresh;
    }
}
