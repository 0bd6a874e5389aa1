package com.pnhub.api.values;

import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.rules.NumberRules;

/**
 * A real number, side A or B of a binding: a mobile or a government number by the number rules. Which
 * prefixes those are is configuration ({@link NumberRules}), so the constructor checks what needs no
 * configuration (11 digits 0-9) and {@link #of} the kind; values from outside are made with {@link #of}.
 */
public record PhoneNumber(String value) {

    /** The name reported when the constructor itself refuses a value; {@link #of} reports the caller's. */
    public static final String PARAMETER = "phone";

    public PhoneNumber {
        NumberForm.check(PARAMETER, value, ValueProblem.NOT_A_REAL_NUMBER);
    }

    /** {@code raw} as a phone number by {@code rules}, or an {@link InvalidValueException} naming {@code parameter}. */
    public static PhoneNumber of(String parameter, String raw, NumberRules rules) {
        return new PhoneNumber(NumberForm.checked(parameter, raw, ValueProblem.NOT_A_REAL_NUMBER, rules::isReachable));
    }

    /** For an edge that words the refusal its own way. */
    public static boolean isValid(String raw, NumberRules rules) {
        return rules.isReachable(raw);
    }

    /** Masked: a phone number is personal data and a record's toString ends up in logs. */
    @Override
    public String toString() {
        return PhoneMask.number(value);
    }
}
