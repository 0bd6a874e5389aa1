package com.pnhub.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberRulesTest {

    private final NumberRules rules = NumberRules.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"16000000001", "17111526089", "19912345678"})
    void canClassifyVirtualNumbersByPrefix16_17_19(String number) {
        assertThat(rules.classify(number)).isEqualTo(NumberKind.VIRTUAL);
        assertThat(rules.isVirtual(number)).isTrue();
        assertThat(rules.isReachable(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13470110001", "14700000000", "15912345678", "18812345678"})
    void canClassifyRealNumbersByPrefix13_14_15_18(String number) {
        assertThat(rules.classify(number)).isEqualTo(NumberKind.REAL);
        assertThat(rules.isVirtual(number)).isFalse();
        assertThat(rules.isReachable(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11012345678", "12345678901"})
    void canClassifyGovernmentNumbersByPrefix11_12(String number) {
        assertThat(rules.classify(number)).isEqualTo(NumberKind.GOVERNMENT);
        assertThat(rules.isVirtual(number)).isFalse();
        assertThat(rules.isReachable(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10012345678", "20012345678", "00000000000", "99999999999"})
    void cannotClassifyAnUnknownPrefix(String number) {
        assertThat(rules.classify(number)).isEqualTo(NumberKind.INVALID);
        assertThat(rules.isReachable(number)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1347011000", "134701100012", "1700000000", "1", "170000000011"})
    void cannotClassifyANumberThatIsNot11DigitsLong(String number) {
        assertThat(rules.classify(number)).isEqualTo(NumberKind.INVALID);
        assertThat(rules.isVirtual(number)).isFalse();
        assertThat(rules.isReachable(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1347011000a", "17-00000001", "+8613470110", "1347011 001", "１３４７０１１０００１"})
    void cannotClassifyANumberWithNonDigits(String number) {
        assertThat(rules.classify(number)).isEqualTo(NumberKind.INVALID);
    }

    @Test
    void canUseConfiguredPrefixesInsteadOfTheDefaults() {
        NumberRules custom = new NumberRules(Set.of("13"), Set.of("17"), Set.of());
        assertThat(custom.classify("13470110001")).isEqualTo(NumberKind.VIRTUAL);
        assertThat(custom.classify("17000000001")).isEqualTo(NumberKind.REAL);
        assertThat(custom.classify("11012345678")).isEqualTo(NumberKind.INVALID);
    }


}
