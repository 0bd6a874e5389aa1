package com.pnhub.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls the simulator "routes" and the SecretReport records it makes of them, pushed the way PNP's HTTP
 * batch push does: a POST whose body is a JSON array of records, to the receiver URL an account configures.
 * A receiver answers {@code {"code":0,...}} with HTTP 200; anything else counts as a failed push (Aliyun
 * retries after 1, 5 and 10 minutes; the simulator reports the failure and leaves a retry to the test).
 */
final class CallReports {

    private static final Logger log = LoggerFactory.getLogger(CallReports.class);

    private final SimulatorState state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong ids = new AtomicLong(1_014_568_510_000L);
    private volatile String receiverUrl;

    CallReports(SimulatorState state) {
        this.state = state;
    }

    void receiverUrl(String url) {
        if (url != null && !url.isBlank() && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("receiver url must be http(s)");
        }
        this.receiverUrl = url == null || url.isBlank() ? null : url;
    }

    String receiverUrl() {
        return receiverUrl;
    }

    /**
     * Routes a call from {@code caller} to {@code x} the way PNP would and describes it as a SecretReport
     * record. A call from a B of an AXB pair reaches that pair's A; otherwise the X's AXN binding's A is called
     * (call_type 1, peer_no the caller); with neither, the call is intercepted (call_type 4, NO_SUBS_EXIST).
     */
    Map<String, Object> route(String caller, String x, int talkSeconds) {
        LocalDateTime now = state.now();
        Subscription s = state.routeFor(caller, x);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", ids.incrementAndGet());
        r.put("pool_key", s == null ? null : s.poolKey());
        r.put("partner_key", s == null ? null : s.poolKey());
        // a JSON number, as PNP sends it
        r.put("sub_id", s == null ? null : Long.valueOf(s.subsId()));
        r.put("call_id", UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        r.put("phone_no", s == null ? null : s.a());
        r.put("secret_no", x);
        r.put("peer_no", caller);
        r.put("called_display_no", x);
        r.put("call_type", s == null ? 4 : 1);
        LocalDateTime callTime = now.minusSeconds(talkSeconds + 5L);
        LocalDateTime start = s == null || talkSeconds <= 0 ? now : callTime.plusSeconds(5);
        r.put("call_time", SimulatorState.TIME.format(callTime));
        r.put("call_out_time", SimulatorState.TIME.format(callTime.plusSeconds(1)));
        r.put("ring_time", SimulatorState.TIME.format(callTime.plusSeconds(2)));
        r.put("free_ring_time", SimulatorState.TIME.format(callTime.plusSeconds(2)));
        r.put("start_time", SimulatorState.TIME.format(start));
        r.put("release_time", SimulatorState.TIME.format(now));
        r.put("release_dir", s == null ? 0 : 1);
        r.put("release_cause", s == null ? 1 : 16);
        r.put("unconnected_cause", s == null ? 2 : 0);
        r.put("control_type", "CONTINUE");
        r.put("control_msg", s == null ? "NO_SUBS_EXIST" : "OK");
        r.put("out_id", s == null ? null : s.outId());
        r.put("city", "杭州");
        return r;
    }

    /** POSTs the batch to the receiver. @return the receiver's HTTP status, or -1 when there is no receiver or it failed */
    int push(List<Map<String, Object>> batch) {
        String url = receiverUrl;
        if (url == null) {
            return -1;
        }
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(batch))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                log.warn("SecretReport push of {} record(s) answered HTTP {}", batch.size(), resp.statusCode());
            }
            return resp.statusCode();
        } catch (java.io.IOException e) {
            log.warn("SecretReport push of {} record(s) failed: {}", batch.size(), e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
