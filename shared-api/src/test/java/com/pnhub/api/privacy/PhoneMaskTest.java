package com.pnhub.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void canMaskTheLastFourDigitsOfAMobile() {
        assertThat(PhoneMask.number("13470110001")).isEqualTo("1347011****");
        assertThat(PhoneMask.number("17300000001")).isEqualTo("1730000****");
    }

    @Test
    void canMaskTheCountryCodeFormsByTheSameRule() {
        assertThat(PhoneMask.number("8613912340002")).isEqualTo("861391234****");
        assertThat(PhoneMask.number("+8613912340002")).isEqualTo("+861391234****");
        assertThat(PhoneMask.number("008613912340002")).isEqualTo("00861391234****");
    }

    @Test
    void cannotShowMoreThanAllButFourCharactersOfAnyOtherValue() {
        assertThat(PhoneMask.number("02112345678")).isEqualTo("0211234****");
        assertThat(PhoneMask.number("87654321")).isEqualTo("8765****");
        assertThat(PhoneMask.number("12345")).isEqualTo("1****");
        assertThat(PhoneMask.number("110")).isEqualTo("****");
        assertThat(PhoneMask.number("")).isEqualTo("****");
        assertThat(PhoneMask.number(null)).isNull();
    }

    @Test
    void canMaskEveryMobileInATextAndGivesTheSameFormAsForOneNumber() {
        assertThat(PhoneMask.inText("bind 17300000001 to 13470110001 for 51218"))
                .isEqualTo("bind " + PhoneMask.number("17300000001") + " to " + PhoneMask.number("13470110001") + " for 51218");
        assertThat(PhoneMask.inText("a=8613912340002 b=+8613912340002 c=008613912340002"))
                .isEqualTo("a=861391234**** b=+861391234**** c=00861391234****");
        assertThat(PhoneMask.inText("号码[13470110001]不存在")).isEqualTo("号码[1347011****]不存在");
    }

    @Test
    void cannotTouchIdsAndLongerDigitRunsInAText() {
        assertThat(PhoneMask.inText("subsId 1000000000000001 user 74705")).isEqualTo("subsId 1000000000000001 user 74705");
        assertThat(PhoneMask.inText("PhoneNoA=13470110001&x")).isEqualTo("PhoneNoA=1347011****&x");
        assertThat(PhoneMask.inText(null)).isNull();
    }

    @Test
    void cannotMaskAnErasedNumberIntoSomethingThatLooksLikeOne() {
        assertThat(PhoneMask.number(PersonalData.ERASED)).isEqualTo("erased");
    }
}
