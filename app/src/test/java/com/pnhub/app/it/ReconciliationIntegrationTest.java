package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestWorld;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.aliyun.AliyunNumberProvider;
import com.pnhub.command.provider.aliyun.AliyunProviderSettings;
import com.pnhub.command.reconciliation.ReconciliationJob;
import com.pnhub.command.reconciliation.ReconciliationSchedule;
import com.pnhub.simulator.ProviderSimulator;
import com.pnhub.simulator.Subscription;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation against the provider simulator: drift is made behind the service's back with the SDK (a lost
 * subscription, an orphan subscription, a changed A), a dry run finds it and repairs nothing, a run repairs it,
 * and a further run finds nothing. Every run is limited to a pool of the test's own.
 */
@IntegrationTest
class ReconciliationIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ReconciliationJob job;

    @Test
    void findsDriftInADryRunThenRepairsItAndConverges() {
        Http http = new Http(port);
        long pool = freshPool();
        String poolKey = Long.toString(pool);
        ProviderSimulator sim = simulators.of(Platform.ALIYUN);
        AliyunNumberProvider sdk = sdk(sim);

        // LOST: bound with us, the provider's subscription ended behind our back
        String lostPhone = TestData.realNumber();
        String lost = boundNumber(http, pool, lostPhone);
        String lostSubs = live(lost).orElseThrow().subsId();
        assertThat(sdk.unbind(poolKey, lostSubs, lost).isSuccess()).isTrue();

        // ORPHAN: unbound with us, a subscription at the provider
        String orphan = registered(http, pool);
        ProviderOutcome made = sdk.bindAx(poolKey, orphan, TestData.realNumber(), null);
        assertThat(made.isSuccess()).as(made.toString()).isTrue();
        String orphanSubs = ((ProviderOutcome.Success) made).subsId();

        // A_MISMATCH: bound with us, the provider's A changed behind our back
        String ourPhone = TestData.realNumber();
        String mismatched = boundNumber(http, pool, ourPhone);
        String mismatchedSubs = live(mismatched).orElseThrow().subsId();
        String strangerPhone = TestData.realNumber();
        assertThat(sdk.changeA(poolKey, mismatchedSubs, mismatched, strangerPhone).isSuccess()).isTrue();

        // in sync: found nothing
        String clean = boundNumber(http, pool, TestData.realNumber());

        // a dry run finds all three and touches nothing
        JsonNode dry = runToEnd(http, true, pool);
        assertThat(dry.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(dry.get("checked").asInt()).isEqualTo(4);
        Map<String, JsonNode> dryFindings = findingsByNumber(dry);
        assertThat(dryFindings).containsOnlyKeys(lost, orphan, mismatched);
        assertThat(dryFindings.get(lost).get("kind").asString()).isEqualTo("LOST");
        assertThat(dryFindings.get(orphan).get("kind").asString()).isEqualTo("ORPHAN");
        assertThat(dryFindings.get(mismatched).get("kind").asString()).isEqualTo("A_MISMATCH");
        assertThat(dryFindings.values()).allSatisfy(f -> assertThat(f.get("repaired").asBoolean()).isFalse());
        assertThat(dry.get("repaired").asInt()).isZero();
        assertThat(live(lost)).isEmpty();
        assertThat(live(orphan).map(Subscription::subsId)).contains(orphanSubs);
        assertThat(live(mismatched).map(Subscription::a)).contains(strangerPhone);

        // a real run repairs all three
        JsonNode run = runToEnd(http, false, pool);
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        Map<String, JsonNode> findings = findingsByNumber(run);
        assertThat(findings).containsOnlyKeys(lost, orphan, mismatched);
        assertThat(findings.values()).allSatisfy(f -> assertThat(f.get("repaired").asBoolean()).as(f.toString()).isTrue());
        assertThat(run.get("repaired").asInt()).isEqualTo(3);
        assertThat(live(orphan)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(live(mismatched).map(Subscription::a)).contains(ourPhone));
        // the lost binding became a fault binding, which the recovery binds anew
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(live(lost).map(Subscription::a)).contains(lostPhone));
        assertThat(live(clean)).isPresent();

        // once the read model has caught up, another run finds nothing
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(bindState(http, lost)).isEqualTo("BOUND");
            assertThat(bindState(http, mismatched)).isEqualTo("BOUND");
        });
        JsonNode again = runToEnd(http, false, pool);
        assertThat(again.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(again.get("checked").asInt()).isEqualTo(4);
        assertThat(again.get("findings").size()).as(again.toString()).isZero();

        // the list shows the runs, newest first
        Http.Response list = http.get("/api/v1/reconciliation/runs", Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("id").asLong()).isGreaterThanOrEqualTo(again.get("id").asLong());
    }

    @Test
    void stopsAsIncompleteWhileTheProviderIsDownAndResumesAfterwards() {
        Http http = new Http(port);
        long pool = freshPool();
        String orphan = registered(http, pool);
        ProviderSimulator sim = simulators.of(Platform.ALIYUN);
        assertThat(sdk(sim).bindAx(Long.toString(pool), orphan, TestData.realNumber(), null).isSuccess()).isTrue();

        JsonNode stopped;
        sim.faults().setDown(true);
        try {
            stopped = runToEnd(http, false, pool);
        } finally {
            sim.faults().setDown(false);
        }
        assertThat(stopped.get("status").asString()).isEqualTo("INCOMPLETE");
        assertThat(stopped.get("message").asString()).contains("provider unavailable");
        assertThat(live(orphan)).isPresent();

        JsonNode resumed = runToEnd(http, false, pool);
        assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(resumed.get("resumedFrom").asLong()).isEqualTo(stopped.get("id").asLong());
        assertThat(findingsByNumber(resumed).get(orphan).get("repaired").asBoolean()).isTrue();
        assertThat(live(orphan)).isEmpty();
    }

    @Test
    void refusesMalformedParametersAndAnswersNotFoundForAnUnknownRun() {
        Http http = new Http(port);
        assertThat(http.method("POST", "/api/v1/reconciliation/runs?dryRun=maybe", null).status()).isEqualTo(400);
        assertThat(http.method("POST", "/api/v1/reconciliation/runs?poolId=-1", null).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/reconciliation/runs/999999999", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void canBeDueAsOneRecurringTaskForAllInstancesAnIntervalAfterTheFirstStart() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT task_instance, execution_time FROM scheduled_tasks WHERE task_name = ?", ReconciliationSchedule.TASK);
        assertThat(rows).hasSize(1);
        Instant due = ((java.sql.Timestamp) rows.get(0).get("execution_time")).toInstant();
        // pnhub.reconciliation.initial-delay defaults to the interval: 1 h after the first start, not yet passed
        assertThat(due).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void cannotStartTheRecurringPassWhileAnotherRunHoldsTheLock() throws Exception {
        int runsBefore = jdbc.queryForObject("SELECT count(*) FROM reconciliation_run", Integer.class);
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            // what a run started by hand on another instance holds from its start to its end
            st.execute("SELECT pg_advisory_lock(" + ReconciliationJob.LOCK_KEY + ")");
            try {
                job.runScheduledPass();
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + ReconciliationJob.LOCK_KEY + ")");
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reconciliation_run", Integer.class)).isEqualTo(runsBefore);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode runToEnd(Http http, boolean dryRun, long pool) {
        return TestWorld.reconciliationRun(http, dryRun, pool);
    }

    private static Map<String, JsonNode> findingsByNumber(JsonNode run) {
        Map<String, JsonNode> byNumber = new HashMap<>();
        run.get("findings").valueStream().forEach(f -> {
            assertThat(byNumber.put(f.get("number").asString(), f)).as("one finding per number: " + run).isNull();
        });
        return byNumber;
    }

    private Optional<Subscription> live(String x) {
        return simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)).findFirst();
    }

    private static String bindState(Http http, String x) {
        Http.Response r = http.get("/api/v1/numbers/" + x, Map.of());
        return r.status() == 200 ? r.json().get("bindState").asString() : null;
    }

    private static AliyunNumberProvider sdk(ProviderSimulator sim) {
        return new AliyunNumberProvider(new AliyunProviderSettings(Platform.ALIYUN, null, "http://" + sim.endpoint(),
                sim.config().accessKeyId(), sim.config().accessKeySecret(), 2000, 10000, null));
    }

    private static long freshPool() {
        return 880_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L);
    }

    /** A number of the pool, registered with us and (through the registration) in the simulator's pool. */
    private String registered(Http http, long pool) {
        String x = TestData.virtualNumber();
        Http.Response r = http.method("POST", "/api/v1/numbers",
                Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", pool, "regionId", 1))));
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                simulators.of(Platform.ALIYUN).pools().getOrDefault(Long.toString(pool), List.of()).contains(x));
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNBOUND".equals(bindState(http, x)));
        return x;
    }

    /** A number of the pool bound over the legacy API to a new agent with that phone; the read model shows it bound. */
    private String boundNumber(Http http, long pool, String phone) {
        String user = TestData.userId();
        Http.Response agent = http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "对账" + user, "phone", phone)));
        assertThat(agent.status()).isEqualTo(200);
        String x = registered(http, pool);
        JsonNode bound = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
        assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> "BOUND".equals(bindState(http, x)));
        assertThat(live(x).map(Subscription::a)).contains(phone);
        return x;
    }
}
