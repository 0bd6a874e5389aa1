package com.pnhub.command.blacklist;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistNumberCommand;
import com.pnhub.api.blacklist.NumberBlacklistedEvent;
import com.pnhub.api.blacklist.NumberUnblacklistedEvent;
import com.pnhub.api.blacklist.UnblacklistNumberCommand;
import com.pnhub.api.values.Platform;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legacy #7 / MQ173 for customer (B) numbers. */
class BlacklistedNumberTest {

    static final String B = "13800138000";
    static final Platform PLATFORM = Platform.ALIYUN;
    static final String KEY = "3:" + B;
    static final String ADMIN = "admin";
    static final BlacklistDirection OUT = BlacklistDirection.OUTBOUND;
    static final BlacklistDirection IN = BlacklistDirection.INBOUND;

    private FixtureConfiguration<BlacklistedNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BlacklistedNumber.class);
    }

    static BlacklistNumberCommand add(BlacklistDirection direction) {
        return new BlacklistNumberCommand(KEY, PLATFORM, B, direction, ADMIN);
    }

    static UnblacklistNumberCommand remove(BlacklistDirection direction) {
        return new UnblacklistNumberCommand(KEY, PLATFORM, B, direction, ADMIN);
    }

    static NumberBlacklistedEvent blacklisted(BlacklistDirection direction) {
        return new NumberBlacklistedEvent(KEY, PLATFORM, B, direction, ADMIN);
    }

    @Test
    void canKeyANumberByPlatformCodeAndNumber() {
        org.assertj.core.api.Assertions.assertThat(BlacklistKey.of(PLATFORM.code(), B)).isEqualTo(KEY);
        org.assertj.core.api.Assertions.assertThat(BlacklistKey.of(1, B)).isNotEqualTo(KEY);
    }

    @Test
    void canBlacklistANumberNeverSeenBefore() {
        fixture.givenNoPriorActivity()
                .when(add(OUT))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(blacklisted(OUT));
    }

    @Test
    void canIgnoreBlacklistingTheSameDirectionTwice() {
        fixture.given(blacklisted(OUT))
                .when(add(OUT))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canBlacklistTheOtherDirection() {
        fixture.given(blacklisted(OUT))
                .when(add(IN))
                .expectResultMessagePayload(true)
                .expectEvents(blacklisted(IN));
    }

    @Test
    void canUnblacklistOneOfTwoDirectionsAndSayTheOtherRemains() {
        fixture.given(blacklisted(OUT), blacklisted(IN))
                .when(remove(IN))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new NumberUnblacklistedEvent(KEY, PLATFORM, B, IN, ADMIN, true));
    }

    @Test
    void canUnblacklistTheOnlyDirection() {
        fixture.given(blacklisted(OUT))
                .when(remove(OUT))
                .expectResultMessagePayload(true)
                .expectEvents(new NumberUnblacklistedEvent(KEY, PLATFORM, B, OUT, ADMIN, false));
    }

    @Test
    void canUnblacklistTheLastOfTwoDirections() {
        fixture.given(blacklisted(OUT), blacklisted(IN), new NumberUnblacklistedEvent(KEY, PLATFORM, B, IN, ADMIN, true))
                .when(remove(OUT))
                .expectEvents(new NumberUnblacklistedEvent(KEY, PLATFORM, B, OUT, ADMIN, false));
    }

    @Test
    void canIgnoreUnblacklistingADirectionThatIsNotBlacklisted() {
        fixture.given(blacklisted(OUT))
                .when(remove(IN))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canIgnoreUnblacklistingARemovedDirectionAgain() {
        fixture.given(blacklisted(OUT), new NumberUnblacklistedEvent(KEY, PLATFORM, B, OUT, ADMIN, false))
                .when(remove(OUT))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canIgnoreUnblacklistingANumberNeverSeenBefore() {
        fixture.givenNoPriorActivity()
                .when(remove(OUT))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canBlacklistAgainAfterAnUnblacklist() {
        fixture.given(blacklisted(OUT), new NumberUnblacklistedEvent(KEY, PLATFORM, B, OUT, ADMIN, false))
                .when(add(OUT))
                .expectResultMessagePayload(true)
                .expectEvents(blacklisted(OUT));
    }
}
