package com.pnhub.simulator;

/** Masks phone numbers for logs: the first 7 characters, then {@code ****}. Never log a full number. */
public final class PhoneMask {

    private PhoneMask() {
    }

    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() > 7) {
            return number.substring(0, 7) + "****";
        }
        // short numbers: keep at most half, so nothing short is ever printed in full
        return number.substring(0, number.length() / 2) + "****";
    }
}
