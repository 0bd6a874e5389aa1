package com.pnhub.api.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void canBeParsedFromItsCode() {
        assertThat(Platform.of("platformID", "3")).isEqualTo(Platform.ALIYUN);
        assertThat(Platform.of("platId", 1)).isEqualTo(Platform.DONGXIN);
        assertThat(Platform.ofCode(2)).isEqualTo(Platform.JIUYUN);
    }

    @Test
    void cannotBeAnotherCode() {
        for (String bad : new String[] {"0", "4", "-1", "2147483647"}) {
            assertThatThrownBy(() -> Platform.of("platformID", bad)).as(bad).isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.legacyMessage()).isEqualTo("参数[platformID]无效: 平台只能是1,2,3"));
        }
    }

    @Test
    void cannotBeSomethingElseThanAnInteger() {
        for (String bad : new String[] {"abc", "３", "1.0", "99999999999"}) {
            assertThatThrownBy(() -> Platform.of("platformID", bad)).as(bad).isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.legacyMessage()).isEqualTo("参数[platformID]无效: 必须是整数"));
        }
        assertThatThrownBy(() -> Platform.of("platformID", (String) null)).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.legacyMessage()).isEqualTo("缺少参数[platformID]"));
    }
}
