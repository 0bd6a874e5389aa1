package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.command.calls.CallReportController;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the outside probe of issue 12 found, asked again: each answer is the envelope or a 4xx problem, never a 500. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutsideProbeIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void cannotAskForAHolderAtATimeBeyondWhatTheStoreHolds() {
        Http http = new Http(port);
        for (String at : List.of("+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            Http.Response r = http.get("/api/v1/numbers/17300000001/holder", Http.params("at", at));
            assertThat(r.status()).as(at + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).contains("at");
        }
    }

    @Test
    void canGetTheEnvelopeWhateverTheAcceptHeaderAsksFor() throws Exception {
        for (String accept : List.of("image/png", "application/xml", "text/html")) {
            HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port + Http.HUB + "QueryAgentNumbers?userid=1"))
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(accept).isEqualTo(200);
            assertThat(r.body()).as(accept).contains("\"ResultCode\":2000");
        }
    }

    @Test
    void canGetTheEnvelopeForAMultipartBodyWithoutABoundary() throws Exception {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + Http.HUB + "BindAxNumber"))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("userid=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"ResultCode\":5000").contains("multipart");
    }

    @Test
    void cannotMakeTheCallRecordReceiverStoreMoreThanABoundedHeadOfWhatItRejects() {
        Http http = new Http(port);
        String receiver = TestInfrastructure.get().callbackPath();
        assertThat(http.method("POST", receiver, "[\"" + "x".repeat(CallReportController.MAX_BODY_BYTES) + "\"]").status())
                .isEqualTo(413);
        String many = "[" + String.join(",", java.util.Collections.nCopies(CallReportController.MAX_RECORDS + 1, "{}")) + "]";
        assertThat(http.method("POST", receiver, many).status()).isEqualTo(413);

        String marker = "probe-" + System.nanoTime();
        Http.Response kept = http.method("POST", receiver, "[{\"call_id\":\"" + marker + "\",\"junk\":\"" + "y".repeat(200_000) + "\"}]");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        Integer stored = jdbc.queryForObject("SELECT max(length(record)) FROM call_record_rejected WHERE call_id = ?", Integer.class, marker);
        assertThat(stored).isNotNull().isLessThanOrEqualTo(4096);
    }

    @Test
    void canRefuseAnUnknownNumberWithOneLogLineAndNoStack(CapturedOutput output) {
        Http http = new Http(port);
        int before = output.getAll().length();
        for (String action : List.of("UnBindAgentNumber", "ReleaseTelX")) {
            var answer = http.hub(action, "userid", "1", "userId", "1", "private_number", "17999999977");
            assertThat(answer.get("ResultCode").asInt()).isEqualTo(5000);
        }
        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain("\tat org.axonframework").doesNotContain("AggregateNotFoundException");
        assertThat(logged.lines().count()).as(logged).isLessThanOrEqualTo(4);
    }

    private static HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
