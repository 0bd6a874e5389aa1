package com.pnhub.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A jar running as an OS process of its own, output to a log file under target/ (kept for a failed run).
 * Secrets go through the environment, never the command line (which {@code ps} shows).
 */
final class JavaProcess implements AutoCloseable {

    private static final Map<String, Path> COPIES = new java.util.HashMap<>();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private int starts;

    JavaProcess(String name, Path jar, List<String> jvmOptions, List<String> args, Map<String, String> environment) {
        this.name = name;
        this.environment = environment;
        this.command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        this.log = Path.of(System.getProperty("pnhub.fault.logs", "target/fault-suite-logs"), name + ".log");
    }

    synchronized JavaProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            // append: the log of a restarted process continues the log of the killed one
            pb.redirectOutput(starts++ == 0 ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(environment);
            process = pb.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** kill -9: no shutdown hook, no graceful shutdown, whatever was in flight is cut off. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: the service shuts down gracefully. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waitFor();
        }
    }

    /**
     * SIGTERM, then waits up to {@code timeout} for the process to end by itself: its exit code (143 after a
     * graceful shutdown), or -1 when it had to be killed at the end of the wait.
     */
    synchronized int terminate(java.time.Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        waitFor();
        return -1;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    private void waitFor() {
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean reachable(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The jar named by {@code property}, copied under a name of our own into target/: on a machine shared with
     * other test runs, processes are found (and stopped) by their jar's name; ours should not be among them.
     */
    static synchronized Path jar(String property, String ownName) {
        Path known = COPIES.get(ownName);
        if (known != null) {
            return known;
        }
        Path original = new File(System.getProperty(property, "")).toPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(original)) {
            throw new IllegalStateException(original + " is missing: build it first (./mvnw -B -DskipTests package -pl app -am)");
        }
        Path copy = Path.of(System.getProperty("pnhub.fault.logs", "target/fault-suite-logs")).resolveSibling(ownName + ".jar");
        try {
            // once per test JVM and by an atomic move: a process may be starting from the previous copy
            Path partial = Files.createTempFile(copy.getParent(), ownName, ".part");
            Files.copy(original, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            COPIES.put(ownName, copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + original, e);
        }
    }
}
