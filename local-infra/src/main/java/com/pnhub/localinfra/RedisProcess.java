package com.pnhub.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * A redis-server child process on a free loopback port, using the binary bundled in
 * {@code com.github.codemonstur:embedded-redis}. The binary is copied once to a per-user cache dir;
 * the process is managed here (not by embedded-redis' {@code RedisServer}) so that nothing global such as a
 * JVM shutdown hook is registered. No persistence (no RDB, no AOF).
 */
final class RedisProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisProcess.class);
    private static final Logger REDIS_LOG = LoggerFactory.getLogger("com.pnhub.localinfra.redis");

    static final String HOST = "127.0.0.1";

    private final Process process;
    private final int port;
    private final Path workDir;

    private final String password;

    private RedisProcess(Process process, int port, Path workDir, String password) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.password = password;
    }

    int port() {
        return port;
    }

    /** Made for this process: any other user of the machine can reach 127.0.0.1, so loopback alone is no door. */
    String password() {
        return password;
    }

    static RedisProcess start(Duration timeout) {
        Path binary = binary();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("pnhub-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = OsSupport.randomSecret();
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.pick();
            Deque<String> output = new ArrayDeque<>();
            Process p;
            try {
                p = new ProcessBuilder(binary.toString(),
                        "--port", Integer.toString(port),
                        "--bind", HOST,
                        "--protected-mode", "yes",
                        "--requirepass", password,
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--dir", workDir.toString(),
                        "--loglevel", "warning")
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .start();
                p.getOutputStream().close();
            } catch (IOException e) {
                FreePorts.release(port);
                OsSupport.deleteQuietly(workDir);
                throw new UncheckedIOException("cannot start " + binary, e);
            }
            OsSupport.pump(p.getInputStream(), "redis-" + port + "-output", line -> {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > 50) {
                        output.removeFirst();
                    }
                }
                REDIS_LOG.debug(line);
            });
            try {
                awaitPong(p, port, password, timeout, output);
                return new RedisProcess(p, port, workDir, password);
            } catch (RuntimeException e) {
                OsSupport.stop(p, null, 5_000, LOG, "redis-server");
                String out;
                synchronized (output) {
                    out = String.join("\n", output);
                }
                if (attempt >= 3 || !out.contains("Address already in use")) {
                    OsSupport.deleteQuietly(workDir);
                    throw e;
                }
            } finally {
                FreePorts.release(port);
            }
        }
    }

    private static void awaitPong(Process p, int port, String password, Duration timeout, Deque<String> output) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String out;
                synchronized (output) {
                    out = String.join("\n", output);
                }
                throw new IllegalStateException("redis-server exited with code " + p.exitValue() + ":\n" + out);
            }
            if (ping(HOST, port, password)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING within " + timeout);
    }

    static boolean ping(String host, int port, String password) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(("AUTH " + password + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[12];
            int n = in.readNBytes(buf, 0, 12);
            return n == 12 && new String(buf, StandardCharsets.US_ASCII).equals("+OK\r\n+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static synchronized Path binary() {
        Map<OsArchitecture, String> versions = ExecutableProvider.newProvidedVersionsMap();
        OsArchitecture osArch = OsArchitecture.detectOSandArchitecture();
        String resource = versions.get(osArch);
        if (resource == null) {
            throw new IllegalStateException("embedded-redis bundles no redis-server for " + osArch.os + "/" + osArch.arch);
        }
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            Path dir = OsSupport.ownedDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pnhub-embedded-redis-" + user));
            Path target = dir.resolve(name);
            if (Files.isExecutable(target) && Files.size(target) > 0) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            try (InputStream in = ExecutableProvider.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("resource /" + name + " not found in embedded-redis jar");
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract redis-server", e);
        }
    }

    @Override
    public void close() {
        // SIGTERM: redis exits immediately (nothing to save)
        OsSupport.stop(process, null, 10_000, LOG, "redis-server");
        OsSupport.deleteQuietly(workDir);
    }
}
