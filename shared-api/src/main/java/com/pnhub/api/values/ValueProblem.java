package com.pnhub.api.values;

import com.pnhub.api.errors.ErrorCode;

/**
 * What is wrong with one parameter's value, in the one wording every edge uses (legacy {@code ResultMsg}, dead
 * letters' reasons, /api/v1 problems): {@code 参数[<name>]无效: <text>} or, for {@link #MISSING},
 * {@code 缺少参数[<name>]}. The texts are ADR 0006's and MIS reads them; change none of them.
 */
public enum ValueProblem {
    MISSING(ErrorCode.MISSING_PARAMETER, ValueProblem.REQUIRED),
    NOT_AN_INTEGER(ErrorCode.INVALID_PARAMETER, "必须是整数"),
    NOT_A_VIRTUAL_NUMBER(ErrorCode.INVALID_PARAMETER, "不是有效的隐私号(虚拟号码)"),
    NOT_A_REAL_NUMBER(ErrorCode.INVALID_PARAMETER, "不是有效的真实号码"),
    NOT_A_PLATFORM(ErrorCode.INVALID_PARAMETER, "平台只能是1,2,3"),
    NOT_A_NUMBER_STATE(ErrorCode.INVALID_PARAMETER, "号码状态只能是0,1,2,3"),
    NEGATIVE(ErrorCode.INVALID_PARAMETER, "不能为负数"),
    TOO_LONG(ErrorCode.INVALID_PARAMETER, "过长"),
    CONTROL_CHARACTER(ErrorCode.INVALID_PARAMETER, "含有控制字符"),
    CONFLICTING_REPEAT(ErrorCode.INVALID_PARAMETER, "重复的参数值不一致");

    /** {@link #MISSING}'s text, a constant for annotations' messages ({@code @NotNull(message = REQUIRED)}). */
    public static final String REQUIRED = "必填";

    private final ErrorCode code;
    private final String text;

    ValueProblem(ErrorCode code, String text) {
        this.code = code;
        this.text = text;
    }

    public ErrorCode code() {
        return code;
    }

    /** The reason alone, as it follows the colon (a Bean Validation message, a per-item answer next to its field). */
    public String text() {
        return text;
    }

    /** The whole sentence for a parameter, e.g. {@code 参数[userid]无效: 必须是整数}. */
    public String message(String parameter) {
        return code.format(arguments(parameter));
    }

    Object[] arguments(String parameter) {
        return this == MISSING ? new Object[] {parameter} : new Object[] {parameter, text};
    }
}
