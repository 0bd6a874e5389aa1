package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import static com.pnhub.app.support.TestWorld.agent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Who held X, and what state X was in, at instants around a bind, a transfer and a release
 * (docs/point-in-time.md): the holder from the binding-intervals projection, the state replayed from X's events.
 */
@IntegrationTest
class PointInTimeIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;

    @Test
    void holderAndStateAtInstantsAroundATransferAndARelease() throws InterruptedException {
        Http http = new Http(port);
        String p1 = TestData.realNumber();
        String p2 = TestData.realNumber();
        String u1 = agent(http, p1);
        String u2 = agent(http, p2);
        String x = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
        awaitState(http, x, "UNBOUND", null);

        Instant t0 = instant();
        ok(http.hub("BindAxNumber", "userid", u1, "regionid", "1", "private_number", x));
        awaitState(http, x, "BOUND", u1);
        Instant t1 = instant();
        ok(http.hub("TransferBindAccount", "userid", u1, "tuserid", u2));
        awaitState(http, x, "BOUND", u2);
        Instant t2 = instant();
        ok(http.hub("ReleaseTelX", "userId", u2, "private_number", x));
        awaitState(http, x, null, null);
        Instant t3 = instant();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(holder(http, x, t0).isNull()).as("t0").isTrue();
            JsonNode h1 = holder(http, x, t1);
            assertThat(h1.get("userId").asString()).isEqualTo(u1);
            assertThat(h1.get("phoneA").asString()).isEqualTo(p1);
            assertThat(h1.get("kind").asString()).isEqualTo("AX");
            assertThat(h1.get("to").isNull()).as("the first period ended at the transfer").isFalse();
            JsonNode h2 = holder(http, x, t2);
            assertThat(h2.get("userId").asString()).isEqualTo(u2);
            assertThat(h2.get("phoneA").asString()).isEqualTo(p2);
            assertThat(Instant.parse(h2.get("from").asString())).isEqualTo(Instant.parse(h1.get("to").asString()));
            assertThat(holder(http, x, t3).isNull()).as("t3").isTrue();
        });

        JsonNode s0 = state(http, x, t0);
        assertThat(s0.get("bindState").asString()).isEqualTo("UNBOUND");
        assertThat(s0.get("userId").isNull()).isTrue();
        JsonNode s1 = state(http, x, t1);
        assertThat(s1.get("bindState").asString()).isEqualTo("BOUND");
        assertThat(s1.get("numberState").asString()).isEqualTo("NORMAL");
        assertThat(s1.get("userId").asString()).isEqualTo(u1);
        assertThat(s1.get("phoneA").asString()).isEqualTo(p1);
        assertThat(s1.get("platform").asString()).isNotEmpty();
        JsonNode s2 = state(http, x, t2);
        assertThat(s2.get("bindState").asString()).isEqualTo("BOUND");
        assertThat(s2.get("userId").asString()).isEqualTo(u2);
        assertThat(s2.get("phoneA").asString()).isEqualTo(p2);
        assertThat(s2.get("eventsApplied").asInt()).isGreaterThan(s1.get("eventsApplied").asInt());
        JsonNode s3 = state(http, x, t3);
        assertThat(s3.get("bindState").asString()).isEqualTo("UNBOUND");
        assertThat(s3.get("userId").isNull()).isTrue();
    }

    @Test
    void aBadInstantIsABadRequestAndAnUnknownNumberIsNotFound() {
        Http http = new Http(port);
        String x = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
        for (String what : List.of("holder", "state")) {
            Http.Response bad = http.getRaw("/api/v1/numbers/" + x + "/" + what + "?at=yesterday");
            assertThat(bad.status()).as(what).isEqualTo(400);
            assertThat(bad.json().get("detail").asString()).contains("at");
            assertThat(bad.json().get("code").asString()).isEqualTo("INVALID_PARAMETER");
            assertThat(http.getRaw("/api/v1/numbers/" + x + "/" + what).status()).as(what + " without at").isEqualTo(400);
            assertThat(http.getRaw("/api/v1/numbers/" + TestData.virtualNumber() + "/" + what + "?at=" + Instant.now()).status())
                    .as(what + " of an unknown number").isEqualTo(404);
        }
    }

    private static Instant instant() throws InterruptedException {
        Thread.sleep(50);
        Instant at = Instant.now();
        Thread.sleep(50);
        return at;
    }

    /** Waits until X's events say the step is done (bindState null: released, nobody holds it). */
    private static void awaitState(Http http, String x, String bindState, String userId) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode now = state(http, x, Instant.now());
            assertThat(now.get("bindState").asString()).isEqualTo(bindState == null ? "UNBOUND" : bindState);
            if (userId == null) {
                assertThat(now.get("userId").isNull()).isTrue();
            } else {
                assertThat(now.get("userId").asString()).isEqualTo(userId);
            }
        });
    }

    private static JsonNode holder(Http http, String x, Instant at) {
        Http.Response r = http.getRaw("/api/v1/numbers/" + x + "/holder?at=" + at);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("number").asString()).isEqualTo(x);
        return r.json().get("holder");
    }

    private static JsonNode state(Http http, String x, Instant at) {
        Http.Response r = http.getRaw("/api/v1/numbers/" + x + "/state?at=" + at);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void ok(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
    }
}
