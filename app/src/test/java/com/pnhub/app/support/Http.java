package com.pnhub.app.support;

import com.pnhub.app.security.Role;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for driving the running service as MIS and operators would. */
public final class Http {

    public static final String HUB = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/";
    public static final String USER_PRIVACY = "/mangoapi/b3520_User_PrivacyNumber.Data/PrivateNumber_ax/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** A client whose token holds every role (admin and auditor), for tests about something other than access. */
    public Http(int port) {
        this(port, TestInfrastructure.get().token("it-admin", Role.ADMIN, Role.AUDITOR));
    }

    private Http(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** A client whose token holds only {@code roles} (none: a valid token without any role). */
    public static Http as(int port, String user, Role... roles) {
        return new Http(port, TestInfrastructure.get().token(user, roles));
    }

    /** A client with a token of somebody else's making (the Run command's, say). */
    public static Http bearer(int port, String token) {
        return new Http(port, token);
    }

    /** A client without any token. */
    public static Http anonymous(int port) {
        return new Http(port, null);
    }

    public record Response(int status, JsonNode json, String body) {
    }

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    public Response get(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query))).GET());
    }

    public Response getRaw(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    public Response method(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body));
    }

    /** Legacy hub endpoint (#1-#13). */
    public JsonNode hub(String action, String... keyValues) {
        return get(HUB + action, params(keyValues)).json();
    }

    public JsonNode userPrivacy(String action, String... keyValues) {
        return get(USER_PRIVACY + action, params(keyValues)).json();
    }

    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            if (r.body() != null && !r.body().isBlank() && (r.body().startsWith("{") || r.body().startsWith("["))) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
