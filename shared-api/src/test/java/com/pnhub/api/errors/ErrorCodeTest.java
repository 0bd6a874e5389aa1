package com.pnhub.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The four ResultMsg texts the legacy contract quotes, character for character. */
class ErrorCodeTest {

    @Test
    void canFormatTheStateNotBindableMessage() {
        assertThat(ErrorCode.NUMBER_STATE_NOT_BINDABLE.format(2)).isEqualTo("当前号码状态为[2]，无法绑定！");
    }

    @Test
    void canGiveTheNotBoundMessage() {
        assertThat(ErrorCode.NOT_BOUND.format()).isEqualTo("解绑失败-当前隐私号不存在绑定关系。");
    }

    @Test
    void canGiveTheUserAlreadyHasNumberMessage() {
        assertThat(ErrorCode.USER_ALREADY_HAS_NUMBER.format()).isEqualTo("您存在绑定的小号,不能再绑定新的小号");
    }

    @Test
    void canFormatTheFaultBindingMessage() {
        assertThat(ErrorCode.USER_ALREADY_HAS_FAULT_BINDING.format("51218"))
                .isEqualTo("内部错误[FAIL-5000-该用户[51218]已经有故障绑定,不能再注册新的小号.]");
    }

    @Test
    void canCarryTheCodeAndLegacyMessageInABusinessRuleException() {
        BusinessRuleException e = new BusinessRuleException(ErrorCode.NUMBER_STATE_NOT_BINDABLE, 2);
        assertThat(e.code()).isEqualTo(ErrorCode.NUMBER_STATE_NOT_BINDABLE);
        assertThat(e.legacyMessage()).isEqualTo("当前号码状态为[2]，无法绑定！");
        assertThat(e.args()).containsExactly(2);
        assertThat(e.getMessage()).contains("NUMBER_STATE_NOT_BINDABLE");
    }

    @Test
    void cannotChangeTheExceptionsArgumentsFromOutside() {
        Object[] args = {"17000000001"};
        BusinessRuleException e = new BusinessRuleException(ErrorCode.NUMBER_BUSY, args);
        args[0] = "changed";
        e.args()[0] = "changed too";
        assertThat(e.legacyMessage()).isEqualTo("号码[17000000001]正在处理中,请稍后再试");
    }
}
