package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.facade.callbacks.CallReportController;
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

    /**
     * What a script or a person gets wrong on {@code /api/v1}: each is a 4xx problem document and at most one log
     * line, never a stack trace (the legacy API's rule, test above).
     */
    @Test
    void canRefuseWhatApiCallersGetWrongWithAProblemAndNoStack(CapturedOutput output) {
        Http http = new Http(port);
        int before = output.getAll().length();
        record Asked(String method, String path, String body, int status) { }
        List<Asked> corpus = List.of(
                new Asked("GET", "/api/v1/numbers/17999999977", null, 404),
                new Asked("GET", "/api/v1/numbers/not-a-number", null, 404),
                new Asked("GET", "/api/v1/numbers/17999999977/history?page=-1", null, 400),
                new Asked("GET", "/api/v1/numbers/17999999977/history?size=abc", null, 400),
                new Asked("GET", "/api/v1/numbers/17300000001/holder?at=yesterday", null, 400),
                new Asked("GET", "/api/v1/numbers/17300000001/holder", null, 400),
                new Asked("GET", "/api/v1/numbers/17300000001/state?at=2026-13-45T00:00:00Z", null, 400),
                new Asked("GET", "/api/v1/numbers?platform=9", null, 400),
                new Asked("GET", "/api/v1/numbers?page=x", null, 400),
                new Asked("GET", "/api/v1/agents/abc", null, 404),
                new Asked("GET", "/api/v1/agents/999999991", null, 404),
                new Asked("PUT", "/api/v1/agents/999999991", "{not json", 400),
                new Asked("PUT", "/api/v1/agents/999999991", "{\"phone\":\"12\"}", 400),
                new Asked("POST", "/api/v1/numbers", "[]", 400),
                new Asked("POST", "/api/v1/numbers", "{\"numbers\":1}", 400),
                new Asked("POST", "/api/v1/numbers/17999999977/fault-recovery", null, 404),
                new Asked("GET", "/api/v1/reconciliation/runs/abc", null, 404),
                new Asked("GET", "/api/v1/reconciliation/runs/999999999", null, 404),
                new Asked("POST", "/api/v1/reconciliation/runs?poolId=-1&dryRun=true", null, 400),
                new Asked("POST", "/api/v1/reconciliation/runs?dryRun=maybe", null, 400),
                new Asked("POST", "/api/v1/admin/projections/no-such-projection/replay", null, 404),
                new Asked("DELETE", "/api/v1/numbers/17300000001", null, 405),
                new Asked("GET", "/api/v1/no-such-thing", null, 404));
        List<String> wrong = new java.util.ArrayList<>();
        for (Asked asked : corpus) {
            Http.Response r = http.method(asked.method(), asked.path(), asked.body());
            boolean problem = r.json() != null && r.json().has("status") && r.json().get("status").asInt() == r.status();
            if (r.status() != asked.status() || !problem) {
                wrong.add(asked.method() + " " + asked.path() + " wanted " + asked.status() + ", got " + r.status() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(logged.lines().filter(l -> l.contains(" ERROR ") || l.contains(" WARN ")).count())
                .as(logged).isLessThanOrEqualTo(corpus.size());
    }

    private static HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
