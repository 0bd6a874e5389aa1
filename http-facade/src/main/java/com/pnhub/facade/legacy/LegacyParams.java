package com.pnhub.facade.legacy;

import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.AsciiDigits;
import com.pnhub.api.values.InvalidValueException;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.Platform;
import com.pnhub.api.values.UserId;
import com.pnhub.api.values.ValueProblem;
import com.pnhub.api.values.VirtualNumber;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query parameters of a legacy request, matched case-insensitively (the contract mixes userid,
 * userId and Mobile). What is the request's own (a parameter given twice with different values, control
 * characters, absence, length) is checked here; what a value must be is its value object's check
 * ({@link UserId}, {@link VirtualNumber}, {@link PhoneNumber}, {@link Platform}), which names the parameter.
 */
final class LegacyParams {

    private static final int MAX_LENGTH = 64;

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final NumberRules rules;

    LegacyParams(Map<String, String[]> raw, NumberRules rules) {
        this.rules = rules;
        for (Map.Entry<String, String[]> e : raw.entrySet()) {
            for (String v : e.getValue()) {
                if (v != null && hasControlCharacter(v)) {
                    // checked before trim(), which drops a trailing NUL or CR/LF and would let "1%00" pass as "1"
                    throw new InvalidValueException(e.getKey(), ValueProblem.CONTROL_CHARACTER);
                }
                String value = v == null ? "" : v.trim();
                String previous = values.putIfAbsent(e.getKey(), value);
                if (previous != null && !previous.equals(value)) {
                    throw new InvalidValueException(e.getKey(), ValueProblem.CONFLICTING_REPEAT);
                }
            }
        }
    }

    String optional(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > MAX_LENGTH) {
            throw new InvalidValueException(name, ValueProblem.TOO_LONG);
        }
        return v;
    }

    String required(String name) {
        String v = optional(name);
        if (v == null) {
            throw new InvalidValueException(name, ValueProblem.MISSING);
        }
        return v;
    }

    UserId userId(String name) {
        return UserId.of(name, required(name));
    }

    /** Null when absent. */
    UserId optionalUserId(String name) {
        String v = optional(name);
        return v == null ? null : UserId.of(name, v);
    }

    Long optionalLong(String name) {
        String v = optional(name);
        return v == null ? null : AsciiDigits.parseLong(name, v);
    }

    int requiredInt(String name) {
        return AsciiDigits.parseInt(name, required(name));
    }

    /** X. */
    VirtualNumber virtualNumber(String name) {
        return VirtualNumber.of(name, required(name), rules);
    }

    /** X, or null when absent. */
    VirtualNumber optionalVirtualNumber(String name) {
        return optional(name) == null ? null : virtualNumber(name);
    }

    /** A or B. */
    PhoneNumber phoneNumber(String name) {
        return PhoneNumber.of(name, required(name), rules);
    }

    Platform platform(String name) {
        return Platform.of(name, required(name));
    }

    NumberState numberState(String name) {
        int code = requiredInt(name);
        try {
            return NumberState.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(name, ValueProblem.NOT_A_NUMBER_STATE);
        }
    }

    /** A non-negative integer; {@code absent} when not given. */
    long nonNegative(String name, long absent) {
        Long v = optionalLong(name);
        if (v == null) {
            return absent;
        }
        if (v < 0) {
            throw new InvalidValueException(name, ValueProblem.NEGATIVE);
        }
        return v;
    }

    private static boolean hasControlCharacter(String v) {
        return v.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
