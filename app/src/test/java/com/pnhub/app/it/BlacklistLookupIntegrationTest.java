package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestWorld;
import com.pnhub.query.blacklist.BlacklistProjection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue #5's blacklist rule on the command side's own lookup (ADR 0024): a blacklisting that was answered refuses the
 * next customer binding at once, with the blacklist projection stopped, i.e. however far behind it is; and the V15
 * backfill finds the blacklists in the event store.
 */
@IntegrationTest
class BlacklistLookupIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBlacklistedCustomerIsRefusedAtOnceWhileTheBlacklistProjectionIsStopped() {
        Http http = new Http(port);
        String user = TestWorld.agent(http, TestData.realNumber());
        TestWorld.boundNumber(http, user);
        String b = TestData.realNumber();
        StreamingEventProcessor projection = processing
                .eventProcessor(BlacklistProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        projection.shutdownAsync().join();
        try {
            assertThat(blacklist(http, b, "add").body()).contains("\"ResultCode\":2000");

            JsonNode refused = getCallNumber(http, user, b);
            assertThat(refused.get("ResultCode").asInt()).as(refused.toString()).isEqualTo(5000);
            assertThat(refused.get("ResultMsg").asString()).contains("黑名单");
            // the refusal did not come from the projection: it has not seen the blacklisting
            assertThat(jdbc.queryForObject("SELECT count(*) FROM blacklist_view WHERE number = ?", Integer.class, b)).isZero();

            assertThat(blacklist(http, b, "delete").body()).contains("\"ResultCode\":2000");
            JsonNode bound = getCallNumber(http, user, b);
            assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
        } finally {
            projection.start();
        }
    }

    @Test
    void theMigrationsBackfillFindsWhatTheEventStoreSaysIsBlacklisted() throws IOException {
        Http http = new Http(port);
        String on = TestData.realNumber();
        String off = TestData.realNumber();
        assertThat(blacklist(http, on, "add").body()).contains("\"ResultCode\":2000");
        assertThat(blacklist(http, off, "add").body()).contains("\"ResultCode\":2000");
        assertThat(blacklist(http, off, "delete").body()).contains("\"ResultCode\":2000");
        // as a database from before V15: the events are there, the lookup is not
        jdbc.update("DELETE FROM blacklist_lookup WHERE number IN (?, ?)", on, off);

        jdbc.execute(backfillStatement() + " ON CONFLICT DO NOTHING");

        assertThat(jdbc.queryForList("SELECT platform || ':' || number || ':' || direction FROM blacklist_lookup"
                + " WHERE number IN (?, ?)", String.class, on, off)).containsExactly("3:" + on + ":0");
    }

    /** V15's INSERT, as Flyway ran it. */
    private static String backfillStatement() throws IOException {
        try (InputStream in = BlacklistLookupIntegrationTest.class.getResourceAsStream("/db/migration/V15__blacklist_lookup.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String insert = sql.substring(sql.indexOf("INSERT INTO blacklist_lookup"));
            return insert.substring(0, insert.lastIndexOf(';'));
        }
    }

    private static Http.Response blacklist(Http http, String b, String action) {
        return http.method("POST", Http.HUB + "SetBlackNumber", "{\"platId\":3,\"private_number\":\"" + b
                + "\",\"action\":\"" + action + "\",\"userid\":\"74705\",\"type\":0}");
    }

    private static JsonNode getCallNumber(Http http, String user, String b) {
        return http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", "880012",
                "Contactmapclassid", "0", "Contactid", "0", "Mobile", b, "expiration", "120");
    }
}
