package com.pnhub.app.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request comes from. The connection's peer, unless that peer is a trusted proxy: then the right-most
 * address of {@code X-Forwarded-For} that is not itself a trusted proxy (the left-most entries are whatever the
 * client chose to send and prove nothing).
 */
final class CallerAddress {

    private CallerAddress() {
    }

    static String of(HttpServletRequest request, AddressRanges trustedProxies) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!trustedProxies.contains(hop)) {
                return AddressRanges.literal(hop) == null ? peer : hop;
            }
        }
        return hops[0].trim();
    }
}
