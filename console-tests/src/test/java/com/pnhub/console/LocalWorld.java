package com.pnhub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service started as a newcomer starts it with the README's Run command ({@code java -jar local-run.jar}, embedded
 * PostgreSQL, Redis, broker and simulators, demo data), in a working directory of its own so that its {@code ./data}
 * is fresh, and on a free port instead of 8080, which a service of the user's may hold.
 */
final class LocalWorld implements AutoCloseable {

    static final String HUB = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/";
    private static final Pattern AMQP = Pattern.compile("amqp\\s+amqp://([^:]+):(\\d+)/(\\S*)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path home;
    private final Path log;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String amqpHost;
    private int amqpPort;
    private String amqpVirtualHost;

    private LocalWorld(Path home, int port, Process process) {
        this.home = home;
        this.log = home.resolve("service.log");
        this.port = port;
        this.process = process;
    }

    static LocalWorld start() {
        Path jar = Path.of(System.getProperty("pnhub.console.run-jar", "../local-run/target/local-run-0.1.0-SNAPSHOT.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B -DskipTests package -pl local-run -am)");
        }
        Path home = Path.of(System.getProperty("pnhub.console.output", "target/console"), "world").toAbsolutePath();
        try {
            deleteTree(home);
            Files.createDirectories(home);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port));
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("service.log").toFile()).start();
            LocalWorld world = new LocalWorld(home, port, process);
            world.awaitReady();
            return world;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped during its start; see " + log);
            }
            String text = logText();
            Matcher amqp = AMQP.matcher(text);
            if (text.contains("local endpoints:") && amqp.find()) {
                amqpHost = amqp.group(1);
                amqpPort = Integer.parseInt(amqp.group(2));
                amqpVirtualHost = amqp.group(3);
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("the service did not log its endpoints within 180 s; see " + log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String token(String role) {
        try {
            return Files.readString(home.resolve("data/local-tokens").resolve(role)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String amqpHost() {
        return amqpHost;
    }

    int amqpPort() {
        return amqpPort;
    }

    String amqpVirtualHost() {
        return amqpVirtualHost.isEmpty() ? "/" : amqpVirtualHost;
    }

    /** A legacy call from loopback, which the local profile admits; the envelope. */
    JsonNode hub(String action, String... params) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + HUB + action + "?" + query)).GET());
    }

    JsonNode api(String role, String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token(role))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
