package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.security.Role;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.query.pool.PoolCountHistory;
import com.pnhub.query.pool.PoolQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/pool/history against the sampler of the running service (samples every 2 s in the tests, see
 * TestInfrastructure): a fresh pool's counts as sampled before and after a bind, a sample as soon as an instance
 * starts, one sample per bucket whichever instance writes it, and a 400 problem for a bad {@code since}.
 */
@IntegrationTest
class PoolHistoryIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    PoolCountHistory history;
    @Autowired
    PoolQueries poolQueries;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aViewerSeesAPoolsCountsMoveAfterABind() {
        Http admin = new Http(port);
        Http viewer = Http.as(port, "it-viewer", Role.VIEWER);

        long poolId = 8_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        List<String> xs = List.of(TestData.virtualNumber(), TestData.virtualNumber(), TestData.virtualNumber());
        Instant registered = Instant.now();
        Http.Response r = admin.method("POST", "/api/v1/numbers", Http.toJson(xs.stream()
                .map(n -> Map.<String, Object>of("number", n, "platform", 3, "poolId", poolId, "regionId", 1)).toList()));
        assertThat(r.json().valueStream().map(n -> n.get("status").asString())).allMatch("registered"::equals);
        String since = registered.minusSeconds(5).toString();
        Http.Response page = viewer.get("/api/v1/pool/history", Http.params("since", since));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(List.of(page.json().propertyNames().toArray())).containsExactly("interval", "samples");
        assertThat(page.json().get("interval").asString()).isEqualTo("PT2S");
        JsonNode before = await().atMost(Duration.ofSeconds(20)).until(
                () -> latestSampleOf(viewer, since, poolId), s -> s != null && s.get("free").asLong() == 3);
        assertThat(List.of(before.propertyNames().toArray())).containsExactly("at", "platform", "pool", "free",
                "quarantined", "assigned", "bound", "faultBound", "locked", "disabled", "released", "total");
        assertThat(before.get("platform").asInt()).isEqualTo(3);
        assertThat(before.get("bound").asLong()).isZero();
        assertThat(before.get("total").asLong()).isEqualTo(3);

        String user = TestData.userId();
        admin.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "历史", "phone", TestData.realNumber())));
        JsonNode bound = admin.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", xs.get(0));
        assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
        JsonNode after = await().atMost(Duration.ofSeconds(20)).until(
                () -> latestSampleOf(viewer, since, poolId), s -> s != null && s.get("bound").asLong() == 1);
        assertThat(after.get("free").asLong()).isEqualTo(2);
        assertThat(after.get("total").asLong()).isEqualTo(3);
        assertThat(Instant.parse(after.get("at").asString())).isAfter(Instant.parse(before.get("at").asString()));

        // oldest first, every sample at the start of a 2 s bucket
        List<Instant> times = viewer.get("/api/v1/pool/history", Http.params("since", since)).json().get("samples")
                .valueStream().map(s -> Instant.parse(s.get("at").asString())).toList();
        assertThat(times).isSorted().allMatch(t -> t.toEpochMilli() % 2000 == 0);
        assertThat(viewer.get("/api/v1/pool/history", Http.params("since", "2999-01-01T00:00:00Z"))
                .json().get("samples").isEmpty()).isTrue();
    }

    @Test
    void anInstanceSamplesAtStartAndOnlyTheFirstToSampleABucketWritesIt() throws Exception {
        Http admin = new Http(port);
        Http.Response r = admin.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", TestData.virtualNumber(), "platform", 2, "poolId", 12, "regionId", 1))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !poolQueries.summary().platforms().isEmpty());

        // an instance started in a 5-minute bucket of the past that nobody has sampled (its scheduler keeps its time)
        Instant bucket = Instant.parse("2001-02-03T04:05:00Z").plusSeconds(300L * ThreadLocalRandom.current().nextInt(100_000));
        Clock then = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), bucket.plusSeconds(60)));
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setClock(then);
        scheduler.initialize();
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        registrar.setTaskScheduler(scheduler);
        try {
            PoolCountHistory starting = new PoolCountHistory(jdbc, poolQueries, Duration.ofMinutes(5), Duration.ofDays(7), then);
            assertThat(starting.bucketOf(bucket.plusSeconds(299))).isEqualTo(bucket);
            starting.configureTasks(registrar);
            registrar.afterPropertiesSet();
            long written = await().atMost(Duration.ofSeconds(10)).until(() -> samplesAt(bucket), n -> n > 0);

            // another instance, its clock a minute on, in the same bucket: finds it sampled and writes nothing
            PoolCountHistory other = new PoolCountHistory(jdbc, poolQueries, Duration.ofMinutes(5), Duration.ofDays(7),
                    Clock.fixed(bucket.plusSeconds(120), ZoneOffset.UTC));
            assertThat(other.sample()).isZero();
            assertThat(samplesAt(bucket)).isEqualTo(written);
        } finally {
            registrar.destroy();
            scheduler.shutdown();
            jdbc.update("DELETE FROM pool_count_sample WHERE sampled_at = ?", bucket.atOffset(ZoneOffset.UTC));
        }
    }

    private long samplesAt(Instant bucket) {
        return jdbc.queryForObject("SELECT count(*) FROM pool_count_sample WHERE sampled_at = ?", Long.class,
                bucket.atOffset(ZoneOffset.UTC));
    }

    @Test
    void aBadSinceIsAProblem() {
        Http viewer = Http.as(port, "it-viewer", Role.VIEWER);
        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-12-02")) {
            Http.Response r = viewer.get("/api/v1/pool/history", Http.params("since", bad));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("status").asInt()).isEqualTo(400);
            assertThat(r.json().get("code").asString()).isEqualTo("INVALID_PARAMETER");
            assertThat(r.json().get("detail").asString()).startsWith("参数[since]无效");
        }
    }

    /** The pool's latest sample since {@code since}, null when there is none. */
    private static JsonNode latestSampleOf(Http http, String since, long poolId) {
        Http.Response r = http.get("/api/v1/pool/history", Http.params("since", since));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> mine = r.json().get("samples").valueStream()
                .filter(s -> s.get("platform").asInt() == 3 && s.get("pool").asLong() == poolId).toList();
        return mine.isEmpty() ? null : mine.get(mine.size() - 1);
    }
}
