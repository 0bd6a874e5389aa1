package com.pnhub.api.numbers;

/**
 * Where the provider binding of a number stands. The legacy codes are 0, 1 and 5; the transitional
 * states exist while the provider call is under way and are shown to legacy callers as the state they
 * started from, so that no caller ever sees a code it does not know.
 */
public enum BindState {
    UNBOUND(0, "未绑定"),
    BINDING(0, "绑定中"),
    BOUND(1, "已绑定"),
    UNBINDING(1, "解绑中"),
    CHANGING_A(1, "换绑中"),
    FAULT(5, "故障绑定");

    private final int legacyCode;
    private final String label;

    BindState(int legacyCode, String label) {
        this.legacyCode = legacyCode;
        this.label = label;
    }

    public int legacyCode() {
        return legacyCode;
    }

    public String label() {
        return label;
    }

    public boolean inFlight() {
        return this == BINDING || this == UNBINDING || this == CHANGING_A;
    }
}
