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

    public static Platform ofCode(int code) {
        for (Platform p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform " + code + " (1 东信, 2 玖云, 3 阿里云)");
    }
}
