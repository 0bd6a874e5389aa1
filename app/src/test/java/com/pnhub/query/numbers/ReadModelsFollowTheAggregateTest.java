package com.pnhub.query.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.fault.DeclareFaultBindingCommand;
import com.pnhub.api.fault.EndFaultBindingCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.SetNumberStateCommand;
import com.pnhub.api.numbers.TransferNumberCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmAxBindingCommand;
import com.pnhub.command.internal.ConfirmAxPhoneChangeCommand;
import com.pnhub.command.internal.ConfirmAxUnbindingCommand;
import com.pnhub.command.internal.ConfirmFaultPushCommand;
import com.pnhub.command.internal.FollowAgentPhoneCommand;
import com.pnhub.command.internal.HoldFaultBindingCommand;
import com.pnhub.command.internal.RejectAxBindingCommand;
import com.pnhub.command.internal.RejectAxPhoneChangeCommand;
import com.pnhub.command.internal.RejectAxUnbindingCommand;
import com.pnhub.command.number.InMemoryNumberLookup;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import com.pnhub.query.redis.UserAxsRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read models against the one state machine: each case runs commands through the aggregate (Axon's test fixture)
 * and applies the very events it produced to number_view's rules ({@link NumberRow}) and to the legacy hash's rules
 * ({@link UserAxsRules}); both must show what the aggregate itself is after them ({@link NumberReplay}). The cases are
 * the aggregate tests' sequences, including those in which the read models used to guess (a refused unbind of a fault
 * binding, a fault binding that changes phone or holder, a temporary number that changes holder).
 */
class ReadModelsFollowTheAggregateTest {

    static final String X = "17300000001";
    static final String U1 = "51218";
    static final String U2 = "74705";
    static final String A = "13470110001";
    static final String A2 = "13470110002";
    static final String SUBS = "1000039976446302";
    static final String NEW_SUBS = "1000039976449999";
    static final Platform PLATFORM = Platform.ALIYUN;
    static final long POOL = 17L;

    static NumberRegisteredEvent registered() {
        return new NumberRegisteredEvent(X, PLATFORM, POOL, 1);
    }

    static Object[] bound() {
        return new Object[] {registered(), new AxBindRequestedEvent(X, "op-1", U1, A, PLATFORM, POOL, 1, true),
                new AxBoundEvent(X, "op-1", U1, A, SUBS, PLATFORM, POOL)};
    }

    static Object[] heldFault() {
        return new Object[] {registered(), new AxBindRequestedEvent(X, "op-1", U1, A, PLATFORM, POOL, 1, true),
                new AxFaultBoundEvent(X, "op-1", U1, A, BindType.NORMAL, PLATFORM, POOL, null, FaultCause.PROVIDER_UNAVAILABLE, "down")};
    }

    static Object[] temporaryNumber() {
        return new Object[] {registered(),
                new AxFaultBoundEvent(X, "op-1", U1, A, BindType.TEMPORARY, PLATFORM, POOL, null, FaultCause.TEMPORARY, "temporary")};
    }

    static Arguments when(String name, Object[] given, Object... commands) {
        return Arguments.of(name, given, commands);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                when("bound", new Object[] {registered()}, new BindAxCommand(X, U1, A, null, "op-1"),
                        new ConfirmAxBindingCommand(X, "op-1", SUBS)),
                when("a bind the provider refused gives the number back", new Object[] {registered()},
                        new BindAxCommand(X, U1, A, null, "op-1"), new RejectAxBindingCommand(X, "op-1", "isv.X", "no", false)),
                when("a bind the provider could not take is a fault binding", new Object[] {registered()},
                        new BindAxCommand(X, U1, A, null, "op-1"), new HoldFaultBindingCommand(X, "op-1", "isp.TIMEOUT", "t")),
                when("unbound, still assigned", bound(), new UnbindAxCommand(X, U1, "op-2"), new ConfirmAxUnbindingCommand(X, "op-2")),
                when("a refused unbind stays bound", bound(), new UnbindAxCommand(X, U1, "op-2"),
                        new RejectAxUnbindingCommand(X, "op-2", "isv.X", "no", false)),
                when("a refused unbind of a fault binding stays a fault binding", bound(),
                        new DeclareFaultBindingCommand(X, U1, "op-2"), new EndFaultBindingCommand(X, U1, true, "op-3", "#13"),
                        new RejectAxUnbindingCommand(X, "op-3", "isv.X", "no", true)),
                when("a changed A", bound(), new ChangeAxPhoneCommand(X, U1, A2, "op-2"), new ConfirmAxPhoneChangeCommand(X, "op-2")),
                when("a refused change of A", bound(), new ChangeAxPhoneCommand(X, U1, A2, "op-2"),
                        new RejectAxPhoneChangeCommand(X, "op-2", "isv.X", "no", false)),
                when("a bound number transferred", bound(), new TransferNumberCommand(X, U1, U2, A2, "op-2"),
                        new ConfirmAxPhoneChangeCommand(X, "op-2")),
                when("a refused transfer", bound(), new TransferNumberCommand(X, U1, U2, A2, "op-2"),
                        new RejectAxPhoneChangeCommand(X, "op-2", "isv.X", "no", false)),
                when("a fault binding transferred takes the new holder's phone", heldFault(),
                        new TransferNumberCommand(X, U1, U2, A2, "op-2")),
                when("a temporary number transferred stays temporary", temporaryNumber(),
                        new TransferNumberCommand(X, U1, U2, A2, "op-2")),
                when("a fault binding follows the holder's new phone", heldFault(),
                        new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1")),
                when("a fault binding pushed with a phone that changed meanwhile moves on", heldFault(),
                        new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1"), new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A)),
                when("a declared fault binding ended by state", bound(), new DeclareFaultBindingCommand(X, U1, "op-2"),
                        new EndFaultBindingCommand(X, U1, false, "op-3", "#12")),
                when("a temporary number pushed", temporaryNumber(), new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A)),
                when("a temporary number ended", temporaryNumber(), new EndFaultBindingCommand(X, U1, false, "op-2", "#12")),
                when("released", bound(), new ReleaseNumberCommand(X, U1, "op-2"), new ConfirmAxUnbindingCommand(X, "op-2")),
                when("disabled", new Object[] {registered()}, new SetNumberStateCommand(X, NumberState.DISABLED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theReadModelsShowWhatTheAggregateIs(String name, Object[] given, Object[] commands) {
        List<DomainEventMessage<?>> events = run(given, commands);

        NumberReplay replay = new NumberReplay();
        events.forEach(replay::apply);
        PrivateNumber.View aggregate = replay.view();

        NumberRow row = null;
        Map<String, String> hash = new HashMap<>();
        for (DomainEventMessage<?> e : events) {
            Instant at = e.getTimestamp();
            if (row == null) {
                row = NumberRow.startedBy(e.getPayload(), e.getSequenceNumber(), at);
            } else {
                row.apply(e.getPayload(), e.getSequenceNumber(), at);
            }
            UserAxsRules.apply(hash, e.getPayload());
        }

        assertThat(row.bindState).as("bind state").isEqualTo(aggregate.bindState());
        assertThat(row.holder()).as("holder").isEqualTo(aggregate.holder());
        assertThat(row.phoneA).as("A").isEqualTo(aggregate.phoneA());
        assertThat(row.subsId).as("subscription").isEqualTo(aggregate.subsId());
        assertThat(row.numberState).as("number state").isEqualTo(aggregate.numberState().code());
        if (aggregate.holder() == null) {
            assertThat(hash.values()).as("nobody's field names X").noneMatch(v -> v.contains(X));
        } else if (aggregate.bindState() == BindState.BOUND || aggregate.bindState() == BindState.FAULT) {
            boolean temporary = aggregate.bindState() == BindState.FAULT || aggregate.bindType() == BindType.TEMPORARY;
            assertThat(hash).as("the holder's field").containsEntry(aggregate.holder(),
                    UserAxsRules.value(X, temporary ? BindType.TEMPORARY : BindType.NORMAL));
        }
    }

    /** The given events, then each command in turn on what the previous ones left: every event of X in order. */
    private static List<DomainEventMessage<?>> run(Object[] given, Object[] commands) {
        InMemoryNumberLookup lookup = new InMemoryNumberLookup();
        lookup.with(X, PLATFORM, POOL, 1, given.length > 1 ? U1 : null);
        List<Object> history = new ArrayList<>(List.of(given));
        List<DomainEventMessage<?>> events = List.of();
        for (Object command : commands) {
            AggregateTestFixture<PrivateNumber> fixture = new AggregateTestFixture<>(PrivateNumber.class);
            fixture.registerInjectableResource(lookup);
            fixture.given(history.toArray()).when(command).expectSuccessfulHandlerExecution();
            List<DomainEventMessage<?>> all = new ArrayList<>();
            fixture.getEventStore().readEvents(X).asStream().forEach(all::add);
            events = all;
            history = new ArrayList<>(all.stream().map(DomainEventMessage::getPayload).toList());
        }
        return events;
    }
}
