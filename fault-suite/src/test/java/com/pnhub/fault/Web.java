package com.pnhub.fault;

import com.pnhub.localinfra.LocalIdentityProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP with JSON for the service and the simulator's admin API; a connection failure is an exception. */
final class Web {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Longer than the service's await-timeout (15 s): a request waiting for its outcome is answered, not cut off. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
    /** The suite's stand-in for the identity provider; every service of the suite is given its public key. */
    static final LocalIdentityProvider IDENTITY = LocalIdentityProvider.generate();
    private static final String ADMIN_TOKEN = IDENTITY.token("fault-suite", Duration.ofHours(6), "admin", "auditor");

    private Web() {
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static Answer get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** The Authorization header's value the suite sends to every service. */
    static String authorization() {
        return "Bearer " + ADMIN_TOKEN;
    }

    /** A GET through a client of the caller's, with its own timeout. */
    static Answer get(HttpClient client, String url, Duration timeout) throws IOException {
        return send(client, HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
    }

    static Answer send(String method, String url, Object body) throws IOException {
        String json = body == null ? "" : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** For set-up steps that must work: any failure fails the test. */
    static JsonNode must(String method, String url, Object body) {
        try {
            Answer a = method.equals("GET") ? get(url) : send(method, url, body);
            if (a.status() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + " answered " + a.status() + ": " + a.body());
            }
            return a.body().isBlank() ? null : a.json();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    private static Answer send(HttpRequest.Builder request) throws IOException {
        return send(CLIENT, request, REQUEST_TIMEOUT);
    }

    private static Answer send(HttpClient client, HttpRequest.Builder request, Duration timeout) throws IOException {
        request.header("Authorization", authorization());
        try {
            HttpResponse<String> r = client.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
