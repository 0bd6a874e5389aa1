package com.pnhub.api.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pnhub.api.errors.ErrorCode;
import org.junit.jupiter.api.Test;

class UserIdTest {

    @Test
    void canBeDigitsUpToEighteen() {
        assertThat(UserId.of("userid", "74705").value()).isEqualTo("74705");
        assertThat(UserId.of("userid", "123456789012345678").value()).hasSize(18);
        assertThat(new UserId("1")).isEqualTo(UserId.of("tuserid", "1"));
    }

    @Test
    void cannotBeLettersAndSaysSoInTheLegacyWords() {
        assertThatThrownBy(() -> UserId.of("userid", "abc"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.legacyMessage()).isEqualTo("参数[userid]无效: 必须是整数");
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.parameter()).isEqualTo("userid");
                    assertThat(e.problem()).isEqualTo(ValueProblem.NOT_AN_INTEGER);
                });
    }

    @Test
    void cannotBeNegativeOtherScriptsDigitsOrTooLong() {
        for (String bad : new String[] {"-1", "１２３", "١٢٣", "1 2", "1234567890123456789", "74705;DROP"}) {
            assertThatThrownBy(() -> UserId.of("userId", bad)).as(bad)
                    .isInstanceOf(InvalidValueException.class).hasFieldOrPropertyWithValue("problem", ValueProblem.NOT_AN_INTEGER);
        }
    }

    @Test
    void cannotBeAbsentAndThenIsMissing() {
        assertThatThrownBy(() -> UserId.of("userid", null)).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.legacyMessage()).isEqualTo("缺少参数[userid]"));
        assertThatThrownBy(() -> UserId.of("userid", "")).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PARAMETER));
    }

    @Test
    void checksItselfWhenConstructedAndNamesItsDefaultParameter() {
        assertThatThrownBy(() -> new UserId("x1")).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.legacyMessage()).isEqualTo("参数[userId]无效: 必须是整数"));
    }
}
