package com.pnhub.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * For root where user namespaces are not allowed (Docker's default seccomp profile), so zonky cannot use
 * {@code unshare -U} and PostgreSQL would refuse to run: zonky's own binaries archive, served with {@code bin/initdb} and
 * {@code bin/pg_ctl} as scripts that run the real ones as {@code nobody} through {@code setpriv} ({@code postgres} is
 * started by {@code pg_ctl}, so it runs as nobody too). The data directory must then be nobody's ({@link #handOver}).
 * The repacked archive is kept beside zonky's extraction, once per binaries version.
 */
final class NobodyBinaries implements PgBinaryResolver {

    static final NobodyBinaries INSTANCE = new NobodyBinaries();
    private static final List<String> WRAPPED = List.of("bin/initdb", "bin/pg_ctl");
    private static final String SCRIPT = """
            #!/bin/sh
            # written by pnhub local-infra: PostgreSQL refuses to run as root, and this machine has no user namespaces
            exec setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- "$0.real" "$@"
            """;

    private NobodyBinaries() {
    }

    /** True when zonky alone cannot start PostgreSQL here. */
    static boolean needed() {
        return OsSupport.isRoot() && !LinuxUtils.isUnshareAvailable();
    }

    @Override
    public synchronized InputStream getPgBinary(String system, String machineHardware) throws IOException {
        Path repacked = OsSupport.binariesDirectory().resolve("nobody-" + PostgresServer.binariesVersion() + "-" + system + "-"
                + machineHardware + ".txz");
        if (!Files.isRegularFile(repacked, LinkOption.NOFOLLOW_LINKS)) {
            Path tmp = Files.createTempFile(repacked.getParent(), "repacking-", ".txz");
            try (InputStream original = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
                 OutputStream out = Files.newOutputStream(tmp)) {
                if (original == null) {
                    throw new IOException("no PostgreSQL binaries for " + system + "/" + machineHardware + " on the class path");
                }
                repack(original, out);
            }
            Files.move(tmp, repacked, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.newInputStream(repacked);
    }

    private static void repack(InputStream original, OutputStream target) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(original));
             TarArchiveOutputStream out = new TarArchiveOutputStream(new XZOutputStream(target, new LZMA2Options(1)))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (WRAPPED.contains(name)) {
                    byte[] script = SCRIPT.getBytes(StandardCharsets.US_ASCII);
                    TarArchiveEntry wrapper = new TarArchiveEntry(name);
                    wrapper.setMode(0755);
                    wrapper.setSize(script.length);
                    wrapper.setModTime(entry.getModTime());
                    out.putArchiveEntry(wrapper);
                    out.write(script);
                    out.closeArchiveEntry();
                    entry.setName(name + ".real");
                }
                out.putArchiveEntry(entry);
                if (entry.isFile()) {
                    in.transferTo(out);
                }
                out.closeArchiveEntry();
            }
        }
    }

    /**
     * Makes {@code dataDir} (and what is in it) nobody's, after checking that nobody can reach it: PostgreSQL needs to own
     * its data directory, and a folder below one that only root may enter (such as {@code /root}) cannot be used.
     */
    static void handOver(Path dataDir) throws IOException {
        for (Path dir = dataDir.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL runs as nobody here (root, no user namespaces), and nobody cannot "
                        + "enter " + dir + " to reach its data directory " + dataDir + ": choose a data directory nobody can "
                        + "reach, or run as a non-root user.");
            }
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                // the kept password stays this user's: the server does not need it, and nobody is everyone's user
                if (!p.getFileName().toString().equals(PostgresServer.CREDENTIALS_FILE)) {
                    giveToNobody(p);
                }
            }
        }
    }

    static void giveToNobody(Path file) throws IOException {
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setOwner(users.lookupPrincipalByName("nobody"));
    }
}
