package com.pnhub.app.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Redis servers of a test's own, from the machine's {@code redis-server}: each on a free port in a temporary
 * directory, nothing persisted, all killed and their directories removed by {@link #close()} (and by a shutdown
 * hook, should the test JVM end first). A sentinel is {@code redis-server <its config> --sentinel}: it rewrites its
 * config, so the file lies in the server's directory.
 */
final class RedisProcesses implements AutoCloseable {

    record Server(int port, Process process, Path dir) {
        String address() {
            return "127.0.0.1:" + port;
        }
    }

    private final List<Server> servers = new ArrayList<>();
    private final Thread cleanup = new Thread(this::stopAll, "redis-processes-cleanup");

    RedisProcesses() {
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static boolean available() {
        return Outages.executable("redis-server") != null && Outages.executable("redis-cli") != null;
    }

    /** A server that keeps nothing on disk; {@code extra} are further command-line options. */
    synchronized Server server(String name, String... extra) {
        int port = freePort();
        Path dir = tempDir(name);
        List<String> command = new ArrayList<>(List.of(Outages.executable("redis-server"), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(List.of(extra));
        return start(command, port, dir);
    }

    /**
     * Primaries of a Redis Cluster, {@code count} of them, their slots shared out by {@code redis-cli --cluster create};
     * returns once every node reports the cluster ok. Each node needs its port and the cluster bus port 10000 above.
     */
    synchronized List<Server> cluster(int count) {
        List<Server> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = freePortWithBus();
            Path dir = tempDir("cluster-" + i);
            nodes.add(start(List.of(Outages.executable("redis-server"), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--logfile", dir.resolve("redis.log").toString(),
                    "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                    "--cluster-node-timeout", "2000"), port, dir));
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        nodes.forEach(n -> create.add(n.address()));
        create.add("--cluster-yes");
        cli(nodes.get(0).port(), create.toArray(String[]::new));
        for (int i = 0; i < 100; i++) {
            if (nodes.stream().allMatch(n -> cli(n.port(), "cluster", "info").contains("cluster_state:ok"))) {
                return nodes;
            }
            sleepQuietly(100);
        }
        throw new IllegalStateException("the cluster did not become ok");
    }

    /** A sentinel watching {@code primary} as {@code master}, with a quorum of one and the given down-after time. */
    synchronized Server sentinel(String master, Server primary, long downAfterMillis) {
        int port = freePort();
        Path dir = tempDir("sentinel");
        Path config = dir.resolve("sentinel.conf");
        try {
            Files.writeString(config, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "logfile " + dir.resolve("sentinel.log"),
                    "sentinel monitor " + master + " 127.0.0.1 " + primary.port() + " 1",
                    "sentinel down-after-milliseconds " + master + " " + downAfterMillis,
                    "sentinel failover-timeout " + master + " 10000",
                    "sentinel parallel-syncs " + master + " 1",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(List.of(Outages.executable("redis-server"), config.toString(), "--sentinel"), port, dir);
    }

    /** redis-cli against {@code port}; returns its output (fails on a non-zero exit). */
    static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of(Outages.executable("redis-cli"), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Outages.Result r = Outages.run(command);
            if (!r.ok()) {
                throw new IllegalStateException(String.join(" ", args) + " on " + port + ": " + r.output());
            }
            return r.output();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server at once (SIGKILL): what it had not yet sent to its replicas is lost, as in a crash. */
    void kill(Server server) throws InterruptedException {
        server.process().destroyForcibly();
        server.process().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or has run
        }
    }

    private synchronized void stopAll() {
        for (Server s : servers) {
            s.process().destroyForcibly();
            try {
                s.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delete(s.dir());
        }
        servers.clear();
    }

    private Server start(List<String> command, int port, Path dir) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Server server = new Server(port, p, dir);
            servers.add(server);
            for (int i = 0; i < 100; i++) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("redis-server on " + port + " ended: " + Files.readString(dir.resolve("stdout.log")));
                }
                try {
                    if (cli(port, "ping").contains("PONG")) {
                        return server;
                    }
                } catch (IllegalStateException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("redis-server on " + port + " did not answer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("pnhub-redis-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePortWithBus() {
        for (int i = 0; i < 50; i++) {
            int port = freePort();
            if (port + 10_000 <= 65_535) {
                try (ServerSocket bus = new ServerSocket(port + 10_000)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free port with a free cluster bus port");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is not worth failing a test for
        }
    }
}
