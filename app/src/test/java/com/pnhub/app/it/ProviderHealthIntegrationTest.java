package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.ProviderOutage;
import com.pnhub.app.support.TestData;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.provider.resilience.ProviderHealth;
import com.pnhub.command.provider.resilience.ResilientNumberProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Aliyun platform's circuit breaker against the simulator: down, provider calls open it, the health
 * endpoint and the metrics say so, calls are short-circuited; back up, probes close it again. The breaker and
 * the simulator are shared with every other test of the context, so both are restored in finally blocks.
 */
@IntegrationTest
class ProviderHealthIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    ProviderRegistry providers;
    @Autowired
    ProviderHealth health;
    @Autowired
    MeterRegistry meters;

    @Test
    void opensWhileTheProviderIsDownAndClosesWhenItIsBack() {
        Http http = new Http(port);
        NumberProvider aliyun = providers.forPlatform(Platform.ALIYUN);
        assertThat(aliyun).isInstanceOf(ResilientNumberProvider.class);
        String poolKey = providers.poolKey(Platform.ALIYUN, 17);
        String x = TestData.virtualNumber();
        Instant before = Instant.now();
        try {
            simulators.of(Platform.ALIYUN).faults().setDown(true);
            ProviderOutage.openBreaker(aliyun, health, poolKey, x);
            ProviderHealth.PlatformHealth h = health.platform(Platform.ALIYUN).orElseThrow();
            assertThat(h.state()).isEqualTo(CircuitBreaker.State.OPEN);
            Instant downSince = health.downSince(Platform.ALIYUN).orElseThrow();
            assertThat(downSince).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());

            // open: answered at once, nothing sent
            assertThat(aliyun.bindAx(poolKey, x, TestData.realNumber(), "op-" + x)).isEqualTo(new ProviderOutcome.Unavailable(
                    ResilientNumberProvider.CIRCUIT_OPEN, "provider aliyun unavailable: circuit open"));

            Http.Response r = http.getRaw("/actuator/health/providers");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("status").asString()).as("one platform down is not the service down").isEqualTo("UP");
            JsonNode details = r.json().get("details");
            assertThat(details.get("down").valueStream().map(JsonNode::asString)).contains("aliyun");
            assertThat(details.get("aliyun").get("state").asString()).isEqualTo("OPEN");
            assertThat(details.get("aliyun").get("downSince").asString()).isEqualTo(downSince.toString());
            assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "provider-aliyun").tag("state", "open")
                    .gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("resilience4j.retry.calls").tag("name", "provider-aliyun").meters()).isNotEmpty();

            // back up; instead of waiting out the open time (10 s) the breaker is moved to half-open: its probes
            // reach the provider, which refuses the unknown subscription — it answered, so the breaker closes
            simulators.of(Platform.ALIYUN).faults().setDown(false);
            health.circuitBreaker(Platform.ALIYUN).transitionToHalfOpenState();
            assertThat(health.platform(Platform.ALIYUN).orElseThrow().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
            assertThat(health.downSince(Platform.ALIYUN)).contains(downSince);
            for (int i = 0; i < 3; i++) {
                assertThat(aliyun.unbind(poolKey, "404" + i, x)).isInstanceOf(ProviderOutcome.Refused.class);
            }
            assertThat(health.platform(Platform.ALIYUN).orElseThrow().state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(health.downSince(Platform.ALIYUN)).isEmpty();
            JsonNode after = http.getRaw("/actuator/health/providers").json();
            assertThat(after.get("details").get("aliyun").get("state").asString()).isEqualTo("CLOSED");
            assertThat(after.get("details").get("down").valueStream().map(JsonNode::asString)).doesNotContain("aliyun");
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
            health.reset(Platform.ALIYUN);
        }
    }
}
