package com.pnhub.api.values;

import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.rules.NumberRules;

/**
 * A virtual number (X, 隐私号) by the number rules. As with {@link PhoneNumber}, the prefixes are configuration:
 * the constructor checks the form (11 digits 0-9), {@link #of} the kind.
 */
public record VirtualNumber(String value) {

    /** The name reported when the constructor itself refuses a value; {@link #of} reports the caller's. */
    public static final String PARAMETER = "number";

    public VirtualNumber {
        NumberForm.check(PARAMETER, value, ValueProblem.NOT_A_VIRTUAL_NUMBER);
    }

    /** {@code raw} as a virtual number by {@code rules}, or an {@link InvalidValueException} naming {@code parameter}. */
    public static VirtualNumber of(String parameter, String raw, NumberRules rules) {
        return new VirtualNumber(NumberForm.checked(parameter, raw, ValueProblem.NOT_A_VIRTUAL_NUMBER, rules::isVirtual));
    }

    /** Masked as logs mask every number. */
    @Override
    public String toString() {
        return PhoneMask.number(value);
    }
}
