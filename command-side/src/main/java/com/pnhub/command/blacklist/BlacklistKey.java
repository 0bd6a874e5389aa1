package com.pnhub.command.blacklist;

/**
 * A customer number's blacklist aggregate id: one per platform and number. Outside the aggregate so that a request
 * builds the id without touching the aggregate class.
 */
public final class BlacklistKey {

    private BlacklistKey() {
    }

    public static String of(int platformCode, String number) {
        return platformCode + ":" + number;
    }
}
