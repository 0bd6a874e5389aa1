package com.pnhub.api.numbers;

/** Number state, legacy dictionary 1527. Only {@link #NORMAL} numbers can be bound. */
public enum NumberState {
    NORMAL(0, "正常"),
    LOCKED(1, "锁定"),
    DISABLED(2, "停用"),
    RELEASED(3, "已释放");

    private final int code;
    private final String label;

    NumberState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static NumberState ofCode(int code) {
        for (NumberState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown number state " + code + " (0 正常, 1 锁定, 2 停用, 3 已释放)");
    }
}
