package com.pnhub.command.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmAxBindingCommand;
import com.pnhub.command.internal.ConfirmAxPhoneChangeCommand;
import com.pnhub.command.internal.ConfirmAxUnbindingCommand;
import com.pnhub.command.internal.HoldFaultBindingCommand;
import com.pnhub.command.internal.RejectAxBindingCommand;
import com.pnhub.command.internal.RejectAxPhoneChangeCommand;
import com.pnhub.command.internal.RejectAxUnbindingCommand;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderCallSagaTest {

    static final String X = "17000000001";
    static final String U1 = "51218";
    static final String A = "13470110001";
    static final String A2 = "13470110002";
    static final String U2 = "74705";
    static final String SUBS = "1000039976446302";
    static final long POOL = 100001L;
    static final long REGION = 21L;
    static final String OP = "op-1";

    private SagaTestFixture<ProviderCallSaga> fixture;
    private ScriptedNumberProvider aliyun;
    private ScriptedNumberProvider dongxin;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ProviderCallSaga.class);
        aliyun = new ScriptedNumberProvider(Platform.ALIYUN);
        dongxin = new ScriptedNumberProvider(Platform.DONGXIN);
        fixture.registerResource(new ProviderRegistry(List.of(aliyun, dongxin)));
        fixture.registerCommandGateway(CommandGateway.class);
    }

    static AxBindRequestedEvent bindRequested(Platform platform) {
        return new AxBindRequestedEvent(X, OP, U1, A, platform, POOL, REGION, true);
    }

    static AxUnbindRequestedEvent unbindRequested() {
        return new AxUnbindRequestedEvent(X, OP, U1, A, SUBS, Platform.ALIYUN, POOL, false);
    }

    static AxPhoneChangeRequestedEvent changeRequested() {
        return new AxPhoneChangeRequestedEvent(X, OP, U1, A, A2, SUBS, Platform.ALIYUN, POOL);
    }

    static AxTransferRequestedEvent transferRequested(Platform platform) {
        return new AxTransferRequestedEvent(X, OP, U1, U2, A, A2, SUBS, platform, POOL);
    }

    // ---- bind ----

    @Test
    void canConfirmABindingTheProviderAccepted() {
        aliyun.answering(new ProviderOutcome.Success("SUBS-NEW", "req-1"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(bindRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new ConfirmAxBindingCommand(X, OP, "SUBS-NEW"))
                .expectActiveSagas(0);
        assertThat(aliyun.calls()).containsExactly("bindAx " + POOL + " " + X + " " + A + " " + OP);
        assertThat(dongxin.calls()).isEmpty();
    }

    @Test
    void canCallTheProviderOfTheNumbersPlatform() {
        dongxin.answering(new ProviderOutcome.Success("DX-1", "req-1"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(bindRequested(Platform.DONGXIN))
                .expectDispatchedCommands(new ConfirmAxBindingCommand(X, OP, "DX-1"));
        assertThat(dongxin.calls()).hasSize(1);
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canRejectABindingTheProviderRefused() {
        aliyun.answering(new ProviderOutcome.Refused("isv.BIND_CONFLICT", "X already bound"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(bindRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new RejectAxBindingCommand(X, OP, "isv.BIND_CONFLICT", "X already bound", false))
                .expectActiveSagas(0);
    }

    @Test
    void canKeepTheSubscriptionABindMadeBeforeACrash() {
        // the bind ran, then the process died before the confirm; after the restart the call runs again
        aliyun.answering(new ProviderOutcome.Refused("isv.BIND_CONFLICT", "X already bound")).withLiveSubscription(SUBS, X, A);
        fixture.givenNoPriorActivity()
                .whenPublishingA(bindRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new ConfirmAxBindingCommand(X, OP, SUBS));
    }

    @Test
    void cannotKeepASubscriptionOfAnotherA() {
        aliyun.answering(new ProviderOutcome.Refused("isv.BIND_CONFLICT", "X already bound")).withLiveSubscription(SUBS, X, A2);
        fixture.givenNoPriorActivity()
                .whenPublishingA(bindRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new RejectAxBindingCommand(X, OP, "isv.BIND_CONFLICT", "X already bound", false));
    }

    @Test
    void canHoldAFaultBindingWhenTheProviderIsUnavailable() {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(bindRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new HoldFaultBindingCommand(X, OP, "isp.TIMEOUT", "read timed out"))
                .expectActiveSagas(0);
    }

    // ---- unbind ----

    @Test
    void canConfirmAnUnbindingTheProviderAccepted() {
        aliyun.answering(new ProviderOutcome.Success(null, "req-2"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(unbindRequested())
                .expectDispatchedCommands(new ConfirmAxUnbindingCommand(X, OP))
                .expectActiveSagas(0);
        assertThat(aliyun.calls()).containsExactly("unbind " + POOL + " " + SUBS + " " + X);
    }

    @Test
    void canConfirmAnUnbindingOfASubscriptionTheProviderNoLongerKnows() {
        aliyun.answering(new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "no such subscription"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(unbindRequested())
                .expectDispatchedCommands(new ConfirmAxUnbindingCommand(X, OP))
                .expectActiveSagas(0);
    }

    @Test
    void canRejectAnUnbindingTheProviderRefused() {
        aliyun.answering(new ProviderOutcome.Refused("isv.NO_PERMISSION", "not yours"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(unbindRequested())
                .expectDispatchedCommands(new RejectAxUnbindingCommand(X, OP, "isv.NO_PERMISSION", "not yours", false))
                .expectActiveSagas(0);
    }

    @Test
    void canRejectAnUnbindingWhenTheProviderIsUnavailable() {
        aliyun.answering(new ProviderOutcome.Unavailable("isv.FLOW_LIMIT", "slow down"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(unbindRequested())
                .expectDispatchedCommands(new RejectAxUnbindingCommand(X, OP, "isv.FLOW_LIMIT", "slow down", true));
    }

    // ---- change A ----

    @Test
    void canConfirmAChangeOfATheProviderAccepted() {
        aliyun.answering(new ProviderOutcome.Success(null, "req-3"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(changeRequested())
                .expectDispatchedCommands(new ConfirmAxPhoneChangeCommand(X, OP))
                .expectActiveSagas(0);
        assertThat(aliyun.calls()).containsExactly("changeA " + POOL + " " + SUBS + " " + X + " " + A2);
    }

    @Test
    void canRejectAChangeOfATheProviderRefused() {
        aliyun.answering(new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "gone"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(changeRequested())
                .expectDispatchedCommands(new RejectAxPhoneChangeCommand(X, OP, "isv.SUBS_NOT_EXIST", "gone", false))
                .expectActiveSagas(0);
    }

    @Test
    void canRejectAChangeOfAWhenTheProviderIsUnavailable() {
        aliyun.answering(new ProviderOutcome.Unavailable("HTTP_503", "unavailable"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(changeRequested())
                .expectDispatchedCommands(new RejectAxPhoneChangeCommand(X, OP, "HTTP_503", "unavailable", true));
    }

    // ---- transfer: the A moves to the new holder's phone ----

    @Test
    void canConfirmATransferWhenTheProviderMovedA() {
        aliyun.answering(new ProviderOutcome.Success(null, "req-4"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(transferRequested(Platform.ALIYUN))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new ConfirmAxPhoneChangeCommand(X, OP))
                .expectActiveSagas(0);
        assertThat(aliyun.calls()).containsExactly("changeA " + POOL + " " + SUBS + " " + X + " " + A2);
        assertThat(dongxin.calls()).isEmpty();
    }

    @Test
    void canCallTheProviderOfTheTransferredNumbersPlatform() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(transferRequested(Platform.DONGXIN))
                .expectDispatchedCommands(new ConfirmAxPhoneChangeCommand(X, OP));
        assertThat(dongxin.calls()).containsExactly("changeA " + POOL + " " + SUBS + " " + X + " " + A2);
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canRejectATransferTheProviderRefused() {
        aliyun.answering(new ProviderOutcome.Refused("isv.INVALID_PHONE", "bad phone"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(transferRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new RejectAxPhoneChangeCommand(X, OP, "isv.INVALID_PHONE", "bad phone", false))
                .expectActiveSagas(0);
    }

    @Test
    void canRejectATransferWhenTheProviderIsUnavailable() {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(transferRequested(Platform.ALIYUN))
                .expectDispatchedCommands(new RejectAxPhoneChangeCommand(X, OP, "isp.TIMEOUT", "read timed out", true))
                .expectActiveSagas(0);
    }

    @Test
    void canRejectATransferOnAPlatformWithoutProvider() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(transferRequested(Platform.JIUYUN))
                .expectDispatchedCommands(new RejectAxPhoneChangeCommand(X, OP, "pnhub.PROVIDER_NOT_CONFIGURED",
                        "no credentials configured for platform 2", false))
                .expectActiveSagas(0);
        assertThat(aliyun.calls()).isEmpty();
        assertThat(dongxin.calls()).isEmpty();
    }
}
