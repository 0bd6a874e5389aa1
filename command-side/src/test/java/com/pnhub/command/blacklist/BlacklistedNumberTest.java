package com.pnhub.command.blacklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistNumberCommand;
import com.pnhub.api.blacklist.NumberBlacklistedEvent;
import com.pnhub.api.blacklist.NumberUnblacklistedEvent;
import com.pnhub.api.blacklist.UnblacklistNumberCommand;
import com.pnhub.api.values.Platform;
import java.util.HashSet;
import java.util.Set;
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
    /** The lookup's rows as the command handlers leave them; events given to the fixture do not write it. */
    private final Set<String> lookup = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BlacklistedNumber.class);
        fixture.registerInjectableResource(new BlacklistLookup() {
            @Override
            public void add(Platform platform, String number, BlacklistDirection direction) {
                lookup.add(row(platform, number, direction));
            }

            @Override
            public void remove(Platform platform, String number, BlacklistDirection direction) {
                lookup.remove(row(platform, number, direction));
            }

            @Override
            public boolean isBlacklisted(Platform platform, String number, BlacklistDirection direction) {
                return lookup.contains(row(platform, number, direction));
            }
        });
    }

    private static String row(Platform platform, String number, BlacklistDirection direction) {
        return platform.code() + ":" + number + ":" + direction;
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
        assertThat(lookup).containsExactly(row(PLATFORM, B, OUT));
    }

    @Test
    void canLeaveTheLookupAloneWhenTheDirectionIsThereAlready() {
        fixture.given(blacklisted(OUT))
                .when(add(OUT))
                .expectNoEvents();
        assertThat(lookup).isEmpty();
    }

    @Test
    void canTakeTheDirectionOutOfTheLookupWhenUnblacklisted() {
        lookup.add(row(PLATFORM, B, OUT));
        lookup.add(row(PLATFORM, B, IN));
        fixture.given(blacklisted(OUT), blacklisted(IN))
                .when(remove(OUT))
                .expectEvents(new NumberUnblacklistedEvent(KEY, PLATFORM, B, OUT, ADMIN, true));
        assertThat(lookup).containsExactly(row(PLATFORM, B, IN));
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
