package com.pnhub.bench;

import com.pnhub.api.privacy.PhoneMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * Entry point: starts a provider simulator and the service as separate processes on a database and Redis key
 * of this run's own, registers test data, runs the chosen scenarios, writes bench/reports/RUN/report.{md,json}
 * and removes what it created. See docs/benchmarks.md.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            Options.usage();
            System.exit(2);
            return;
        }
        String runId = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        Path runDir = o.reportDir.resolve(runId);
        Files.createDirectories(runDir);
        Report report = new Report();
        describeRun(report, o, runId);
        int exit = 0;
        try {
            if (o.privacyCompare) {
                exit = PrivacyCompare.run(o, runId, runDir, report) ? 0 : 1;
            } else {
                exit = measure(o, runId, runDir, o.encryption, report) ? 0 : 1;
                Goals.evaluate(report);
            }
        } finally {
            report.run.put("loadAverageAtEnd", readOrEmpty(Path.of("/proc/loadavg")));
            Path json = runDir.resolve("report.json");
            Path md = runDir.resolve("report.md");
            report.write(json, md);
            System.out.println(report.markdown());
            System.err.println("report: " + md + " and " + json);
        }
        System.exit(exit);
    }

    /**
     * One stack from start to removal: a database, Redis key and virtual host named after {@code stackId}, the
     * simulator and the service (logs in {@code dir}), the test data, the warm-up and the chosen scenarios, their
     * figures in {@code report}. False when the stack failed (the error is in the report's run section); a failing
     * scenario alone is reported in its section and does not count.
     */
    static boolean measure(Options o, String stackId, Path dir, Boolean encryption, Report report) throws IOException {
        Files.createDirectories(dir);
        Stack stack = new Stack(o, stackId, dir, encryption);
        Thread cleanup = new Thread(stack::close, "bench-cleanup-" + stackId);
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            System.err.println("[setup] database " + stack.database + ", simulator :" + stack.simulatorPort + ", service :" + stack.servicePort
                    + ", encryption " + (encryption == null ? "service default" : encryption ? "on" : "off") + " (logs in " + dir + ")");
            report.run.put("database", stack.database);
            report.run.put("encryption", encryption == null ? "service default (on)" : encryption ? "on" : "off");
            long t0 = System.nanoTime();
            stack.start();
            report.run.put("serviceStartSeconds", Report.round((System.nanoTime() - t0) / 1e9));
            report.run.put("rabbitVirtualHost", stack.rabbitVhost);
            report.run.put("serviceRssAfterStartMiB", ProcStats.rssKib(stack.servicePid()) / 1024);
            Http http = new Http(stack.serviceUrl(), stack.adminToken());
            Fixture fixture = new Fixture(http, new Http(stack.simulatorUrl()), o.pairs);
            t0 = System.nanoTime();
            fixture.register();
            report.run.put("registrationSeconds", Report.round((System.nanoTime() - t0) / 1e9));
            warmUp(o, fixture);
            try (Redis redis = new Redis(o.redisHost, o.redisPort)) {
                Run run = new Run(o, stack, http, fixture, redis, report);
                scenario(run, 1, BindUnbindScenario.NAME, BindUnbindScenario::run);
                scenario(run, 2, "2 allocation race", AllocationRaceScenario::run);
                scenario(run, 3, "3 reads under writes", ReadScenario::run);
                scenario(run, 4, "4 XB expiry", XbExpiryScenario::run);
                scenario(run, 5, "5 projection lag", ProjectionLagScenario::run);
                scenario(run, 7, TwoInstanceScenario.NAME, TwoInstanceScenario::run);
                // last: it restarts the service over a store of a million cloned events
                scenario(run, 6, ReplayScenario.NAME, ReplayScenario::run);
            }
            return true;
        } catch (Exception e) {
            report.run.put("error", PhoneMask.inText(String.valueOf(e)));
            System.err.println("run failed: " + PhoneMask.inText(String.valueOf(e)));
            return false;
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: close() is idempotent
            }
        }
    }

    /** Unmeasured bind/unbind cycles, so that no scenario pays for the service's class loading and JIT compilation. */
    private static void warmUp(Options o, Fixture fixture) throws InterruptedException {
        if (o.warmUp.isZero()) {
            return;
        }
        int workers = Math.min(8, fixture.pairs.size());
        Metrics ignored = new Metrics();
        Load.closed("warm-up", workers, o.warmUp, ignored, "bind", w -> fixture.cycle(ignored, fixture.pairs.get(w), System.nanoTime()));
    }

    interface Body {
        void run(Run run, Report.Section out) throws Exception;
    }

    /** A failing scenario is reported and the run goes on with the next. */
    private static void scenario(Run run, int number, String name, Body body) {
        if (!run.options().scenarios.contains(number)) {
            return;
        }
        Report.Section out = run.report().scenario(name);
        System.err.println("[" + name + "] starting");
        long t0 = System.nanoTime();
        try {
            body.run(run, out);
        } catch (Exception e) {
            out.put("error", PhoneMask.inText(String.valueOf(e)));
            System.err.println("[" + name + "] failed: " + PhoneMask.inText(String.valueOf(e)));
        }
        out.put("scenarioSeconds", Report.round((System.nanoTime() - t0) / 1e9));
    }

    private static void describeRun(Report report, Options o, String runId) {
        report.run.put("runId", runId);
        report.run.put("commit", command(o.repoRoot, "git", "rev-parse", "--short", "HEAD"));
        report.run.put("uncommittedChanges", !command(o.repoRoot, "git", "status", "--porcelain", "--untracked-files=no").isEmpty());
        report.run.put("cores", Runtime.getRuntime().availableProcessors());
        report.run.put("loadAverageAtStart", readOrEmpty(Path.of("/proc/loadavg")));
        report.run.put("java", System.getProperty("java.version"));
        report.run.put("scenarios", o.scenarios.toString());
        report.run.put("durationSecondsPerPhase", o.duration.toSeconds());
        report.run.put("warmUpSeconds", o.warmUp.toSeconds());
        report.run.put("peerWarmUpSeconds", o.peerWarmUp.toSeconds());
        report.run.put("workers", o.workers);
        report.run.put("pairs", o.pairs);
        report.run.put("serviceJvmArgs", String.join(" ", o.serviceJvmArgs));
        report.run.put("serviceJar", o.serviceJar == null ? Stack.SERVICE_JAR : o.serviceJar.toString());
        report.run.put("privacyCompare", o.privacyCompare ? o.privacyPairs + " on/off pairs" : "no");
        if (o.scenarios.contains(6)) {
            report.run.put("replayEvents", o.replayEvents);
        }
        report.run.put("note", "the bench, the service, the simulator, PostgreSQL, Redis and RabbitMQ share this machine's cores");
    }

    static String readOrEmpty(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String command(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
