package com.pnhub.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Aliyun RPC signature version 1.0 (HMAC-SHA1), as computed by aliyun-java-sdk-core's RpcSignatureComposer. */
final class RpcSignature {

    private RpcSignature() {
    }

    /** RFC 3986 style: like URLEncoder, but space as %20, '*' as %2A and '~' kept. */
    static String percentEncode(String value) {
        if (value == null) {
            return "";
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** METHOD&%2F&percentEncode(sorted canonicalized query of every parameter except Signature). */
    static String stringToSign(String method, Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            canonical.append('&').append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        String query = canonical.length() == 0 ? "" : canonical.substring(1);
        return method.toUpperCase() + "&" + percentEncode("/") + "&" + percentEncode(query);
    }

    static String sign(String stringToSign, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
