package com.pnhub.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;

/** Small process / OS helpers shared by the servers. */
final class OsSupport {

    private OsSupport() {
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Effective uid of this JVM, or -1 when unknown (non-POSIX). */
    static int currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer) {
                return (Integer) uid;
            }
        } catch (Exception ignored) {
            // not Linux or no /proc: fall through
        }
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Integer.parseInt(out);
            }
        } catch (Exception ignored) {
            // fall through
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }

    static boolean isRoot() {
        return !isWindows() && currentUid() == 0;
    }

    /** Result of a short-lived command. */
    static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs a short command, merging stderr into stdout; never throws for a non-zero exit. */
    static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    static List<String> concat(List<String> prefix, String... rest) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(rest));
        return all;
    }

    /** Pumps a child's output line by line into a consumer on a daemon thread. */
    static void pump(InputStream in, String threadName, Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // stream closed: process ended
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** Sends a POSIX signal (e.g. "INT") via /bin/kill; returns false when that is impossible. */
    static boolean signal(long pid, String signal) {
        if (isWindows()) {
            return false;
        }
        return run(List.of("kill", "-" + signal, Long.toString(pid)), 10).ok();
    }

    /** Waits for a process to end; true when it is gone. */
    static boolean awaitExit(ProcessHandle handle, long millis) {
        try {
            handle.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return !handle.isAlive();
        }
    }

    /** Stops a child: polite signal first (if given), then SIGTERM, then SIGKILL. */
    static void stop(Process process, String politeSignal, long graceMillis, Logger log, String name) {
        if (process == null || !process.isAlive()) {
            return;
        }
        boolean sent = politeSignal != null && signal(process.pid(), politeSignal);
        if (!sent) {
            process.destroy();
        }
        if (awaitExit(process.toHandle(), graceMillis)) {
            return;
        }
        log.warn("{} (pid {}) did not stop within {} ms, killing it", name, process.pid(), graceMillis);
        process.destroyForcibly();
        awaitExit(process.toHandle(), 5_000);
    }

    static void deleteQuietly(Path dir) {
        try {
            PostgresBinaries.deleteTree(dir);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(OsSupport.class).warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /** A password for one embedded server's life: 24 random bytes, hex. */
    static String randomSecret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * {@code wanted} if it is a real directory of this user that nobody else can write (made so if it is missing),
     * else a fresh one of that name's prefix: extracted binaries are run from it, so a folder someone else could write
     * (or had planted under the predictable name) would run their code as this user.
     */
    static Path ownedDirectory(Path wanted) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            return Files.createDirectories(wanted);
        }
        if (!Files.exists(wanted, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(wanted.getParent());
                return Files.createDirectory(wanted, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (FileAlreadyExistsException raced) {
                // made by another JVM in the meantime: checked below like any existing one
            }
        }
        String me = System.getProperty("user.name");
        boolean ours = Files.isDirectory(wanted, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(wanted, LinkOption.NOFOLLOW_LINKS).getName().equals(me);
        Set<PosixFilePermission> perms = ours ? Files.getPosixFilePermissions(wanted, LinkOption.NOFOLLOW_LINKS) : Set.of();
        if (ours && !perms.contains(PosixFilePermission.GROUP_WRITE) && !perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            return wanted;
        }
        Path fresh = Files.createTempDirectory(wanted.getParent(), wanted.getFileName() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        org.slf4j.LoggerFactory.getLogger(OsSupport.class).warn("{} is not a folder only {} can write: using {}", wanted, me, fresh);
        return fresh;
    }
}
