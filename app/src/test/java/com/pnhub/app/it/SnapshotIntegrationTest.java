package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A busy number is snapshotted (every 100 events by default) and commands after the snapshot load it: the
 * binding, the agent and a live customer binding all come back from it.
 */
@IntegrationTest
class SnapshotIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNumberLoadedFromItsSnapshotKeepsItsBindingAndCustomerBindings() {
        Http http = new Http(port);
        String[] phones = {TestData.realNumber(), TestData.realNumber()};
        String user = TestWorld.agent(http, phones[0]);
        String x = TestWorld.boundNumber(http, user);
        String b = TestData.realNumber();
        JsonNode xb = callNumber(http, user, b);
        assertThat(xb.get("ResultCode").asInt()).as(xb.toString()).isEqualTo(2000);
        long callbackId = xb.get("DataBody").get(0).get("callbackId").asLong();

        // A moves back and forth (2 events each time) until the number has been snapshotted
        for (int i = 1; snapshots(x) == 0 && i <= 80; i++) {
            String phone = phones[i % 2];
            assertThat(http.method("PUT", "/api/v1/agents/" + user,
                    Http.toJson(Map.of("name", "快照", "phone", phone))).status()).isEqualTo(200);
            JsonNode changed = http.hub("ChangeBindANumber", "userId", user, "private_number", x, "telA", phone);
            assertThat(changed.get("ResultCode").asInt()).as(changed.toString()).isEqualTo(2000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(x) > 0);

        // loaded from the snapshot: the same customer binding is found again, the binding can be ended
        JsonNode again = callNumber(http, user, b);
        assertThat(again.get("ResultCode").asInt()).as(again.toString()).isEqualTo(2000);
        assertThat(again.get("DataBody").get(0).get("callbackId").asLong()).isEqualTo(callbackId);
        JsonNode unbound = http.hub("UnBindAgentNumber", "userid", user, "private_number", x);
        assertThat(unbound.get("ResultCode").asInt()).as(unbound.toString()).isEqualTo(2000);
    }

    private JsonNode callNumber(Http http, String user, String b) {
        return http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", "7", "Mobile", b,
                "expiration", "600");
    }

    private int snapshots(String x) {
        return jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, x);
    }
}
