package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.app.PnhubApplication;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A restart loses no deadline: a fault binding made before the service stops (in a provider outage) is pushed
 * to the provider by the restarted service, and a customer binding made before it stops expires exactly once
 * after it. Each test runs a service instance of its own (own database and Redis key), started, stopped and
 * started again.
 */
class RestartIntegrationTest {

    @Test
    void aFaultBindingMadeBeforeARestartIsPushedAfterIt() {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, Object> props = infra.isolatedInstanceProperties("restart");
        ProviderSimulators simulators = infra.simulators();
        String user = TestData.userId();
        String phone = TestData.realNumber();
        String x = TestData.virtualNumber();

        simulators.of(Platform.ALIYUN).faults().setDown(true);
        try (ConfigurableApplicationContext first = start(props, simulators)) {
            Http http = new Http(port(first));
            http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "重启", "phone", phone)));
            http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
            JsonNode bound = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
            assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class) > 0);
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
        }
        assertThat(simulators.of(Platform.ALIYUN).subscriptions()).noneMatch(s -> s.x().equals(x));

        try (ConfigurableApplicationContext second = start(props, simulators)) {
            Http http = new Http(port(second));
            await().atMost(Duration.ofSeconds(60)).until(() -> simulators.of(Platform.ALIYUN).subscriptions().stream()
                    .anyMatch(s -> s.x().equals(x) && s.a().equals(phone)));
            await().atMost(Duration.ofSeconds(10)).until(() -> "BOUND".equals(
                    http.getRaw("/api/v1/numbers/" + x).json().get("bindState").asString()));
        }
    }

    @Test
    void aCustomerBindingMadeBeforeARestartExpiresOnceAfterIt() {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, Object> props = infra.isolatedInstanceProperties("xbrestart");
        ProviderSimulators simulators = infra.simulators();
        String user = TestData.userId();
        String x = TestData.virtualNumber();
        String b = TestData.realNumber();
        String subsId;
        try (ConfigurableApplicationContext first = start(props, simulators)) {
            Http http = new Http(port(first));
            http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "重启", "phone", TestData.realNumber())));
            http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    simulators.of(Platform.ALIYUN).pools().getOrDefault("17", List.of()).contains(x));
            JsonNode bound = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
            assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
            JsonNode xb = http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", "9",
                    "Mobile", b, "expiration", "6");
            assertThat(xb.get("ResultCode").asInt()).as(xb.toString()).isEqualTo(2000);
            subsId = simulators.of(Platform.ALIYUN).subscriptions().stream()
                    .filter(s -> s.x().equals(x) && b.equals(s.b())).findFirst().orElseThrow().subsId();
        }
        try (ConfigurableApplicationContext second = start(props, simulators)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> simulators.of(Platform.ALIYUN).subscription(subsId).isEmpty()
                    && events(jdbc, x, "XbUnboundEvent") == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    events(jdbc, x, "XbBindingExpiredEvent") == 1 && events(jdbc, x, "XbUnboundEvent") == 1);
        }
    }

    private static int events(JdbcTemplate jdbc, String x, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class, x, "%" + type);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> props, ProviderSimulators simulators) {
        Map<String, Object> all = new java.util.HashMap<>(props);
        all.put("axoniq.update-checker.disabled", "true");
        // as an argument: default properties rank below application.yml's server.port 8080, which may be taken by a
        // service started with the Run command on this machine
        return new SpringApplicationBuilder(PnhubApplication.class)
                .profiles("test")
                .properties(all)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("providerSimulators", simulators))
                .run("--server.port=0");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
