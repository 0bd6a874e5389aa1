package com.pnhub.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The JSON admin API under {@code /_sim/}. It ignores the fault switches, so a test can always heal the
 * simulator again.
 */
final class AdminHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private final ProviderSimulator sim;

    AdminHandler(ProviderSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod().toUpperCase();
            String path = ex.getRequestURI().getPath();
            String rest = path.substring("/_sim".length());
            if (rest.endsWith("/") && rest.length() > 1) {
                rest = rest.substring(0, rest.length() - 1);
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            try {
                route(ex, method, rest, body);
            } catch (IllegalArgumentException | JacksonException e) {
                send(ex, 400, Map.of("error", "bad request: " + e.getMessage()));
            }
        } catch (RuntimeException e) {
            log.error("admin request failed", e);
            send(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String method, String rest, byte[] body) throws IOException {
        String[] seg = rest.split("/");
        // seg[0] is "" (rest starts with '/')
        if (rest.equals("/health") || rest.equals("") || rest.equals("/")) {
            send(ex, 200, Map.of("name", sim.config().name(), "endpoint", sim.endpoint(), "faults", sim.faults().snapshot()));
        } else if (rest.equals("/faults")) {
            if (method.equals("POST") || method.equals("PUT")) {
                applyFaults(body.length == 0 ? null : Json.MAPPER.readTree(body));
            } else if (!method.equals("GET")) {
                send(ex, 405, Map.of("error", "use GET or POST"));
                return;
            }
            send(ex, 200, sim.faults().snapshot());
        } else if (rest.equals("/reset") && method.equals("POST")) {
            String query = ex.getRequestURI().getQuery();
            boolean pools = query != null && query.contains("pools=true");
            if (pools) {
                sim.resetAll();
            } else {
                sim.reset();
            }
            send(ex, 200, Map.of("reset", true, "pools", pools));
        } else if (rest.equals("/pools") && method.equals("GET")) {
            send(ex, 200, sim.pools());
        } else if (seg.length == 4 && seg[1].equals("pools") && seg[3].equals("numbers") && method.equals("POST")) {
            String poolKey = URLDecoder.decode(seg[2], StandardCharsets.UTF_8);
            List<String> numbers = Json.MAPPER.readValue(body, new TypeReference<List<String>>() { });
            sim.addNumbers(poolKey, numbers);
            send(ex, 200, Map.of("poolKey", poolKey, "numbers", sim.pools().getOrDefault(poolKey, List.of()).size()));
        } else if (rest.equals("/subscriptions") && method.equals("GET")) {
            String query = ex.getRequestURI().getQuery();
            boolean all = query != null && query.contains("all=true");
            send(ex, 200, (all ? sim.allSubscriptions() : sim.subscriptions()).stream().map(AdminHandler::view).toList());
        } else if (seg.length == 3 && seg[1].equals("subscriptions") && method.equals("GET")) {
            var found = sim.anySubscription(seg[2]);
            if (found.isPresent()) {
                send(ex, 200, view(found.get()));
            } else {
                send(ex, 404, Map.of("error", "no such subscription"));
            }
        } else if (rest.equals("/call-report-receiver") && method.equals("POST")) {
            JsonNode n = Json.MAPPER.readTree(body);
            sim.setCallReportReceiver(n.path("url").isNull() ? null : n.path("url").asString(null));
            send(ex, 200, Collections.singletonMap("url", sim.callReportReceiver()));
        } else if (rest.equals("/calls") && method.equals("POST")) {
            JsonNode n = Json.MAPPER.readTree(body);
            String caller = n.path("from").asString(null);
            String x = n.path("x").asString(null);
            if (caller == null || x == null) {
                throw new IllegalArgumentException("from and x are required");
            }
            send(ex, 200, sim.placeCall(caller, x, n.path("talkSeconds").asInt(30)));
        } else if (rest.equals("/blacklist") && method.equals("GET")) {
            send(ex, 200, sim.blacklist().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("poolKey", e.poolKey());
                m.put("blackNo", e.blackNo());
                m.put("blackType", e.blackType());
                m.put("wayControl", e.wayControl());
                m.put("remark", e.remark());
                m.put("createdAt", SimulatorState.TIME.format(e.createdAt()));
                return m;
            }).toList());
        } else {
            send(ex, 404, Map.of("error", "unknown admin endpoint " + method + " /_sim" + rest));
        }
    }

    private void applyFaults(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Faults f = sim.faults();
        if (n.has("errorRate")) {
            f.setErrorRate(n.get("errorRate").asDouble());
        }
        if (n.has("latencyMillis")) {
            f.setLatencyMillis(n.get("latencyMillis").asLong());
        }
        if (n.has("down")) {
            f.setDown(n.get("down").asBoolean());
        }
        if (n.has("flowLimited")) {
            f.setFlowLimited(n.get("flowLimited").asBoolean());
        }
        if (n.has("errorStyle")) {
            f.setErrorStyle(Faults.ErrorStyle.valueOf(n.get("errorStyle").asString()));
        }
        log.info("[{}] faults now {}", sim.config().name(), f.snapshot());
    }

    /** Admin JSON view of a subscription (full numbers: this is the test's own data). */
    static Map<String, Object> view(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subsId", s.subsId());
        m.put("poolKey", s.poolKey());
        m.put("type", s.type().name());
        m.put("x", s.x());
        m.put("a", s.a());
        m.put("b", s.b());
        m.put("expiration", SimulatorState.TIME.format(s.expiration()));
        m.put("outId", s.outId());
        m.put("createdAt", SimulatorState.TIME.format(s.createdAt()));
        m.put("active", s.active());
        return m;
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
