package com.pnhub.api.numbers;

/** The Redis hash's bindType: 0 a normal AX number, 1 a temporary (fault) binding. */
public enum BindType {
    NORMAL(0),
    TEMPORARY(1);

    private final int code;

    BindType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
