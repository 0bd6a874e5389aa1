package com.pnhub.simulator;

import com.pnhub.api.privacy.PhoneMask;
import java.time.LocalDateTime;

/**
 * An immutable snapshot of one binding held by the simulator.
 *
 * @param b          the B number; {@code null} for an AXN binding without a default B
 * @param expiration in the simulator's zone (Beijing time by default), as sent by the client
 * @param active     {@code false} once unbound (expired bindings keep {@code active} but are not {@link #live live})
 */
public record Subscription(String subsId, String poolKey, Type type, String x, String a, String b,
                           LocalDateTime expiration, String outId, LocalDateTime createdAt, boolean active) {

    public enum Type { AXN, AXB }

    public boolean live(LocalDateTime now) {
        return active && expiration.isAfter(now);
    }

    Subscription withA(String newA) {
        return new Subscription(subsId, poolKey, type, x, newA, b, expiration, outId, createdAt, active);
    }

    Subscription withB(String newB) {
        return new Subscription(subsId, poolKey, type, x, a, newB, expiration, outId, createdAt, active);
    }

    Subscription withExpiration(LocalDateTime newExpiration) {
        return new Subscription(subsId, poolKey, type, x, a, b, newExpiration, outId, createdAt, active);
    }

    Subscription withOutId(String newOutId) {
        return new Subscription(subsId, poolKey, type, x, a, b, expiration, newOutId, createdAt, active);
    }

    Subscription ended() {
        return new Subscription(subsId, poolKey, type, x, a, b, expiration, outId, createdAt, false);
    }

    @Override
    public String toString() {
        return "Subscription[" + subsId + " " + type + " pool=" + poolKey + " x=" + PhoneMask.number(x)
                + " a=" + PhoneMask.number(a) + " b=" + PhoneMask.number(b) + " exp=" + expiration
                + (active ? "" : " ENDED") + "]";
    }
}
