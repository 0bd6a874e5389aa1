package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.PnhubApplication;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.localinfra.LocalIdentityProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production way in: the service is given only an OIDC issuer, as it would be given the company's Keycloak
 * realm, finds the issuer's keys through its discovery document, and reads the roles where Keycloak puts them
 * ({@code realm_access.roles}). The issuer here is a real HTTP server that publishes what Keycloak publishes for a
 * realm: {@code /.well-known/openid-configuration} and the key set it names.
 */
class IdentityProviderIntegrationTest {

    private static final LocalIdentityProvider REALM_KEYS = LocalIdentityProvider.generate();
    private static HttpServer issuerServer;
    private static String issuer;
    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void startIssuerAndService() throws IOException {
        issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort() + "/realms/pnhub";
        issuerServer.createContext("/realms/pnhub/.well-known/openid-configuration", exchange -> json(exchange, """
                {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
                 "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                 "token_endpoint":"%1$s/protocol/openid-connect/token",
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}
                """.formatted(issuer)));
        issuerServer.createContext("/realms/pnhub/protocol/openid-connect/certs", exchange -> json(exchange, REALM_KEYS.jwkSet()));
        issuerServer.start();

        Map<String, Object> props = new HashMap<>(TestInfrastructure.get().isolatedInstanceProperties("issuer"));
        props.put("axoniq.update-checker.disabled", "true");
        props.put(LocalIdentityProvider.PUBLIC_KEY_PROPERTY, "");
        props.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        props.put("pnhub.security.roles-claim", "realm_access.roles");
        service = new SpringApplicationBuilder(PnhubApplication.class).profiles("test").properties(props)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("providerSimulators", TestInfrastructure.get().simulators()))
                .run("--server.port=0");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (issuerServer != null) {
            issuerServer.stop(0);
        }
    }

    @Test
    void canGetInWithATokenOfTheIssuerAndTheRealmRolesItGrants() throws Exception {
        String operator = REALM_KEYS.token("ops-1", Duration.ofMinutes(5),
                Map.of("iss", issuer, "realm_access", Map.of("roles", List.of("operator", "offline_access"))));
        assertThat(get("/api/v1/reconciliation/runs", operator)).isEqualTo(200);
        // operator is below admin: the issuer's roles are what decides
        assertThat(get("/api/v1/admin/consistency", operator)).isEqualTo(403);
    }

    @Test
    void cannotGetInWithATokenOfAnotherIssuerOrKeyOrWithTheRolesElsewhere() throws Exception {
        Map<String, Object> operator = Map.of("realm_access", Map.of("roles", List.of("operator")));
        Map<String, Object> otherIssuer = new HashMap<>(operator);
        otherIssuer.put("iss", "http://127.0.0.1:1/realms/other");
        assertThat(get("/api/v1/reconciliation/runs", REALM_KEYS.token("ops-2", Duration.ofMinutes(5), otherIssuer)))
                .isEqualTo(401);

        Map<String, Object> rightIssuer = new HashMap<>(operator);
        rightIssuer.put("iss", issuer);
        String signedElsewhere = LocalIdentityProvider.generate().token("ops-3", Duration.ofMinutes(5), rightIssuer);
        assertThat(get("/api/v1/reconciliation/runs", signedElsewhere)).isEqualTo(401);

        // roles in a claim the service was not told to read grant nothing
        String rolesAtTop = REALM_KEYS.token("ops-4", Duration.ofMinutes(5), Map.of("iss", issuer, "roles", List.of("operator")));
        assertThat(get("/api/v1/reconciliation/runs", rolesAtTop)).isEqualTo(403);
    }

    private static int get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
