package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the outside probe of issue 12 found, asked again: each answer is the envelope or a 4xx problem, never a 500. */
@IntegrationTest
class OutsideProbeIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;

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

    private static HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
