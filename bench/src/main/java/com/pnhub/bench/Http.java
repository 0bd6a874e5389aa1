package com.pnhub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service as MIS and operators see it: the legacy GET API with its envelope, and the JSON admin API. */
final class Http {

    static final String HUB = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/";
    static final String USER_PRIVACY = "/mangoapi/b3520_User_PrivacyNumber.Data/PrivateNumber_ax/";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final String base;
    private final String bearer;

    Http(String base) {
        this(base, null);
    }

    /** {@code bearer}: the token sent with every request (the service's admin API wants one; the legacy API ignores it). */
    Http(String base, String bearer) {
        this.base = base;
        this.bearer = bearer;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The legacy envelope: {@code ResultCode} 2000 or 5000, {@code ResultMsg}, {@code DataBody}. */
    record Envelope(int code, String message, JsonNode body) {
        boolean ok() {
            return code == 2000;
        }
    }

    /** {@code path} is HUB or USER_PRIVACY + action; params alternate name, value. */
    Envelope legacy(String path, Object... params) throws IOException, InterruptedException {
        StringJoiner q = new StringJoiner("&");
        for (int i = 0; i < params.length; i += 2) {
            q.add(params[i] + "=" + URLEncoder.encode(String.valueOf(params[i + 1]), StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path + "?" + q)).GET());
        if (r.statusCode() != 200) {
            return new Envelope(-r.statusCode(), "HTTP " + r.statusCode(), null);
        }
        JsonNode n = JSON.readTree(r.body());
        return new Envelope(n.path("ResultCode").asInt(), n.path("ResultMsg").asString(""), n.get("DataBody"));
    }

    HttpResponse<String> send(String method, String path, Object jsonBody) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(jsonBody));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body));
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", path, null);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
