package com.pnhub.api.values;

/**
 * Digits as the legacy callers mean them: 0-9 only. {@link Character#isDigit} and {@link Long#parseLong} also take
 * full-width and other scripts' digits (１２３, ١٢٣), which no MIS id or phone number is made of.
 */
public final class AsciiDigits {

    private AsciiDigits() {
    }

    /** One or more of 0-9 and nothing else. */
    public static boolean only(String v) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@link #only} with an optional leading minus. */
    public static boolean integer(String v) {
        return v != null && only(v.startsWith("-") ? v.substring(1) : v);
    }

    /** {@code v} as an int, or {@link ValueProblem#NOT_AN_INTEGER} for {@code parameter} (also when it overflows). */
    public static int parseInt(String parameter, String v) {
        return Math.toIntExact(parseLong(parameter, v, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** {@code v} as a long, or {@link ValueProblem#NOT_AN_INTEGER} for {@code parameter} (also when it overflows). */
    public static long parseLong(String parameter, String v) {
        return parseLong(parameter, v, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static long parseLong(String parameter, String v, long min, long max) {
        if (v == null || v.isEmpty()) {
            throw new InvalidValueException(parameter, ValueProblem.MISSING);
        }
        if (!integer(v)) {
            throw new InvalidValueException(parameter, ValueProblem.NOT_AN_INTEGER);
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new InvalidValueException(parameter, ValueProblem.NOT_AN_INTEGER);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidValueException(parameter, ValueProblem.NOT_AN_INTEGER);
        }
    }
}
