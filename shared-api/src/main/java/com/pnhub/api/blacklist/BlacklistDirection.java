package com.pnhub.api.blacklist;

/** Blacklist type, legacy dictionary 1535: the direction of calls the blacklist blocks. */
public enum BlacklistDirection {
    OUTBOUND(0, "呼出"),
    INBOUND(1, "呼入");

    private final int code;
    private final String label;

    BlacklistDirection(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static BlacklistDirection ofCode(int code) {
        for (BlacklistDirection d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown blacklist type " + code + " (0 呼出, 1 呼入)");
    }
}
