package com.pnhub.facade.legacy;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.Platform;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query parameters of a legacy request, matched case-insensitively (the contract mixes userid,
 * userId and Mobile). A parameter given twice with different values, a missing one or a malformed one
 * is a business error naming it.
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
                    throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, e.getKey(), "含有控制字符");
                }
                String value = v == null ? "" : v.trim();
                String previous = values.putIfAbsent(e.getKey(), value);
                if (previous != null && !previous.equals(value)) {
                    throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, e.getKey(), "重复的参数值不一致");
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
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "过长");
        }
        return v;
    }

    String required(String name) {
        String v = optional(name);
        if (v == null) {
            throw new BusinessRuleException(ErrorCode.MISSING_PARAMETER, name);
        }
        return v;
    }

    /** An employee id: digits only (the contract types it int). */
    String userId(String name) {
        return userIdValue(name, required(name));
    }

    String optionalUserId(String name) {
        String v = optional(name);
        return v == null ? null : userIdValue(name, v);
    }

    private static String userIdValue(String name, String v) {
        if (!isAsciiDigits(v) || v.length() > 18) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "必须是整数");
        }
        return v;
    }

    Long optionalLong(String name) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        if (!isAsciiInteger(v)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "必须是整数");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "必须是整数");
        }
    }

    int requiredInt(String name) {
        String v = required(name);
        if (!isAsciiInteger(v)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "必须是整数");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "必须是整数");
        }
    }

    /** X: an 11-digit virtual number by the number rules. */
    String virtualNumber(String name) {
        String v = required(name);
        if (!rules.isVirtual(v)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "不是有效的隐私号(虚拟号码)");
        }
        return v;
    }

    /** A or B: an 11-digit real or government number by the number rules. */
    String realNumber(String name) {
        String v = required(name);
        if (!rules.isReachable(v)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "不是有效的真实号码");
        }
        return v;
    }

    Platform platform(String name) {
        int code = requiredInt(name);
        try {
            return Platform.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "平台只能是1,2,3");
        }
    }

    NumberState numberState(String name) {
        int code = requiredInt(name);
        try {
            return NumberState.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "号码状态只能是0,1,2,3");
        }
    }

    /** Only 0-9: Character.isDigit and Long.parseLong also take full-width and other scripts' digits (１２３, ١٢٣). */
    private static boolean isAsciiDigits(String v) {
        return !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isAsciiInteger(String v) {
        return isAsciiDigits(v.startsWith("-") ? v.substring(1) : v);
    }

    private static boolean hasControlCharacter(String v) {
        return v.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
