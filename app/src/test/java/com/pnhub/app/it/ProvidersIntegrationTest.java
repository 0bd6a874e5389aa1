package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.security.Role;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.ProviderOutage;
import com.pnhub.app.support.TestData;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.provider.resilience.ProviderHealth;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/providers while 阿里云's simulator is down (broken as in ProviderHealthIntegrationTest): its circuit is
 * OPEN since a time of this test with the failures counted, the other platforms' circuits are CLOSED.
 */
@IntegrationTest
class ProvidersIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    ProviderRegistry providers;
    @Autowired
    ProviderHealth health;

    @Test
    void aViewerSeesTheCircuitOfAFailingPlatformOpenSinceItFailed() {
        Http viewer = Http.as(port, "it-viewer", Role.VIEWER);
        NumberProvider aliyun = providers.forPlatform(Platform.ALIYUN);
        String poolKey = providers.poolKey(Platform.ALIYUN, 17);
        String x = TestData.virtualNumber();
        Instant before = Instant.now();
        try {
            simulators.of(Platform.ALIYUN).faults().setDown(true);
            ProviderOutage.openBreaker(aliyun, health, poolKey, x);
            // open: short-circuited, counted as not permitted
            assertThat(aliyun.bindAx(poolKey, x, TestData.realNumber(), "op-" + x)).isInstanceOf(ProviderOutcome.Unavailable.class);

            Http.Response r = viewer.getRaw("/api/v1/providers");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            List<JsonNode> all = r.json().valueStream().toList();
            assertThat(all.stream().map(p -> p.get("platform").asInt())).containsExactly(1, 2, 3);
            JsonNode ali = all.get(2);
            assertThat(List.of(ali.propertyNames().toArray())).containsExactly("platform", "name", "circuitState", "since",
                    "failureRatePercent", "bufferedCalls", "failedCalls", "notPermittedCalls", "runningFailovers");
            assertThat(ali.get("name").asString()).isEqualTo("阿里云");
            assertThat(ali.get("circuitState").asString()).isEqualTo("OPEN");
            assertThat(Instant.parse(ali.get("since").asString())).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
            assertThat(ali.get("failureRatePercent").asDouble()).isGreaterThanOrEqualTo(50.0);
            assertThat(ali.get("bufferedCalls").asInt()).isPositive();
            assertThat(ali.get("failedCalls").asInt()).isPositive();
            assertThat(ali.get("notPermittedCalls").asLong()).isPositive();
            assertThat(ali.get("runningFailovers").asLong()).isNotNegative();
            for (JsonNode other : all.subList(0, 2)) {
                assertThat(other.get("circuitState").asString()).as(other.toString()).isEqualTo("CLOSED");
                assertThat(other.get("runningFailovers").asLong()).isNotNegative();
            }
            assertThat(all.get(0).get("name").asString()).isEqualTo("东信");
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
            health.reset(Platform.ALIYUN);
        }
        JsonNode closed = viewer.getRaw("/api/v1/providers").json().get(2);
        assertThat(closed.get("circuitState").asString()).isEqualTo("CLOSED");
        assertThat(Instant.parse(closed.get("since").asString())).as("closing is a transition too").isAfter(before);
    }

    @Test
    void cannotBeReadWithoutAToken() {
        assertThat(Http.anonymous(port).getRaw("/api/v1/providers").status()).isEqualTo(401);
    }
}
