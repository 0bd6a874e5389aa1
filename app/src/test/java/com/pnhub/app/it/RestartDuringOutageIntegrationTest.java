package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.numbers.Platform;
import com.pnhub.app.PnhubApplication;
import com.pnhub.app.local.LocalEnvironment.ProviderSimulators;
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
 * A restart in the middle of a provider outage loses nothing: a fault binding made before the service
 * stops is pushed to the provider by the restarted service, from the persistent deadline. Runs a
 * service instance of its own (own database and Redis key), started, stopped and started again.
 */
class RestartDuringOutageIntegrationTest {

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

    private static ConfigurableApplicationContext start(Map<String, Object> props, ProviderSimulators simulators) {
        Map<String, Object> all = new java.util.HashMap<>(props);
        all.put("server.port", "0");
        all.put("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(PnhubApplication.class)
                .profiles("test")
                .properties(all)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("providerSimulators", simulators))
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
