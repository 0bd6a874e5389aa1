package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.command.provider.resilience.ProviderHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * 阿里云 goes down in the middle of a bind load and comes back: every bind is answered 2000, every binding
 * ends bound at the provider with the agent's phone, none stays in a transitional or fault state, and a
 * reconciliation run over the pool afterwards finds no drift (nothing orphaned, lost or mismatched).
 */
@IntegrationTest
class OutageUnderLoadIntegrationTest extends IntegrationTestProperties {

    private static final int AGENTS = 24;

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    ProviderHealth providerHealth;

    @Test
    void everyBindingEndsBoundAndMatchesTheProviderAfterAnOutage() throws Exception {
        Http http = new Http(port);
        long pool = 7000 + ThreadLocalRandom.current().nextInt(1000);
        List<String> users = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<Map<String, Object>> registrations = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            String user = TestData.userId();
            String phone = TestData.realNumber();
            http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "负载" + i, "phone", phone)));
            String x = TestData.virtualNumber();
            users.add(user);
            phones.add(phone);
            numbers.add(x);
            registrations.add(Map.of("number", x, "platform", 3, "poolId", pool, "regionId", 1));
        }
        http.method("POST", "/api/v1/numbers", Http.toJson(registrations));

        long[] recoveredAt = {0};
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < AGENTS; i++) {
                int n = i;
                answers.add(workers.submit(() -> {
                    if (n == AGENTS / 3) {
                        simulators.of(Platform.ALIYUN).faults().setDown(true);
                    }
                    if (n == 2 * AGENTS / 3) {
                        simulators.of(Platform.ALIYUN).faults().setDown(false);
                        recoveredAt[0] = System.nanoTime();
                    }
                    return http.hub("BindAxNumber", "userid", users.get(n), "regionid", "1", "private_number", numbers.get(n));
                }));
            }
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get().get("ResultCode").asInt()).as(answer.get().toString()).isEqualTo(2000);
            }
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
            workers.shutdownNow();
        }

        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode page = http.getRaw("/api/v1/numbers?platform=3&poolId=" + pool + "&size=100").json();
                assertThat(page.get("total").asInt()).isEqualTo(AGENTS);
                assertThat(page.get("items").valueStream().map(n -> n.get("bindState").asString())).allMatch("BOUND"::equals);
            });
            // the convergence time, for the record (docs/faults.md): from the provider's return to all bound
            System.out.printf("outage-under-load: all %d bindings BOUND %d ms after the provider came back%n", AGENTS,
                    (System.nanoTime() - recoveredAt[0]) / 1_000_000);
            for (int i = 0; i < AGENTS; i++) {
                String x = numbers.get(i);
                String phone = phones.get(i);
                assertThat(simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)))
                        .as(x).singleElement().satisfies(s -> assertThat(s.a()).isEqualTo(phone));
            }

            Http.Response run = http.method("POST", "/api/v1/reconciliation/runs?dryRun=true&poolId=" + pool, null);
            assertThat(run.status()).as(run.body()).isEqualTo(202);
            long runId = run.json().get("runId").asLong();
            JsonNode finished = await().atMost(Duration.ofSeconds(60)).until(
                    () -> http.getRaw("/api/v1/reconciliation/runs/" + runId).json(),
                    r -> r != null && "COMPLETED".equals(r.get("status").asString()));
            assertThat(finished.get("findings").size()).as(finished.toString()).isZero();
        } finally {
            providerHealth.reset(Platform.ALIYUN);
        }
    }
}
