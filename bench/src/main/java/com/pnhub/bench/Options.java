package com.pnhub.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options; every one has a default so that a bare {@code java -jar bench.jar} is the full run. */
final class Options {

    Set<Integer> scenarios = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7));
    Duration duration = Duration.ofSeconds(20);
    Duration warmUp = Duration.ofSeconds(15);
    /**
     * Scenario 7's unmeasured cycles after the second instance started. A JVM just started still compiles its hot
     * paths for about a minute (JFR: C2 compiler threads at ~0.5 core), which on two cores is what a 15 s warm-up
     * measured instead of the second instance.
     */
    Duration peerWarmUp = Duration.ofSeconds(60);
    int workers = 32;
    int pairs = 160;
    int raceUsers = 200;
    int racePool = 50;
    int readRate = 2000;
    int readWriteWorkers = 8;
    int xbBindings = 20;
    int xbExpirationSeconds = 10;
    long replayEvents = 1_000_000;
    Duration replayTimeout = Duration.ofMinutes(5);
    /** Rate of scenarios 1 (open loop) and 5 in requests/s; 0 = half of what scenario 1 measured closed-loop. */
    double fixedRate;
    Path repoRoot = Path.of(".");
    /** null: the build tree's app/target jar */
    Path serviceJar;
    Path reportDir = Path.of("bench/reports");
    String pgHost = "127.0.0.1";
    int pgPort = 5432;
    String pgUser = "postgres";
    String redisHost = "127.0.0.1";
    int redisPort = 6379;
    String rabbitHost = "127.0.0.1";
    int rabbitPort = 5672;
    String rabbitUser = "guest";
    String rabbitPassword = "guest";
    /** null: a virtual host of the run's own (rabbitmqctl) */
    String rabbitVhost;
    List<String> serviceJvmArgs = new ArrayList<>();
    boolean jfr;
    boolean keepDatabase;
    /** {@code --encryption on|off}: {@code pnhub.privacy.encryption.enabled} of the service; null = its default (on). */
    Boolean encryption;
    /** Scenarios 1 and 6 with encryption on and off, each on a stack of its own ({@link PrivacyCompare}). */
    boolean privacyCompare;
    /** on/off pairs of the comparison, alternating (on, off, on, off, ...). */
    int privacyPairs = 2;
    /** The comparison's replay store when {@code --replay-events} is not given: four replays of a million take too long. */
    static final long PRIVACY_REPLAY_EVENTS = 300_000;

    static Options parse(String[] args) {
        Options o = new Options();
        boolean scenariosGiven = false;
        boolean replayEventsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                usage();
                System.exit(0);
            }
            if (arg.equals("--jfr")) {
                o.jfr = true;
                continue;
            }
            if (arg.equals("--keep-db")) {
                o.keepDatabase = true;
                continue;
            }
            if (arg.equals("--privacy-compare")) {
                o.privacyCompare = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                value = args[++i];
            }
            switch (arg) {
                case "--scenarios" -> {
                    o.scenarios = parseScenarios(value);
                    scenariosGiven = true;
                }
                case "--duration" -> o.duration = Duration.ofSeconds(Long.parseLong(value));
                case "--warm-up" -> o.warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--peer-warm-up" -> o.peerWarmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--workers" -> o.workers = Integer.parseInt(value);
                case "--pairs" -> o.pairs = Integer.parseInt(value);
                case "--race-users" -> o.raceUsers = Integer.parseInt(value);
                case "--race-pool" -> o.racePool = Integer.parseInt(value);
                case "--read-rate" -> o.readRate = Integer.parseInt(value);
                case "--read-write-workers" -> o.readWriteWorkers = Integer.parseInt(value);
                case "--xb-bindings" -> o.xbBindings = Integer.parseInt(value);
                case "--xb-expiration" -> o.xbExpirationSeconds = Integer.parseInt(value);
                case "--replay-events" -> {
                    o.replayEvents = Long.parseLong(value);
                    replayEventsGiven = true;
                }
                case "--replay-timeout" -> o.replayTimeout = Duration.ofSeconds(Long.parseLong(value));
                case "--rate" -> o.fixedRate = Double.parseDouble(value);
                case "--repo" -> o.repoRoot = Path.of(value);
                case "--service-jar" -> o.serviceJar = Path.of(value);
                case "--report-dir" -> o.reportDir = Path.of(value);
                case "--pg-host" -> o.pgHost = value;
                case "--pg-port" -> o.pgPort = Integer.parseInt(value);
                case "--pg-user" -> o.pgUser = value;
                case "--redis-host" -> o.redisHost = value;
                case "--redis-port" -> o.redisPort = Integer.parseInt(value);
                case "--rabbit-host" -> o.rabbitHost = value;
                case "--rabbit-port" -> o.rabbitPort = Integer.parseInt(value);
                case "--rabbit-vhost" -> o.rabbitVhost = value;
                case "--service-jvm-arg" -> o.serviceJvmArgs.add(value);
                case "--encryption" -> o.encryption = onOff(value);
                case "--privacy-pairs" -> o.privacyPairs = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (o.privacyCompare) {
            if (o.encryption != null) {
                throw new IllegalArgumentException("--privacy-compare sets encryption itself: drop --encryption");
            }
            if (o.privacyPairs < 1) {
                throw new IllegalArgumentException("--privacy-pairs must be at least 1");
            }
            // the comparison is of the write path (1) and the replay (6); --scenarios may narrow it to one of them
            Set<Integer> chosen = new LinkedHashSet<>(scenariosGiven ? o.scenarios : List.of(1, 6));
            chosen.retainAll(Set.of(1, 6));
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("--privacy-compare measures scenarios 1 and 6: " + o.scenarios + " has neither");
            }
            o.scenarios = chosen;
            if (!replayEventsGiven) {
                o.replayEvents = PRIVACY_REPLAY_EVENTS;
            }
        }
        // bind/unbind cycles need one (user, X) pair per worker, with room for the open loop's extra in-flight cycles
        o.pairs = Math.max(o.pairs, Math.max(o.workers, o.readWriteWorkers) + o.xbBindings);
        return o;
    }

    private static boolean onOff(String value) {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("--encryption is on or off: " + value);
        };
    }

    private static Set<Integer> parseScenarios(String value) {
        Set<Integer> s = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            int n = Integer.parseInt(part.trim());
            if (n < 1 || n > 7) {
                throw new IllegalArgumentException("scenarios are 1..7: " + n);
            }
            s.add(n);
        }
        return s;
    }

    static void usage() {
        System.err.println("""
                usage: java -jar bench/target/bench-0.1.0-SNAPSHOT.jar [options]   (run from the repository root)
                  --scenarios 1,2,3,4,5,6,7 which scenarios (1 bind/unbind, 2 allocation race, 3 reads, 4 XB expiry,
                                            5 projection lag, 6 replay, 7 two instances); the raw JDBC baseline runs
                                            with scenario 1
                  --duration 20             seconds per load phase
                  --warm-up 15              seconds of unmeasured bind/unbind cycles before the first scenario
                  --peer-warm-up 60         the same for scenario 7's second instance, once it has started
                  --workers 32              closed-loop workers (scenario 1 and the raw baseline)
                  --pairs 160               agents with an X of their own for bind/unbind cycles
                  --rate R                  requests/s for the open-loop phases of 1, 5 and 7 (default: half the closed-loop max)
                  --race-users 200 --race-pool 50
                  --read-rate 2000 --read-write-workers 8
                  --xb-bindings 20 --xb-expiration 10
                  --replay-events 1000000 --replay-timeout 300
                  --jfr                     record the service with Java Flight Recorder (file in the report folder)
                  --service-jvm-arg ARG     extra JVM option for the service (repeatable)
                  --service-jar PATH        another build of the service (default app/target/app-0.1.0-SNAPSHOT.jar)
                  --keep-db                 keep the run's database and its master key (dropped by default)
                  --encryption on|off       pnhub.privacy.encryption.enabled of the service (default: the service's, on)
                  --privacy-compare         scenarios 1 and 6 (or the one of them --scenarios names) with encryption
                                            on and off, alternating, each on a fresh database: side by side in the
                                            report with the overhead in %; --replay-events defaults to 300000 here
                  --privacy-pairs 2         on/off pairs of --privacy-compare (on, off, on, off)
                  --pg-host/--pg-port/--pg-user, --redis-host/--redis-port, --rabbit-host/--rabbit-port
                  --rabbit-vhost V          use this virtual host (default: one of the run's own, made with rabbitmqctl)
                  --repo .  --report-dir bench/reports""");
    }
}
