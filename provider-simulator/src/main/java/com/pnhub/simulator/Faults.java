package com.pnhub.simulator;

/**
 * Mutable fault switches of one simulator instance; safe to flip from any thread while requests run.
 * They only affect the Aliyun RPC path, never the {@code /_sim/} admin API.
 */
public final class Faults {

    /** How an injected error (see {@link #setErrorRate}) is answered. */
    public enum ErrorStyle {
        /** HTTP 200 with {@code Code = isp.SYSTEM_ERROR} (how PNP reports its own failures). */
        CODE,
        /** HTTP 503 {@code ServiceUnavailable} (gateway failure; the SDK throws a ServerException). */
        HTTP_503,
        /** Each injected error picks one of the two at random. */
        MIXED
    }

    private volatile double errorRate;
    private volatile long latencyMillis;
    private volatile boolean down;
    private volatile boolean flowLimited;
    private volatile ErrorStyle errorStyle = ErrorStyle.CODE;

    /** Share of RPC calls (0..1) answered with an injected system error. */
    public Faults setErrorRate(double rate) {
        if (Double.isNaN(rate) || rate < 0 || rate > 1) {
            throw new IllegalArgumentException("errorRate must be within 0..1: " + rate);
        }
        this.errorRate = rate;
        return this;
    }

    /** Extra delay before each RPC answer (use more than the client's read timeout to provoke timeouts). */
    public Faults setLatencyMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0: " + millis);
        }
        this.latencyMillis = millis;
        return this;
    }

    /** When down, RPC requests get their connection closed without any HTTP response. */
    public Faults setDown(boolean down) {
        this.down = down;
        return this;
    }

    /** When set, every RPC call answers {@code isv.FLOW_LIMIT}. */
    public Faults setFlowLimited(boolean flowLimited) {
        this.flowLimited = flowLimited;
        return this;
    }

    public Faults setErrorStyle(ErrorStyle style) {
        this.errorStyle = style == null ? ErrorStyle.CODE : style;
        return this;
    }

    public double errorRate() {
        return errorRate;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public boolean down() {
        return down;
    }

    public boolean flowLimited() {
        return flowLimited;
    }

    public ErrorStyle errorStyle() {
        return errorStyle;
    }

    /** Back to a healthy provider. */
    public Faults clear() {
        errorRate = 0;
        latencyMillis = 0;
        down = false;
        flowLimited = false;
        errorStyle = ErrorStyle.CODE;
        return this;
    }

    public Snapshot snapshot() {
        return new Snapshot(errorRate, latencyMillis, down, flowLimited, errorStyle);
    }

    /** The JSON shape of {@code GET /_sim/faults}. */
    public record Snapshot(double errorRate, long latencyMillis, boolean down, boolean flowLimited, ErrorStyle errorStyle) {
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
