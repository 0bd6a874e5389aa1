package com.pnhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.logging.PhoneNumbers;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void masksEveryElevenDigitNumberInAText() {
        assertThat(PhoneNumbers.mask("bind 17300000001 to 13470110001 for 51218"))
                .isEqualTo("bind 1730000**** to 1347011**** for 51218");
    }

    @Test
    void leavesLongerDigitRunsAndShortIdsAlone() {
        assertThat(PhoneNumbers.mask("subsId 1000000000000001 user 74705")).isEqualTo("subsId 1000000000000001 user 74705");
        assertThat(PhoneNumbers.mask("PhoneNoA=13470110001&x")).isEqualTo("PhoneNoA=1347011****&x");
    }

    @Test
    void masksTheCountryCodeFormsByTheSameRule() {
        assertThat(PhoneNumbers.mask("a=8613912340002 b=+8613912340002 c=008613912340002"))
                .isEqualTo("a=861391234**** b=+861391234**** c=00861391234****");
    }
}
