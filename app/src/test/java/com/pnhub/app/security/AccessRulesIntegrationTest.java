package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.TestWorld;
import com.pnhub.localinfra.LocalIdentityProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every door, with real tokens signed by the key the service was given: for every route of the admin API a caller
 * without a token gets 401, one without the role 403, one with it gets through; the legacy API and the callbacks refuse
 * in their own answers; phone numbers are masked for everyone but an auditor, whose reads are recorded.
 */
@IntegrationTest
class AccessRulesIntegrationTest extends IntegrationTestProperties {

    private static final String NUMBER = "17999999001";

    /** A request per rule that reaches its handler without changing anything (an unknown id, an invalid value). */
    private static final Map<String, String[]> PROBES = Map.ofEntries(
            Map.entry("number list", new String[] {"GET", "/api/v1/numbers", null}),
            Map.entry("number list by real phone", new String[] {"GET", "/api/v1/numbers?phoneA=13470110001", null}),
            Map.entry("pool summary", new String[] {"GET", "/api/v1/pool/summary", null}),
            Map.entry("pool count history", new String[] {"GET", "/api/v1/pool/history", null}),
            Map.entry("provider circuits and failovers", new String[] {"GET", "/api/v1/providers", null}),
            Map.entry("blacklist", new String[] {"GET", "/api/v1/blacklist", null}),
            Map.entry("an agent", new String[] {"GET", "/api/v1/agents/999000001", null}),
            Map.entry("a number's state at a time", new String[] {"GET", "/api/v1/numbers/" + NUMBER + "/state", null}),
            Map.entry("a number's history", new String[] {"GET", "/api/v1/numbers/" + NUMBER + "/history", null}),
            Map.entry("a number's holder at a time", new String[] {"GET", "/api/v1/numbers/" + NUMBER + "/holder", null}),
            Map.entry("recorded audit reads", new String[] {"GET", "/api/v1/audit/reads?limit=1", null}),
            Map.entry("a number", new String[] {"GET", "/api/v1/numbers/" + NUMBER, null}),
            Map.entry("reconciliation runs", new String[] {"GET", "/api/v1/reconciliation/runs", null}),
            Map.entry("a reconciliation run", new String[] {"GET", "/api/v1/reconciliation/runs/999999999", null}),
            Map.entry("projection status", new String[] {"GET", "/api/v1/admin/projections", null}),
            Map.entry("dead letters and publisher lag", new String[] {"GET", "/api/v1/messaging", null}),
            Map.entry("dead-letter actions", new String[] {"GET", "/api/v1/dead-letters/actions?limit=1", null}),
            Map.entry("dead letters of a queue", new String[] {"GET", "/api/v1/dead-letters/no_such_queue", null}),
            Map.entry("re-drive of a queue's dead letters", new String[] {"POST", "/api/v1/dead-letters/no_such_queue/redrive", null}),
            Map.entry("re-drive of a dead letter", new String[] {"POST", "/api/v1/dead-letters/no_such_queue/x/redrive", null}),
            Map.entry("discard of a dead letter", new String[] {"POST", "/api/v1/dead-letters/no_such_queue/x/discard", "{\"note\":\"probe\"}"}),
            Map.entry("agent profile", new String[] {"PUT", "/api/v1/agents/999000001", "{\"name\":\"\",\"phone\":\"bad\"}"}),
            Map.entry("number registration", new String[] {"POST", "/api/v1/numbers", "[]"}),
            Map.entry("fault recovery", new String[] {"POST", "/api/v1/numbers/" + NUMBER + "/fault-recovery", null}),
            Map.entry("dry-run reconciliation", new String[] {"POST", "/api/v1/reconciliation/runs?dryRun=true&poolId=bad", null}),
            Map.entry("repairing reconciliation", new String[] {"POST", "/api/v1/reconciliation/runs?dryRun=false&poolId=bad", null}),
            Map.entry("projection replay", new String[] {"POST", "/api/v1/admin/projections/no-such-projection/replay", null}),
            Map.entry("consistency check", new String[] {"GET", "/api/v1/admin/consistency?waitSeconds=bad", null}),
            Map.entry("erasure of a person's number", new String[] {"POST", "/api/v1/privacy/erasures", "{}"}),
            Map.entry("erasures", new String[] {"GET", "/api/v1/privacy/erasures?limit=1", null}),
            // every personal field of the test database is encrypted already: the job reads and changes nothing
            Map.entry("encryption of personal data stored in clear", new String[] {"POST", "/api/v1/privacy/migration", null}));

    /** The roles that must not get through a rule of each role (the hierarchy: admin > operator > viewer, auditor > viewer). */
    private static final Map<Role, List<List<Role>>> REFUSED = new EnumMap<>(Map.of(
            Role.VIEWER, List.of(List.of()),
            Role.AUDITOR, List.of(List.of(Role.VIEWER), List.of(Role.OPERATOR), List.of(Role.ADMIN)),
            Role.OPERATOR, List.of(List.of(Role.VIEWER), List.of(Role.AUDITOR)),
            Role.ADMIN, List.of(List.of(Role.OPERATOR), List.of(Role.AUDITOR))));
    private static final Map<Role, List<List<Role>>> ADMITTED = new EnumMap<>(Map.of(
            Role.VIEWER, List.of(List.of(Role.VIEWER), List.of(Role.AUDITOR), List.of(Role.ADMIN)),
            Role.AUDITOR, List.of(List.of(Role.AUDITOR)),
            Role.OPERATOR, List.of(List.of(Role.OPERATOR), List.of(Role.ADMIN)),
            Role.ADMIN, List.of(List.of(Role.ADMIN))));

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void canReachEveryRouteOnlyWithItsRole() {
        List<String> wrong = new ArrayList<>();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            String[] probe = PROBES.get(rule.description());
            assertThat(probe).as("a probe for the rule '" + rule.description() + "'").isNotNull();
            int anonymous = Http.anonymous(port).method(probe[0], probe[1], probe[2]).status();
            if (anonymous != 401) {
                wrong.add(rule.description() + " without a token: " + anonymous);
            }
            for (List<Role> roles : REFUSED.get(rule.role())) {
                int status = Http.as(port, "refused", roles.toArray(Role[]::new)).method(probe[0], probe[1], probe[2]).status();
                if (status != 403) {
                    wrong.add(rule.description() + " with " + roles + ": " + status + " (expected 403)");
                }
            }
            for (List<Role> roles : ADMITTED.get(rule.role())) {
                int status = Http.as(port, "admitted", roles.toArray(Role[]::new)).method(probe[0], probe[1], probe[2]).status();
                if (status == 401 || status == 403) {
                    wrong.add(rule.description() + " with " + roles + ": " + status + " (expected to get through)");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void cannotReachARouteThatHasNoRule() {
        Set<String> missing = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/v1/"))
                .forEach(pattern -> {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        boolean ruled = AccessRules.RULES.stream().anyMatch(r ->
                                r.pattern().equals(pattern) && r.method().name().equals(m.name()));
                        if (!ruled) {
                            missing.add(m + " " + pattern);
                        }
                    }
                }));
        assertThat(missing).as("routes of the admin API without a rule in AccessRules").isEmpty();
        // denied by default; a valid token learns that the route does not exist, an anonymous caller nothing
        assertThat(Http.as(port, "admin", Role.ADMIN, Role.AUDITOR).method("GET", "/api/v1/no-such-route", null).status())
                .isEqualTo(404);
        assertThat(Http.anonymous(port).method("GET", "/api/v1/no-such-route", null).status()).isEqualTo(401);
        assertThat(Http.as(port, "viewer", Role.VIEWER).method("POST", "/api/v1/admin/consistency", null).status())
                .isEqualTo(405);
    }

    @Test
    void cannotGetInWithABadExpiredOrForeignToken() throws Exception {
        String path = "/api/v1/pool/summary";
        assertThat(status(path, "not-a-token")).isEqualTo(401);
        LocalIdentityProvider stranger = LocalIdentityProvider.generate();
        assertThat(status(path, stranger.token("mallory", Duration.ofMinutes(5), "admin"))).isEqualTo(401);
        String expired = TestInfrastructure.get().token("late", Duration.ofMinutes(-5), Role.ADMIN);
        assertThat(status(path, expired)).isEqualTo(401);
        assertThat(status(path, TestInfrastructure.get().token("viewer", Role.VIEWER))).isEqualTo(200);
    }

    @Test
    void canProbeLivenessAndReadinessOpenlyButNothingElseOfTheActuator() {
        Http anonymous = Http.anonymous(port);
        Http.Response health = anonymous.method("GET", "/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("components")).as(health.body()).isFalse();
        assertThat(anonymous.method("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(anonymous.method("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(anonymous.method("GET", "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(anonymous.method("GET", "/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(Http.as(port, "viewer", Role.VIEWER).method("GET", "/actuator/prometheus", null).status()).isEqualTo(403);
        Http admin = Http.as(port, "admin", Role.ADMIN);
        assertThat(admin.method("GET", "/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(admin.method("GET", "/actuator/health", null).json().has("components")).isTrue();
    }

    @Test
    void cannotCallTheLegacyApiWithAWrongSecretAndGetsTheEnvelope() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + Http.HUB + "QueryAgentNumbers?userid=1"))
                .header(LegacyDoorFilter.SECRET_HEADER, "guess").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"ResultCode\":5000").contains("调用方不被允许");
    }

    @Test
    void cannotChangeAnythingWithHeadOrOptionsOnALegacyPath() throws Exception {
        Http http = new Http(port);
        String user = TestWorld.agent(http, TestData.realNumber());
        String x = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
        String bind = "http://127.0.0.1:" + port + Http.HUB + "BindAxNumber?userid=" + user + "&regionid=1&private_number=" + x;
        for (String method : List.of("HEAD", "OPTIONS")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bind))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
        }
        Thread.sleep(500);
        assertThat(http.method("GET", "/api/v1/numbers/" + x, null).json().get("bindState").asString()).isEqualTo("UNBOUND");
        assertThat(http.hub("QueryAgentNumbers", "userid", user).get("DataBody").size()).isZero();
    }

    @Test
    void cannotPostCallRecordsWithoutTheProvidersSecret() {
        Http http = new Http(port);
        assertThat(http.method("POST", "/callbacks/pnp/secret-report", "[]").status()).isEqualTo(401);
        assertThat(http.method("POST", "/callbacks/pnp/secret-report?key=guess", "[]").status()).isEqualTo(401);
        assertThat(http.method("POST", TestInfrastructure.get().callbackPath(), "[]").status()).isEqualTo(200);
    }

    @Test
    void canSeeRealPhoneNumbersOnlyAsAnAuditorAndEachAuditReadIsRecorded() {
        Http http = new Http(port);
        String phone = TestData.realNumber();
        String user = TestWorld.agent(http, phone);
        String masked = phone.substring(0, 7) + "****";
        assertThat(Http.as(port, "v", Role.VIEWER).method("GET", "/api/v1/agents/" + user, null).json().get("phone").asString())
                .isEqualTo(masked);
        assertThat(Http.as(port, "o", Role.ADMIN).method("GET", "/api/v1/agents/" + user, null).json().get("phone").asString())
                .isEqualTo(masked);
        assertThat(Http.as(port, "a", Role.AUDITOR).method("GET", "/api/v1/agents/" + user, null).json().get("phone").asString())
                .isEqualTo(phone);

        String x = TestWorld.boundNumber(http, user);
        Http auditor = Http.as(port, "auditor-" + user, Role.AUDITOR);
        Http.Response history = auditor.method("GET", "/api/v1/numbers/" + x + "/history", null);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains(phone);
        var reads = auditor.method("GET", "/api/v1/audit/reads?number=" + x, null).json();
        assertThat(reads.size()).isEqualTo(1);
        assertThat(reads.get(0).get("principal").asString()).isEqualTo("auditor-" + user);
        assertThat(reads.get(0).get("what").asString()).isEqualTo("history");
    }

    @Test
    void canTraceAPhoneChangePushedOverHttpToItsSource() {
        Http http = new Http(port);
        String oldPhone = TestData.realNumber();
        String newPhone = TestData.realNumber();
        String user = TestWorld.agent(http, oldPhone);
        var answer = http.method("POST", Http.HUB + "AddHistoryPhone", "{\"userId\": \"" + user + "\", \"newPhone\": \""
                + newPhone + "\", \"oldPhone\": \"" + oldPhone + "\", \"operatorUser\": \"1\"}").json();
        assertThat(answer.get("ResultCode").asInt()).as(answer.toString()).isEqualTo(2000);
        String metadata = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class, user);
        assertThat(metadata).contains("\"source\"").contains("http push from address 127.0.0.1");
    }

    private int status(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
