package com.pnhub.command.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;
import com.pnhub.api.calls.RecordCallCommand;
import com.pnhub.api.numbers.CallRecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A call's own stream: recorded once, with its attribution, and listed for its number. */
class RecordedCallTest {

    static final String X = "17300000001";
    static final String CALL = "call-1";
    static final CallAttribution HOLDER = new CallAttribution(CallAttribution.AX, "51218", "13470110001", null, null, null);

    private FixtureConfiguration<RecordedCall> fixture;
    private final List<String> indexed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RecordedCall.class);
        fixture.registerInjectableResource(new CallNumberIndex(new JdbcTemplate()) {
            @Override
            void add(String number, String callKey) {
                indexed.add(number + " " + callKey);
            }
        });
    }

    static CallRecord call() {
        Instant t = Instant.parse("2026-11-28T12:00:30Z");
        return new CallRecord(CALL, null, "13470110001", "13800000001", 0, t, t.plusSeconds(5), t.plusSeconds(65), 16, 1, "17");
    }

    @Test
    void canRecordACallInAStreamOfItsOwn() {
        fixture.givenNoPriorActivity()
                .when(new RecordCallCommand(CallRecordedEvent.streamOf(CALL), X, call(), HOLDER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CallRecordedEvent(X, call(), HOLDER));
        assertThat(indexed).containsExactly(X + " call:" + CALL);
    }

    @Test
    void canNameTheCallsStreamAfterItsCallId() {
        assertThat(CallRecordedEvent.streamOf(CALL)).isEqualTo("call:call-1");
    }
}
