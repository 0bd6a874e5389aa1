package com.pnhub.simulator;

import com.pnhub.api.privacy.PhoneMask;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Aliyun RPC endpoint ({@code POST /} or {@code GET /}, Dyplsapi 2017-05-25): signature check, fault
 * injection, dispatch to {@link SimulatorState}, and Aliyun-shaped JSON answers.
 */
final class AliyunRpcHandler implements HttpHandler {

    static final String VERSION = "2017-05-25";
    private static final Logger log = LoggerFactory.getLogger(AliyunRpcHandler.class);
    private static final String[] PHONE_PARAMS = {"PhoneNoA", "PhoneNoB", "PhoneNoX", "SecretNo", "BlackNo"};

    private final SimulatorConfig config;
    private final SimulatorState state;
    private final Faults faults;
    private final java.util.function.LongSupplier epoch;

    /** {@code epoch} changes on every reset; a request that was in flight across a reset is dropped. */
    AliyunRpcHandler(SimulatorConfig config, SimulatorState state, Faults faults, java.util.function.LongSupplier epoch) {
        this.config = config;
        this.state = state;
        this.faults = faults;
        this.epoch = epoch;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrivedIn = epoch.getAsLong();
        try {
            if (faults.down()) {
                // no status line at all: the client sees the connection drop (SDK.ServerUnreachable)
                log.info("[{}] down: dropping {} {}", config.name(), exchange.getRequestMethod(), exchange.getRequestURI().getPath());
                exchange.close();
                return;
            }
            long latency = faults.latencyMillis();
            if (latency > 0) {
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    return;
                }
                if (epoch.getAsLong() != arrivedIn) {
                    // the simulator was reset while this (delayed) request waited: it must not leak into the
                    // next test's state; its client has normally given up already
                    log.info("[{}] dropping a delayed request that arrived before a reset", config.name());
                    exchange.close();
                    return;
                }
            }
            String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            RpcResult result;
            Map<String, String> params = Map.of();
            try {
                params = readParams(exchange);
                result = process(exchange.getRequestMethod(), params);
            } catch (RuntimeException e) {
                log.error("[{}] internal error", config.name(), e);
                result = RpcResult.gateway(500, "InternalError", "The request processing has failed due to some unknown error.");
            }
            logCall(params, result);
            respond(exchange, requestId, result);
        } finally {
            exchange.close();
        }
    }

    private RpcResult process(String method, Map<String, String> params) {
        if (!"POST".equalsIgnoreCase(method) && !"GET".equalsIgnoreCase(method)) {
            return RpcResult.gateway(405, "UnsupportedHTTPMethod", "This http method is not supported.");
        }
        String keyId = params.get("AccessKeyId");
        if (keyId == null || keyId.isEmpty()) {
            return RpcResult.gateway(400, "MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
        }
        if (!keyId.equals(config.accessKeyId())) {
            return RpcResult.gateway(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        if (!"HMAC-SHA1".equals(params.get("SignatureMethod")) || !"1.0".equals(params.get("SignatureVersion"))) {
            return RpcResult.gateway(400, "InvalidSignatureMethod", "Specified signature method or version is not supported.");
        }
        String stringToSign = RpcSignature.stringToSign(method, params);
        String expected = RpcSignature.sign(stringToSign, config.accessKeySecret());
        if (!RpcSignature.constantTimeEquals(expected, params.get("Signature"))) {
            // same wording as the Aliyun gateway; the SDK compares the tail with its own string to sign
            // and then raises ClientException SDK.InvalidAccessKeySecret
            return RpcResult.gateway(400, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
        }
        String version = params.get("Version");
        if (!VERSION.equals(version)) {
            return RpcResult.gateway(400, "InvalidVersion", "Specified parameter Version is not valid.");
        }
        String action = params.getOrDefault("Action", "");
        if (!isKnownAction(action)) {
            return RpcResult.gateway(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }
        if (faults.flowLimited()) {
            return RpcResult.error("isv.FLOW_LIMIT", "Flow limit exceeded, please retry later");
        }
        double rate = faults.errorRate();
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
            Faults.ErrorStyle style = faults.errorStyle();
            boolean http = style == Faults.ErrorStyle.HTTP_503
                    || (style == Faults.ErrorStyle.MIXED && ThreadLocalRandom.current().nextBoolean());
            return http
                    ? RpcResult.gateway(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
                    : RpcResult.error("isp.SYSTEM_ERROR", "System error, please retry later");
        }
        return switch (action) {
            case "BindAxn" -> state.bindAxn(params);
            case "BindAxb" -> state.bindAxb(params);
            case "UnbindSubscription" -> state.unbind(params);
            case "UpdateSubscription" -> state.update(params);
            case "QuerySubscriptionDetail" -> state.querySubscriptionDetail(params);
            case "QuerySubsId" -> state.querySubsId(params);
            case "AddSecretBlacklist" -> state.addBlacklist(params);
            case "DeleteSecretBlacklist" -> state.deleteBlacklist(params);
            default -> throw new IllegalStateException(action);
        };
    }

    private static boolean isKnownAction(String action) {
        return switch (action) {
            case "BindAxn", "BindAxb", "UnbindSubscription", "UpdateSubscription", "QuerySubscriptionDetail",
                 "QuerySubsId", "AddSecretBlacklist", "DeleteSecretBlacklist" -> true;
            default -> false;
        };
    }

    /** Query string and, for form bodies, the body (body values win on duplicates). */
    static Map<String, String> readParams(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || contentType.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded")) {
                parseForm(new String(body, StandardCharsets.UTF_8), params);
            }
        }
        return params;
    }

    private static void parseForm(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
    }

    private void respond(HttpExchange exchange, String requestId, RpcResult result) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("Code", result.code());
        body.put("Message", result.message());
        if (result.httpStatus() != 200) {
            body.put("HostId", "dyplsapi.aliyuncs.com");
        }
        body.putAll(result.fields());
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.getResponseHeaders().set("x-acs-request-id", requestId);
        exchange.sendResponseHeaders(result.httpStatus(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void logCall(Map<String, String> params, RpcResult result) {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(config.name()).append("] ").append(params.getOrDefault("Action", "?"));
        String pool = params.get("PoolKey");
        if (pool != null) {
            sb.append(" pool=").append(pool);
        }
        String subsId = params.get("SubsId");
        if (subsId != null) {
            sb.append(" subsId=").append(subsId);
        }
        for (String name : PHONE_PARAMS) {
            String v = params.get(name);
            if (v != null) {
                sb.append(' ').append(name).append('=').append(PhoneMask.number(v));
            }
        }
        String op = params.get("OperateType");
        if (op != null) {
            sb.append(" op=").append(op);
        }
        sb.append(" -> ").append(result.httpStatus()).append(' ').append(result.code());
        Object dto = result.fields().get("SecretBindDTO");
        if (dto instanceof Map<?, ?> m) {
            sb.append(" subsId=").append(m.get("SubsId")).append(" x=").append(PhoneMask.number((String) m.get("SecretNo")));
        }
        log.info(sb.toString());
    }
}
