package com.pnhub.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an action answers: an HTTP status, Code/Message, and the action's extra top-level fields. */
record RpcResult(int httpStatus, String code, String message, Map<String, Object> fields) {

    static final String OK = "OK";

    static RpcResult ok() {
        return new RpcResult(200, OK, OK, Map.of());
    }

    static RpcResult ok(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return new RpcResult(200, OK, OK, m);
    }

    /** A business error: HTTP 200 with a non-OK Code, as PNP does. */
    static RpcResult error(String code, String message) {
        return new RpcResult(200, code, message, Map.of());
    }

    /** A gateway-level error answered with a non-200 status (the SDK turns these into exceptions). */
    static RpcResult gateway(int status, String code, String message) {
        return new RpcResult(status, code, message, Map.of());
    }

    boolean isOk() {
        return OK.equals(code);
    }
}
