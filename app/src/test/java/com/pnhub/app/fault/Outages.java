package com.pnhub.app.fault;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping and starting the machine's servers for the outage tests; every start is safe to repeat. */
final class Outages {

    /** How CI starts this machine's Redis (nothing on disk: a stop loses the data). */
    static final List<String> REDIS_START = List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
            "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");

    private Outages() {
    }

    static String executable(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin:/usr/bin").split(":")) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** Runs a command to its end; returns its exit code and output. */
    static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + " (timed out)");
        }
        return new Result(p.exitValue(), out.trim());
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static boolean redisAnswers() throws Exception {
        Result r = run(List.of(executable("redis-cli"), "-p", "6379", "ping"));
        return r.ok() && r.output().contains("PONG");
    }

    static void stopRedis() throws Exception {
        Result r = run(List.of(executable("redis-cli"), "-p", "6379", "shutdown", "nosave"));
        // redis-cli reports the lost connection of a successful shutdown as an error: judge by the port instead
        for (int i = 0; i < 50 && redisAnswers(); i++) {
            Thread.sleep(100);
        }
        if (redisAnswers()) {
            throw new IllegalStateException("Redis still answers after shutdown: " + r.output());
        }
    }

    /** Starts Redis as CI does unless it already answers, and waits until it does. */
    static void startRedis() throws Exception {
        if (redisAnswers()) {
            return;
        }
        List<String> command = new ArrayList<>(REDIS_START);
        command.set(0, executable("redis-server"));
        Result r = run(command);
        for (int i = 0; i < 100 && !redisAnswers(); i++) {
            Thread.sleep(100);
        }
        if (!redisAnswers()) {
            throw new IllegalStateException("Redis did not start: " + r.output());
        }
    }

    static void rabbit(String command) throws Exception {
        Result r = run(List.of(executable("rabbitmqctl"), command));
        if (!r.ok()) {
            throw new IllegalStateException("rabbitmqctl " + command + ": " + r.output());
        }
    }
}
