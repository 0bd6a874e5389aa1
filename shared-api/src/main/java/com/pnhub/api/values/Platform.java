package com.pnhub.api.values;

/** The three providers of virtual numbers; the code is the legacy platId/plateformid. */
public enum Platform {
    DONGXIN(1, "东信"),
    JIUYUN(2, "玖云"),
    ALIYUN(3, "阿里云");

    private final int code;
    private final String displayName;

    Platform(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    /** A code given by a caller as {@code parameter}: anything but 1, 2, 3 is {@link ValueProblem#NOT_A_PLATFORM}. */
    public static Platform of(String parameter, int code) {
        for (Platform p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new InvalidValueException(parameter, ValueProblem.NOT_A_PLATFORM);
    }

    /** A code given as text: not an integer is {@link ValueProblem#NOT_AN_INTEGER}, as for any integer parameter. */
    public static Platform of(String parameter, String raw) {
        return of(parameter, AsciiDigits.parseInt(parameter, raw));
    }

    /** A code the service stored or made itself; an unknown one is a bug, not a caller's mistake. */
    public static Platform ofCode(int code) {
        for (Platform p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform " + code + " (1 东信, 2 玖云, 3 阿里云)");
    }
}
