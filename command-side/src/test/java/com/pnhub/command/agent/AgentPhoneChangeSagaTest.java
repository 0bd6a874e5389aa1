package com.pnhub.command.agent;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.FollowAgentPhoneCommand;
import com.pnhub.command.number.InMemoryNumberLookup;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQ176: every number the agent holds is asked to follow the agent's new phone. */
class AgentPhoneChangeSagaTest {

    static final String U1 = "51218";
    static final String U2 = "74705";
    static final String X = "17000000001";
    static final String X2 = "17000000002";
    static final String X3 = "17000000003";
    static final String PREVIOUS = "13470110001";
    static final String REPORTED = "13470110009";
    static final String NEW_PHONE = "13470110002";
    static final String EVENT_ID = "ev-42";
    static final long POOL = 100001L;
    static final long REGION = 21L;

    private SagaTestFixture<AgentPhoneChangeSaga> fixture;
    private InMemoryNumberLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AgentPhoneChangeSaga.class);
        lookup = new InMemoryNumberLookup()
                .with(X, Platform.ALIYUN, POOL, REGION, U1)
                .with(X2, Platform.DONGXIN, POOL, REGION, U1)
                .with(X3, Platform.ALIYUN, POOL, REGION, U2);
        fixture.registerResource(lookup);
        fixture.registerCommandGateway(CommandGateway.class);
    }

    /** The event as the event store hands it on, with a known identifier. */
    static GenericEventMessage<AgentPhoneChangedEvent> changed(String userId, String previous, String reported, boolean matched) {
        return new GenericEventMessage<>(EVENT_ID, new AgentPhoneChangedEvent(userId, previous, NEW_PHONE, reported,
                matched, "mis"), MetaData.emptyInstance(), Instant.now());
    }

    static FollowAgentPhoneCommand follow(String number, String oldPhone) {
        return new FollowAgentPhoneCommand(number, U1, oldPhone, NEW_PHONE, EVENT_ID + ":" + number);
    }

    @Test
    void canAskEveryNumberOfTheAgentToFollowFromTheReportedAndThePreviousPhone() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(changed(U1, PREVIOUS, REPORTED, false))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(follow(X, REPORTED), follow(X, PREVIOUS),
                        follow(X2, REPORTED), follow(X2, PREVIOUS))
                .expectActiveSagas(0);
    }

    @Test
    void canAskOnceForEachNumberWhenTheReportedPhoneIsThePreviousOne() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(changed(U1, PREVIOUS, PREVIOUS, true))
                .expectDispatchedCommands(follow(X, PREVIOUS), follow(X2, PREVIOUS))
                .expectActiveSagas(0);
    }

    @Test
    void canAskFromThePreviousPhoneWhenNoneWasReported() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(changed(U1, PREVIOUS, null, true))
                .expectDispatchedCommands(follow(X, PREVIOUS), follow(X2, PREVIOUS))
                .expectActiveSagas(0);
    }

    @Test
    void canAskFromTheReportedPhoneForAnAgentWithoutAPreviousPhone() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(changed(U1, null, REPORTED, false))
                .expectDispatchedCommands(follow(X, REPORTED), follow(X2, REPORTED))
                .expectActiveSagas(0);
    }

    @Test
    void cannotAskAnythingWithoutAnyOldPhone() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(changed(U1, null, null, true))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void cannotAskAnythingForAnAgentWhoHoldsNoNumber() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new GenericEventMessage<>(EVENT_ID,
                        new AgentPhoneChangedEvent("99999", PREVIOUS, NEW_PHONE, REPORTED, false, "mis"),
                        MetaData.emptyInstance(), Instant.now()))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void canAskOnlyTheNumbersOfThatAgent() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new GenericEventMessage<>(EVENT_ID,
                        new AgentPhoneChangedEvent(U2, PREVIOUS, NEW_PHONE, null, true, "mis"),
                        MetaData.emptyInstance(), Instant.now()))
                .expectDispatchedCommands(new FollowAgentPhoneCommand(X3, U2, PREVIOUS, NEW_PHONE, EVENT_ID + ":" + X3))
                .expectActiveSagas(0);
    }
}
