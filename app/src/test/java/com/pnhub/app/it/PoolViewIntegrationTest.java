package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.query.pool.PoolMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The pool view over a fresh pool of platform 3: the filtered, paged number list with its total, the summary
 * counts, the free-numbers gauge and the health warning, and 400 problem details for bad parameters.
 */
@IntegrationTest
class PoolViewIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    PoolMonitor poolMonitor;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        simulators.of(Platform.ALIYUN).faults().clear();
    }

    @Test
    void listsFiltersPagesAndSummarisesAPool() {
        long poolId = 9000 + ThreadLocalRandom.current().nextInt(1_000_000);
        List<String> xs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            xs.add(TestData.virtualNumber());
        }
        List<String> sorted = xs.stream().sorted().toList();
        register(poolId, xs);
        String bound = xs.get(0);
        String assigned = xs.get(1);
        String disabled = xs.get(2);
        String locked = xs.get(3);
        String boundUser = TestData.userId();
        String assignedUser = TestData.userId();
        putAgent(boundUser);
        putAgent(assignedUser);
        await().atMost(Duration.ofSeconds(10)).until(() -> list("platform", "3", "poolId", Long.toString(poolId))
                .json().get("total").asLong() == 6);

        assertSuccess(http.hub("BindAxNumber", "userid", boundUser, "regionid", "1", "private_number", bound));
        assertSuccess(http.hub("BindAxNumber", "userid", assignedUser, "regionid", "1", "private_number", assigned));
        assertSuccess(http.hub("UnBindAgentNumber", "userid", assignedUser, "private_number", assigned));
        assertSuccess(http.hub("UpdateNumberState", "private_number", disabled, "state", "2"));
        assertSuccess(http.hub("UpdateNumberState", "private_number", locked, "state", "1"));
        String pool = Long.toString(poolId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(numbers(list("poolId", pool, "bindState", "BOUND"))).containsExactly(bound);
            assertThat(numbers(list("poolId", pool, "state", "2"))).containsExactly(disabled);
            assertThat(numbers(list("poolId", pool, "state", "1"))).containsExactly(locked);
            assertThat(numbers(list("poolId", pool, "userId", assignedUser, "bindState", "UNBOUND"))).containsExactly(assigned);
        });

        // the whole pool, ordered by number, with the fields of GET /api/v1/numbers/{x}
        Http.Response all = list("platform", "3", "poolId", pool);
        assertThat(all.status()).isEqualTo(200);
        assertThat(List.of(all.json().propertyNames().toArray())).containsExactly("total", "page", "size", "items");
        assertThat(all.json().get("total").asLong()).isEqualTo(6);
        assertThat(all.json().get("page").asInt()).isZero();
        assertThat(all.json().get("size").asInt()).isEqualTo(50);
        assertThat(numbers(all)).containsExactlyElementsOf(sorted);
        JsonNode boundItem = all.json().get("items").valueStream()
                .filter(n -> n.get("number").asString().equals(bound)).findFirst().orElseThrow();
        assertThat(boundItem.get("platform").asString()).isEqualTo("ALIYUN");
        assertThat(boundItem.get("poolId").asLong()).isEqualTo(poolId);
        assertThat(boundItem.get("state").asString()).isEqualTo("NORMAL");
        assertThat(boundItem.get("bindState").asString()).isEqualTo("BOUND");
        assertThat(boundItem.get("userId").asString()).isEqualTo(boundUser);
        assertThat(boundItem.get("subsId").asString()).isNotBlank();

        // filters: legacy bind codes, names, number state, user, region, platform
        assertThat(numbers(list("poolId", pool, "bindState", "1"))).containsExactly(bound);
        assertThat(numbers(list("poolId", pool, "bindState", "0"))).containsExactlyElementsOf(
                sorted.stream().filter(x -> !x.equals(bound)).toList());
        assertThat(list("poolId", pool, "bindState", "5").json().get("total").asLong()).isZero();
        assertThat(numbers(list("poolId", pool, "bindState", "bound"))).containsExactly(bound);
        assertThat(numbers(list("poolId", pool, "state", "2"))).containsExactly(disabled);
        assertThat(list("poolId", pool, "state", "0").json().get("total").asLong()).isEqualTo(4);
        assertThat(numbers(list("userId", boundUser))).containsExactly(bound);
        assertThat(numbers(list("userId", assignedUser))).containsExactly(assigned);
        assertThat(list("poolId", pool, "regionId", "1").json().get("total").asLong()).isEqualTo(6);
        assertThat(list("poolId", pool, "platform", "1").json().get("total").asLong()).isZero();
        assertThat(list("poolId", pool, "platform", "3", "state", "0", "bindState", "0").json().get("total").asLong())
                .isEqualTo(3);

        // paging: the total counts every match whatever the page
        Http.Response p0 = list("poolId", pool, "size", "4");
        Http.Response p1 = list("poolId", pool, "size", "4", "page", "1");
        Http.Response p2 = list("poolId", pool, "size", "4", "page", "2");
        assertThat(numbers(p0)).containsExactlyElementsOf(sorted.subList(0, 4));
        assertThat(numbers(p1)).containsExactlyElementsOf(sorted.subList(4, 6));
        assertThat(numbers(p2)).isEmpty();
        for (Http.Response p : List.of(p0, p1, p2)) {
            assertThat(p.json().get("total").asLong()).isEqualTo(6);
            assertThat(p.json().get("size").asInt()).isEqualTo(4);
        }
        assertThat(p1.json().get("page").asInt()).isEqualTo(1);

        // the single-number paths still answer
        assertThat(http.getRaw("/api/v1/numbers/" + bound).json().get("bindState").asString()).isEqualTo("BOUND");

        // summary: this pool's counts, the platform's totals include them
        JsonNode summary = http.getRaw("/api/v1/pool/summary").json();
        assertThat(summary.get("lowFreeRatio").asDouble()).isEqualTo(0.1);
        assertThat(summary.get("lowFreeCount").asLong()).isEqualTo(20);
        JsonNode platform = summary.get("platforms").valueStream()
                .filter(p -> p.get("platform").asInt() == 3).findFirst().orElseThrow();
        assertThat(platform.get("platformName").asString()).isEqualTo("阿里云");
        JsonNode poolStats = platform.get("pools").valueStream()
                .filter(p -> p.get("poolId").asLong() == poolId).findFirst().orElseThrow();
        JsonNode c = poolStats.get("counts");
        assertThat(c.get("free").asLong()).isEqualTo(2);
        assertThat(c.get("assigned").asLong()).isEqualTo(1);
        assertThat(c.get("bound").asLong()).isEqualTo(1);
        assertThat(c.get("faultBound").asLong()).isZero();
        assertThat(c.get("locked").asLong()).isEqualTo(1);
        assertThat(c.get("disabled").asLong()).isEqualTo(1);
        assertThat(c.get("released").asLong()).isZero();
        assertThat(c.get("total").asLong()).isEqualTo(6);
        assertThat(poolStats.get("warning").asBoolean()).isTrue(); // 2 free < 20
        assertThat(platform.get("counts").get("total").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(platform.get("counts").get("free").asLong()).isGreaterThanOrEqualTo(2);

        // the gauge and the health warning, after a refresh (the schedule runs every 30 s)
        poolMonitor.refresh();
        JsonNode gauge = http.getRaw("/actuator/metrics/pnhub.pool.free?tag=platform:3&tag=pool:" + poolId).json();
        assertThat(gauge.get("measurements").get(0).get("value").asDouble()).isEqualTo(2.0);
        Http.Response health = http.getRaw("/actuator/health/pool");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("details").get("warnings").valueStream()
                .anyMatch(w -> w.get("platform").asInt() == 3 && w.get("poolId").asLong() == poolId
                        && w.get("free").asLong() == 2 && w.get("total").asLong() == 6)).isTrue();
    }

    @Test
    void answersBadParametersWithProblemDetails() {
        assertBadRequest(list("size", "0"), "size");
        assertBadRequest(list("size", "501"), "size");
        assertBadRequest(list("state", "9"), "state");
        assertBadRequest(list("page", "-1"), "page");
        assertBadRequest(list("platform", "4"), "platform");
        assertBadRequest(list("platform", "abc"), "platform");
        assertBadRequest(list("bindState", "7"), "bindState");
        assertBadRequest(list("bindState", "GONE"), "bindState");
        assertBadRequest(list("poolId", "x"), "poolId");
        assertThat(list("size", "500").status()).isEqualTo(200);
    }

    // --- helpers

    private Http.Response list(String... keyValues) {
        return http.get("/api/v1/numbers", Http.params(keyValues));
    }

    private static List<String> numbers(Http.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().get("items").valueStream().map(n -> n.get("number").asString()).toList();
    }

    private static void assertBadRequest(Http.Response r, String parameter) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).startsWith("参数[" + parameter + "]无效");
    }

    private void register(long poolId, List<String> numbers) {
        List<Map<String, Object>> items = numbers.stream()
                .map(n -> Map.<String, Object>of("number", n, "platform", 3, "poolId", poolId, "regionId", 1))
                .toList();
        Http.Response r = http.method("POST", "/api/v1/numbers", Http.toJson(items));
        assertThat(r.json().valueStream().map(n -> n.get("status").asString())).allMatch("registered"::equals);
    }

    private void putAgent(String user) {
        Http.Response r = http.method("PUT", "/api/v1/agents/" + user,
                Http.toJson(Map.of("name", "池", "phone", TestData.realNumber())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void assertSuccess(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
    }
}
