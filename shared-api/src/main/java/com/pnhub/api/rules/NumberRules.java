package com.pnhub.api.rules;

import com.pnhub.api.values.AsciiDigits;
import java.util.Set;

/**
 * The number rules (号码规则): an 11-digit number is virtual, real or a government number by its
 * two-digit prefix. The prefixes are configuration; {@link #defaults()} are the contract's.
 */
public record NumberRules(Set<String> virtualPrefixes, Set<String> realPrefixes, Set<String> governmentPrefixes) {

    public NumberRules {
        virtualPrefixes = Set.copyOf(virtualPrefixes);
        realPrefixes = Set.copyOf(realPrefixes);
        governmentPrefixes = Set.copyOf(governmentPrefixes);
    }

    public static NumberRules defaults() {
        return new NumberRules(Set.of("16", "17", "19"), Set.of("13", "14", "15", "18"), Set.of("11", "12"));
    }

    public NumberKind classify(String number) {
        if (number == null || number.length() != 11 || !AsciiDigits.only(number)) {
            return NumberKind.INVALID;
        }
        String prefix = number.substring(0, 2);
        if (virtualPrefixes.contains(prefix)) {
            return NumberKind.VIRTUAL;
        }
        if (realPrefixes.contains(prefix)) {
            return NumberKind.REAL;
        }
        if (governmentPrefixes.contains(prefix)) {
            return NumberKind.GOVERNMENT;
        }
        return NumberKind.INVALID;
    }

    public boolean isVirtual(String number) {
        return classify(number) == NumberKind.VIRTUAL;
    }

    /** A and B sides: a real mobile or a government public number. */
    public boolean isReachable(String number) {
        NumberKind kind = classify(number);
        return kind == NumberKind.REAL || kind == NumberKind.GOVERNMENT;
    }

}
