package com.pnhub.api.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pnhub.api.rules.NumberRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PhoneNumber (A, B) and VirtualNumber (X) by the number rules' prefixes. */
class NumberValuesTest {

    private final NumberRules rules = NumberRules.defaults();

    @Test
    void phoneCanBeAMobileOrAGovernmentNumber() {
        assertThat(PhoneNumber.of("userPhone", "13812345678", rules).value()).isEqualTo("13812345678");
        assertThat(PhoneNumber.of("telA", "11012345678", rules).value()).isEqualTo("11012345678");
    }

    @Test
    void phoneCannotBeVirtualMalformedOrUnknownAndSaysSo() {
        for (String bad : new String[] {"17300000001", "1381234567", "138123456789", "1381234567x", "１３８１２３４５６７８",
                "20012345678", "1347011****"}) {
            assertThatThrownBy(() -> PhoneNumber.of("userPhone", bad, rules)).as(bad)
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.legacyMessage()).isEqualTo("参数[userPhone]无效: 不是有效的真实号码"));
        }
        assertThatThrownBy(() -> PhoneNumber.of("telA", null, rules)).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.legacyMessage()).isEqualTo("缺少参数[telA]"));
    }

    @Test
    void virtualCanBeAnElevenDigitNumberWithAVirtualPrefix() {
        assertThat(VirtualNumber.of("private_number", "17111526089", rules).value()).isEqualTo("17111526089");
    }

    @Test
    void virtualCannotBeARealNumberOrMalformedAndSaysSo() {
        for (String bad : new String[] {"13800138000", "1711152608", "171115260890", "1711152608a", "+8617111526089"}) {
            assertThatThrownBy(() -> VirtualNumber.of("private_number", bad, rules)).as(bad)
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.legacyMessage()).isEqualTo("参数[private_number]无效: 不是有效的隐私号(虚拟号码)"));
        }
        assertThatThrownBy(() -> VirtualNumber.of("private_number", "", rules))
                .hasFieldOrPropertyWithValue("problem", ValueProblem.MISSING);
    }

    @Test
    void kindFollowsConfiguredPrefixes() {
        NumberRules swapped = new NumberRules(Set.of("13"), Set.of("17"), Set.of());
        assertThat(VirtualNumber.of("x", "13800138000", swapped).value()).isEqualTo("13800138000");
        assertThat(PhoneNumber.of("a", "17111526089", swapped).value()).isEqualTo("17111526089");
        assertThat(PhoneNumber.isValid("13800138000", swapped)).isFalse();
    }

    @Test
    void constructorsCheckTheFormWithoutRules() {
        assertThatThrownBy(() -> new PhoneNumber("138")).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.legacyMessage()).isEqualTo("参数[phone]无效: 不是有效的真实号码"));
        assertThatThrownBy(() -> new VirtualNumber("1711152608x")).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.legacyMessage()).isEqualTo("参数[number]无效: 不是有效的隐私号(虚拟号码)"));
    }

    @Test
    void toStringIsMaskedForLogs() {
        assertThat(new PhoneNumber("13470110001")).hasToString("1347011****");
        assertThat(new VirtualNumber("17111526089")).hasToString("1711152****");
    }
}
