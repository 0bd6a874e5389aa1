package com.pnhub.api.values;

/**
 * An employee id of MIS: 1 to 18 digits 0-9 (the contract types it int; 18 digits always fit a long, the
 * rows' JSON number).
 */
public record UserId(String value) {

    /** The name reported when the constructor itself refuses a value; {@link #of} reports the caller's. */
    public static final String PARAMETER = "userId";
    static final int MAX_DIGITS = 18;

    public UserId {
        check(PARAMETER, value);
    }

    /** {@code raw} as a user id, or an {@link InvalidValueException} naming {@code parameter}. */
    public static UserId of(String parameter, String raw) {
        check(parameter, raw);
        return new UserId(raw);
    }

    public static boolean isValid(String raw) {
        return AsciiDigits.only(raw) && raw.length() <= MAX_DIGITS;
    }

    private static void check(String parameter, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException(parameter, ValueProblem.MISSING);
        }
        if (!isValid(raw)) {
            throw new InvalidValueException(parameter, ValueProblem.NOT_AN_INTEGER);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
