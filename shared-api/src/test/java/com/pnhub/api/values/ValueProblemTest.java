package com.pnhub.api.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The texts MIS reads (ADR 0006), character for character: a changed one fails here first. */
class ValueProblemTest {

    @Test
    void keepsTheLegacyTexts() {
        Map<ValueProblem, String> texts = Arrays.stream(ValueProblem.values())
                .collect(Collectors.toMap(p -> p, p -> p.message("p")));
        assertThat(texts).containsExactlyInAnyOrderEntriesOf(Map.of(
                ValueProblem.MISSING, "缺少参数[p]",
                ValueProblem.NOT_AN_INTEGER, "参数[p]无效: 必须是整数",
                ValueProblem.NOT_A_VIRTUAL_NUMBER, "参数[p]无效: 不是有效的隐私号(虚拟号码)",
                ValueProblem.NOT_A_REAL_NUMBER, "参数[p]无效: 不是有效的真实号码",
                ValueProblem.NOT_A_PLATFORM, "参数[p]无效: 平台只能是1,2,3",
                ValueProblem.NOT_A_NUMBER_STATE, "参数[p]无效: 号码状态只能是0,1,2,3",
                ValueProblem.NEGATIVE, "参数[p]无效: 不能为负数",
                ValueProblem.TOO_LONG, "参数[p]无效: 过长",
                ValueProblem.CONTROL_CHARACTER, "参数[p]无效: 含有控制字符",
                ValueProblem.CONFLICTING_REPEAT, "参数[p]无效: 重复的参数值不一致"));
    }

    @Test
    void anInvalidValueIsTheBusinessErrorEdgesAlreadyAnswer() {
        InvalidValueException e = new InvalidValueException("state", ValueProblem.NOT_A_NUMBER_STATE);
        assertThat(e.legacyMessage()).isEqualTo(ValueProblem.NOT_A_NUMBER_STATE.message("state"));
        assertThat(e.args()).containsExactly("state", "号码状态只能是0,1,2,3");
    }
}
