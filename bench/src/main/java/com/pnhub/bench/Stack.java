package com.pnhub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a run needs around the service: a database of its own, a Redis hash key of its own, one provider
 * simulator process (serving every configured platform, each platform a pool of its own), and the service
 * process in the {@code prod} profile pointed at them. Everything it creates it removes in {@link #close()},
 * which also runs from a shutdown hook.
 */
final class Stack implements AutoCloseable {

    static final String SERVICE_JAR = "app/target/app-0.1.0-SNAPSHOT.jar";
    static final String SIMULATOR_JAR = "provider-simulator/target/provider-simulator-0.1.0-SNAPSHOT-all.jar";

    final Options options;
    final String runId;
    final String database;
    final String redisKey;
    /** A RabbitMQ virtual host of this run's own, when rabbitmqctl can make one; else the broker's default "/". */
    String rabbitVhost = "/";
    private boolean ownVhost;
    final Path runDir;
    final int simulatorPort;
    final int servicePort;
    private final String accessKeyId;
    private final BenchToken token;
    private final String accessKeySecret;
    private Process simulator;
    private Process service;
    /** Scenario 7's second instance, on the same database, broker virtual host, Redis key and simulator. */
    private Process peer;
    private int peerPort;
    private int serviceStarts;
    private boolean closed;
    /** {@code pnhub.privacy.encryption.enabled} for every start; null leaves the service's default (on). */
    final Boolean encryption;
    /**
     * The service refuses to start without a master key (issue 15). Each stack has a key of its own, made by the
     * service at its first start in a private temporary directory (owner-only, outside the report folder, so it
     * is never committed with a report) and deleted in {@link #close()}: scenario 6's restart and scenario 7's
     * second instance read the events of the first start with the same key.
     */
    private final Path keyDir;
    final Path masterKeyFile;

    Stack(Options options, String runId, Path runDir, Boolean encryption) throws IOException {
        this.options = options;
        this.runId = runId;
        this.runDir = runDir;
        this.encryption = encryption;
        this.database = "pnhub_bench_" + runId;
        this.redisKey = "bench:" + runId + ":PrivateNumber_user_axs";
        this.simulatorPort = freePort();
        this.servicePort = freePort(simulatorPort);
        // fresh keys per run: nothing secret ever lands in the repository or on a command line
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[16];
        random.nextBytes(key);
        this.accessKeyId = "bench-" + HexFormat.of().formatHex(key, 0, 4);
        this.accessKeySecret = HexFormat.of().formatHex(key);
        this.token = BenchToken.generate(runDir.resolve("public-key.pem"));
        // last: nothing after it can fail and leave the directory behind
        this.keyDir = Files.createTempDirectory("pnhub-bench-" + runId + "-");
        this.masterKeyFile = keyDir.resolve("master.key");
    }

    /** A token for the admin API, good for this run's services only. */
    String adminToken() {
        return token.admin();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + servicePort;
    }

    String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorPort;
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + options.pgHost + ":" + options.pgPort + "/" + db;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), options.pgUser, "");
    }

    long servicePid() {
        return service.pid();
    }

    void start() throws Exception {
        if (options.serviceJar == null) {
            requireFile(SERVICE_JAR);
        }
        requireFile(SIMULATOR_JAR);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), options.pgUser, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        createVhost();
        startSimulator();
        startService();
    }

    /**
     * The service declares and consumes durable, fixed-name legacy queues; on a broker shared with other test runs
     * it would take their messages (and they its own). A virtual host per run keeps both apart.
     */
    private void createVhost() {
        if (options.rabbitVhost != null) {
            rabbitVhost = options.rabbitVhost;
            return;
        }
        String vhost = database;
        if (rabbitmqctl("add_vhost", vhost) && rabbitmqctl("set_permissions", "-p", vhost, options.rabbitUser, ".*", ".*", ".*")) {
            rabbitVhost = vhost;
            ownVhost = true;
        } else {
            System.err.println("[setup] rabbitmqctl could not create a virtual host: using \"/\", shared with anything else on this broker");
        }
    }

    private static boolean rabbitmqctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requireFile(String relative) {
        if (!Files.isRegularFile(options.repoRoot.resolve(relative))) {
            throw new IllegalStateException(relative + " not found: build first (./mvnw -B -q -DskipTests package) and run from the repository root");
        }
    }

    private void startSimulator() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar",
                options.repoRoot.resolve(SIMULATOR_JAR).toString(), "--port", Integer.toString(simulatorPort), "--name", "bench-sim");
        pb.environment().put("SIM_ACCESS_KEY_ID", accessKeyId);
        pb.environment().put("SIM_ACCESS_KEY_SECRET", accessKeySecret);
        pb.redirectErrorStream(true).redirectOutput(runDir.resolve("simulator.log").toFile());
        simulator = pb.start();
        waitFor(simulatorUrl() + "/_sim/health", "\"name\"", Duration.ofSeconds(30), simulator);
    }

    void startService() throws Exception {
        serviceStarts++;
        service = serviceProcess(servicePort, "service-" + serviceStarts, "service.log");
        waitFor(serviceUrl() + "/actuator/health", "\"status\":\"UP\"", Duration.ofSeconds(180), service);
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    long peerPid() {
        return peer.pid();
    }

    /** A second service instance beside the first, as a second machine behind the load balancer would run it. */
    void startPeer() throws Exception {
        peerPort = freePort(simulatorPort, servicePort);
        peer = serviceProcess(peerPort, "peer", "peer.log");
        waitFor(peerUrl() + "/actuator/health", "\"status\":\"UP\"", Duration.ofSeconds(180), peer);
    }

    void stopPeer() {
        stop(peer, Duration.ofSeconds(30));
    }

    private Process serviceProcess(int port, String recordingName, String logName) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(options.serviceJvmArgs);
        if (options.jfr) {
            cmd.add("-XX:StartFlightRecording=filename=" + runDir.resolve(recordingName + ".jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        Path jar = options.serviceJar != null ? options.serviceJar : options.repoRoot.resolve(SERVICE_JAR);
        cmd.addAll(List.of("-jar", jar.toString(),
                "--spring.profiles.active=prod",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl(database),
                "--spring.datasource.username=" + options.pgUser,
                "--spring.data.redis.host=" + options.redisHost,
                "--spring.data.redis.port=" + options.redisPort,
                "--spring.rabbitmq.host=" + options.rabbitHost,
                "--spring.rabbitmq.port=" + options.rabbitPort,
                "--spring.rabbitmq.virtual-host=" + rabbitVhost,
                "--pnhub.redis.user-axs-key=" + redisKey,
                // the service's doors: the bench's own signing key stands in for the identity provider, and the
                // legacy API admits this machine as it would MIS's address (builds before issue 12 ignore both)
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + token.publicKeyFile().toUri(),
                "--pnhub.security.legacy.allowed-callers=127.0.0.1/32,::1/128",
                // the bench is one caller at rates far beyond a real one's: it measures the service, not its limits
                "--pnhub.security.legacy.requests-per-second=1000000",
                "--pnhub.provider-endpoints.allow-plain-http=true",
                "--pnhub.security.legacy.concurrent-requests=10000",
                // builds before issue 15 ignore these, as they ignore every unknown property
                "--pnhub.privacy.master-key-file=" + masterKeyFile.toAbsolutePath(),
                "--pnhub.privacy.master-key-file-create=true"));
        if (encryption != null) {
            cmd.add("--pnhub.privacy.encryption.enabled=" + encryption);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SPRING_RABBITMQ_USERNAME", options.rabbitUser);
        env.put("SPRING_RABBITMQ_PASSWORD", options.rabbitPassword);
        // one simulator process serves platforms 1 (race pool) and 3 (bind/unbind pool): pools are keyed by pool id
        for (String provider : List.of("ALIYUN", "DONGXIN")) {
            env.put("PNHUB_PROVIDERS_" + provider + "_ENDPOINT", simulatorUrl());
            env.put("PNHUB_PROVIDERS_" + provider + "_ACCESS_KEY_ID", accessKeyId);
            env.put("PNHUB_PROVIDERS_" + provider + "_ACCESS_KEY_SECRET", accessKeySecret);
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve(logName).toFile()));
        return pb.start();
    }

    /** Graceful stop (SIGTERM, as an operator would), so the JFR recording and the tokens are written. */
    void stopService() {
        stop(service, Duration.ofSeconds(30));
    }

    private static void stop(Process p, Duration grace) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(String url, String expected, Duration timeout, Process process) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + " before " + url + " answered (see its log)");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains(expected)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not ready within " + timeout);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort(int... taken) throws IOException {
        // the simulator binds its port only when it starts: until then the OS may hand the same free port out again
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
                    return port;
                }
            }
        }
    }

    /** The key is of no use once the database is gone. */
    private void deleteKeyDir() {
        try (var files = Files.list(keyDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(keyDir);
        } catch (IOException e) {
            System.err.println("could not delete " + keyDir + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(peer, Duration.ofSeconds(30));
        stop(service, Duration.ofSeconds(30));
        stop(simulator, Duration.ofSeconds(5));
        if (ownVhost && !rabbitmqctl("delete_vhost", rabbitVhost)) {
            System.err.println("could not delete RabbitMQ virtual host " + rabbitVhost);
        }
        try (var redis = new Redis(options.redisHost, options.redisPort)) {
            redis.delete(redisKey);
        } catch (RuntimeException e) {
            System.err.println("could not delete Redis key " + redisKey + ": " + e.getMessage());
        }
        if (options.keepDatabase) {
            // its encrypted fields read back only with this key
            System.err.println("kept database " + database + " and its master key " + masterKeyFile);
            return;
        }
        deleteKeyDir();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), options.pgUser, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + database + ": " + e.getMessage());
        }
    }
}
