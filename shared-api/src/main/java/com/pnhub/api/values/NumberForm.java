package com.pnhub.api.values;

import java.util.function.Predicate;

/** What every 11-digit number of the contract is before its prefix says what kind: the check needing no rules. */
final class NumberForm {

    static final int LENGTH = 11;

    private NumberForm() {
    }

    /** {@code raw} when it has the form and {@code kind} accepts it, else {@code otherwise} for {@code parameter}. */
    static String checked(String parameter, String raw, ValueProblem otherwise, Predicate<String> kind) {
        check(parameter, raw, otherwise);
        if (!kind.test(raw)) {
            throw new InvalidValueException(parameter, otherwise);
        }
        return raw;
    }

    static void check(String parameter, String raw, ValueProblem otherwise) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException(parameter, ValueProblem.MISSING);
        }
        if (raw.length() != LENGTH || !AsciiDigits.only(raw)) {
            throw new InvalidValueException(parameter, otherwise);
        }
    }
}
