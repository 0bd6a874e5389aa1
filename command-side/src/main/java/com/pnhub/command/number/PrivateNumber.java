package com.pnhub.command.number;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistXCommand;
import com.pnhub.api.blacklist.UnblacklistXCommand;
import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.DeclareFaultBindingCommand;
import com.pnhub.api.fault.EndFaultBindingCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.fault.RecoverFaultBindingCommand;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRejectedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxTransferRejectedEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.FailoverEndedEvent;
import com.pnhub.api.numbers.FailoverStartedEvent;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.FaultRecoveryRequestedEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.RegisterNumberCommand;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.SetNumberStateCommand;
import com.pnhub.api.numbers.TransferNumberCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XUnblacklistedEvent;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.BindXbCommand;
import com.pnhub.api.xb.EndXbBindingCommand;
import com.pnhub.api.xb.XbBindStart;
import com.pnhub.command.internal.AttributeCallCommand;
import com.pnhub.command.internal.ConfirmAxBindingCommand;
import com.pnhub.command.internal.ConfirmAxPhoneChangeCommand;
import com.pnhub.command.internal.ConfirmAxUnbindingCommand;
import com.pnhub.command.internal.ConfirmFaultPushCommand;
import com.pnhub.command.internal.CorrectProviderPhoneCommand;
import com.pnhub.command.internal.EndFailoverCommand;
import com.pnhub.command.internal.FollowAgentPhoneCommand;
import com.pnhub.command.internal.HoldFaultBindingCommand;
import com.pnhub.command.internal.MarkSubscriptionLostCommand;
import com.pnhub.command.internal.RecordFailoverCommand;
import com.pnhub.command.internal.RejectAxBindingCommand;
import com.pnhub.command.internal.RejectAxPhoneChangeCommand;
import com.pnhub.command.internal.RejectAxUnbindingCommand;
import com.pnhub.command.number.Binding.Bound;
import com.pnhub.command.number.Binding.ChangingA;
import com.pnhub.command.number.Binding.Fault;
import com.pnhub.command.number.Binding.Requested;
import com.pnhub.command.number.Binding.Settled;
import com.pnhub.command.number.Binding.Unbinding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One virtual number X: its place in the pool, its state (dictionary 1527), the agent it is assigned to, its AX
 * binding at the provider ({@link Binding}, one sealed state) and its live customer bindings ({@link ClientBinding}
 * members, which handle their own commands). Rules are checked in the command handlers; state changes only in the
 * event sourcing handlers, which are also what point-in-time answers replay ({@link NumberReplay}). Provider calls
 * happen outside, in the sagas, which answer with the confirm/reject commands; while one is under way the binding is
 * in a transitional state and any other change of it is refused as busy. Every event whose resulting binding depends
 * on what came before names it ({@code bindState}), so no reader has to re-derive a transition.
 */
// snapshots (every SNAPSHOT_EVERY events, bean in app's AxonStorageConfig) are written by the jackson3 serializer,
// which reads fields; revision 2: the sealed binding replaced the pending flags, older snapshots are not read
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(snapshotTriggerDefinition = PrivateNumber.SNAPSHOT_TRIGGER, cache = PrivateNumber.CACHE)
@Revision("2")
public class PrivateNumber {

    /** The bean name of this aggregate's snapshot trigger. */
    public static final String SNAPSHOT_TRIGGER = "privateNumberSnapshotTrigger";
    /** The bean name of this aggregate's cache (app's AxonStorageConfig). */
    public static final String CACHE = "privateNumberCache";

    @AggregateIdentifier
    private String number;
    private Platform platform;
    private long poolId;
    private long regionId;
    private NumberState state;
    /** the agent the number is assigned to (ADR 0001), with or without a binding; null when it is free */
    private String holder;
    private BindType bindType = BindType.NORMAL;
    private Binding binding = Binding.UNBOUND;
    // not final: a snapshot's deserialization sets it
    private Set<BlacklistDirection> blacklist = EnumSet.noneOf(BlacklistDirection.class);
    private String failoverNumber;
    /** live customer (XB) bindings by binding id; an ended one is removed */
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, ClientBinding> clientBindings = new LinkedHashMap<>();

    @JsonCreator
    protected PrivateNumber() {
        // for Axon, and for a snapshot (not the command handler constructor)
    }

    @CommandHandler
    public PrivateNumber(RegisterNumberCommand cmd, NumberLookup lookup) {
        lookup.register(cmd.number(), cmd.platform(), cmd.poolId(), cmd.regionId());
        apply(new NumberRegisteredEvent(cmd.number(), cmd.platform(), cmd.poolId(), cmd.regionId()));
    }

    // ------------------------------------------------------------------ AX binding

    @CommandHandler
    public BindStart handle(BindAxCommand cmd, NumberLookup lookup) {
        return startBinding(cmd.userId(), cmd.phoneA(), cmd.regionId(), cmd.operationId(), lookup);
    }

    /** Shared by {@link #handle(BindAxCommand, NumberLookup)} and the pool allocator. */
    BindStart startBinding(String userId, String newPhoneA, Long requestedRegion, String operationId, NumberLookup lookup) {
        if (state != NumberState.NORMAL) {
            throw new BusinessRuleException(ErrorCode.NUMBER_STATE_NOT_BINDABLE, state.code());
        }
        requireNotBusy();
        if (holder != null && !holder.equals(userId)) {
            throw new BusinessRuleException(ErrorCode.NUMBER_HELD_BY_OTHER, number);
        }
        if (binding instanceof Settled settled) {
            if (Objects.equals(settled.phoneA(), newPhoneA)) {
                return BindStart.ALREADY_BOUND;
            }
            throw new BusinessRuleException(ErrorCode.NUMBER_ALREADY_BOUND, number);
        }
        boolean newAssignment = holder == null;
        if (newAssignment) {
            lookup.assign(number, userId, BindType.NORMAL);
        }
        long region = requestedRegion != null ? requestedRegion : regionId;
        apply(new AxBindRequestedEvent(number, operationId, userId, newPhoneA, platform, poolId, region, newAssignment));
        return BindStart.STARTED;
    }

    @CommandHandler
    public void handle(ConfirmAxBindingCommand cmd) {
        if (binding instanceof Requested r && r.operationId().equals(cmd.operationId())) {
            apply(new AxBoundEvent(number, cmd.operationId(), holder, r.phoneA(), cmd.subsId(), platform, poolId));
        }
        // else a late or repeated answer of the provider: the binding already moved on
    }

    @CommandHandler
    public void handle(RejectAxBindingCommand cmd, NumberLookup lookup) {
        if (binding instanceof Requested r && r.operationId().equals(cmd.operationId())) {
            if (r.newAssignment()) {
                lookup.free(number);
            }
            apply(new AxBindingRejectedEvent(number, cmd.operationId(), holder, cmd.providerCode(), cmd.reason(),
                    cmd.providerUnavailable(), r.newAssignment()));
        }
    }

    /** The provider could not be reached for the bind: hold it as a fault binding (bind state 5). */
    @CommandHandler
    public void handle(HoldFaultBindingCommand cmd) {
        if (binding instanceof Requested r && r.operationId().equals(cmd.operationId())) {
            apply(new AxFaultBoundEvent(number, cmd.operationId(), holder, r.phoneA(), bindType, platform, poolId, null,
                    FaultCause.PROVIDER_UNAVAILABLE, cmd.providerCode() + ": " + cmd.reason()));
        }
    }

    @CommandHandler
    public void handle(UnbindAxCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (binding instanceof Fault fault) {
            endFaultBinding(fault, cmd.userId(), true, cmd.operationId(), "unbind", lookup);
            return;
        }
        if (!(binding instanceof Bound)) {
            throw new BusinessRuleException(ErrorCode.NOT_BOUND);
        }
        if (cmd.userId() != null && !cmd.userId().equals(holder)) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.userId());
        }
        apply(new AxUnbindRequestedEvent(number, cmd.operationId(), holder, binding.phoneA(), binding.subsId(), platform,
                poolId, false));
    }

    @CommandHandler
    public void handle(ConfirmAxUnbindingCommand cmd, NumberLookup lookup) {
        if (binding instanceof Unbinding u && u.operationId().equals(cmd.operationId())) {
            String formerHolder = holder;
            apply(new AxUnboundEvent(number, cmd.operationId(), holder, u.phoneA(), u.subsId()));
            if (u.releaseAfter()) {
                lookup.free(number);
                apply(new NumberReleasedEvent(number, cmd.operationId(), formerHolder));
            }
        }
    }

    @CommandHandler
    public void handle(RejectAxUnbindingCommand cmd) {
        if (binding instanceof Unbinding u && u.operationId().equals(cmd.operationId())) {
            apply(new AxUnbindingRejectedEvent(number, cmd.operationId(), holder, cmd.providerCode(), cmd.reason(),
                    cmd.providerUnavailable(), u.from().state()));
        }
    }

    /** Legacy #8. @return false when A already is the new phone: nothing to ask the provider */
    @CommandHandler
    public boolean handle(ChangeAxPhoneCommand cmd) {
        requireNotBusy();
        if (!Objects.equals(holder, cmd.userId())) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.userId());
        }
        if (!(binding instanceof Bound bound)) {
            throw new BusinessRuleException(ErrorCode.CHANGE_NOT_BOUND);
        }
        if (Objects.equals(bound.phoneA(), cmd.newPhoneA())) {
            return false;
        }
        apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId(), holder, bound.phoneA(), cmd.newPhoneA(),
                bound.subsId(), platform, poolId));
        return true;
    }

    @CommandHandler
    public void handle(ConfirmAxPhoneChangeCommand cmd, NumberLookup lookup) {
        if (binding instanceof ChangingA c && c.operationId().equals(cmd.operationId())) {
            if (c.transfers()) {
                lookup.releaseSlot(number, c.transferFrom(), bindType);
                lookup.setHolder(number, c.transferTo(), bindType);
                apply(new NumberTransferredEvent(number, cmd.operationId(), c.transferFrom(), c.transferTo(), c.phoneA(),
                        c.newPhoneA(), BindState.BOUND, bindType));
            } else {
                apply(new AxPhoneChangedEvent(number, cmd.operationId(), holder, c.phoneA(), c.newPhoneA(), BindState.BOUND));
            }
        }
    }

    @CommandHandler
    public void handle(RejectAxPhoneChangeCommand cmd, NumberLookup lookup) {
        if (binding instanceof ChangingA c && c.operationId().equals(cmd.operationId())) {
            if (c.transfers()) {
                lookup.releaseSlot(number, c.transferTo(), bindType);
                apply(new AxTransferRejectedEvent(number, cmd.operationId(), c.transferFrom(), c.transferTo(),
                        cmd.providerCode(), cmd.reason(), cmd.providerUnavailable()));
            } else {
                apply(new AxPhoneChangeRejectedEvent(number, cmd.operationId(), holder, cmd.providerCode(), cmd.reason(),
                        cmd.providerUnavailable()));
            }
        }
    }

    /**
     * MQ176: the holder's phone changed from {@code oldPhone}. A provider binding follows through the provider; a fault
     * binding records the new phone at once, which is what its push uses (and the fault recovery saga carries it to
     * a subscription the provider still has).
     *
     * @return true when the binding follows the new phone; false when it is not this agent's at oldPhone
     */
    @CommandHandler
    public boolean handle(FollowAgentPhoneCommand cmd) {
        if (!Objects.equals(holder, cmd.userId()) || binding instanceof Binding.Unbound
                || !Objects.equals(binding.phoneA(), cmd.oldPhone()) || Objects.equals(binding.phoneA(), cmd.newPhone())) {
            return false;
        }
        // on the old phone, but a provider call is under way: fail, so the saga retries later
        requireNotBusy();
        if (binding instanceof Fault) {
            apply(new AxPhoneChangedEvent(number, cmd.operationId(), holder, binding.phoneA(), cmd.newPhone(), BindState.FAULT));
            return true;
        }
        apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId(), holder, binding.phoneA(), cmd.newPhone(),
                binding.subsId(), platform, poolId));
        return true;
    }

    /**
     * Legacy #4. The lookup moves the number to the new holder in this unit of work (its unique index refuses a holder
     * who already has a number); a provider refusal moves it back. A provider binding moves its A through the
     * provider first; a fault binding takes the new holder's phone at once (its push uses it).
     *
     * @return true when a provider call is under way; false when the transfer is already done
     */
    @CommandHandler
    public boolean handle(TransferNumberCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (holder == null || !holder.equals(cmd.fromUserId())) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.fromUserId());
        }
        if (cmd.fromUserId().equals(cmd.toUserId())) {
            throw new BusinessRuleException(ErrorCode.TRANSFER_TO_SELF, cmd.toUserId());
        }
        if (state != NumberState.NORMAL) {
            throw new BusinessRuleException(ErrorCode.NUMBER_STATE_NOT_BINDABLE, state.code());
        }
        // both users keep a slot until the provider answered: neither can take another number meanwhile
        lookup.reserve(number, cmd.toUserId(), bindType);
        if (binding instanceof Bound bound && !Objects.equals(bound.phoneA(), cmd.toPhoneA())) {
            apply(new AxTransferRequestedEvent(number, cmd.operationId(), holder, cmd.toUserId(), bound.phoneA(),
                    cmd.toPhoneA(), bound.subsId(), platform, poolId));
            return true;
        }
        lookup.releaseSlot(number, holder, bindType);
        lookup.setHolder(number, cmd.toUserId(), bindType);
        String newPhone = binding instanceof Fault ? cmd.toPhoneA() : binding.phoneA();
        apply(new NumberTransferredEvent(number, cmd.operationId(), holder, cmd.toUserId(), binding.phoneA(), newPhone,
                binding.state(), bindType));
        return false;
    }

    @CommandHandler
    public void handle(SetNumberStateCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (cmd.state() == state) {
            return;
        }
        lookup.changeState(number, cmd.state());
        apply(new NumberStateChangedEvent(number, state, cmd.state()));
    }

    /** Legacy #9. @return true when the release finished at once; false when a provider unbind is under way first */
    @CommandHandler
    public boolean handle(ReleaseNumberCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (holder == null || (cmd.userId() != null && !cmd.userId().equals(holder))) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.userId());
        }
        // X goes back to the pool: its customers must not keep reaching this agent through it
        endClientBindings(cmd.operationId());
        if (binding instanceof Settled settled && settled.subsId() != null) {
            apply(new AxUnbindRequestedEvent(number, cmd.operationId(), holder, settled.phoneA(), settled.subsId(), platform,
                    poolId, true));
            return false;
        }
        lookup.free(number);
        apply(new NumberReleasedEvent(number, cmd.operationId(), holder));
        return true;
    }

    // ------------------------------------------------------------------ fault bindings (docs/faults.md)

    /** Legacy #11. @return false when there is no live binding to put into fault state (already faulty, unbound) */
    @CommandHandler
    public boolean handle(DeclareFaultBindingCommand cmd) {
        if (!(binding instanceof Bound bound) || (cmd.userId() != null && !cmd.userId().equals(holder))) {
            return false;
        }
        apply(new AxFaultBoundEvent(number, cmd.operationId(), holder, bound.phoneA(), bindType, platform, poolId,
                bound.subsId(), FaultCause.DECLARED, "declared"));
        return true;
    }

    /** Reconciliation: the provider lost this binding's subscription. @return false unless bound with that subscription */
    @CommandHandler
    public boolean handle(MarkSubscriptionLostCommand cmd) {
        if (!(binding instanceof Bound bound) || (cmd.subsId() != null && !cmd.subsId().equals(bound.subsId()))) {
            return false;
        }
        apply(new AxFaultBoundEvent(number, cmd.operationId(), holder, bound.phoneA(), bindType, platform, poolId, null,
                FaultCause.SUBSCRIPTION_LOST, "reconciliation: subscription " + bound.subsId() + " lost at the provider"));
        return true;
    }

    /** Reconciliation: the provider's A differs from ours; move it back. @return false unless bound with that subscription */
    @CommandHandler
    public boolean handle(CorrectProviderPhoneCommand cmd) {
        if (!(binding instanceof Bound bound) || (cmd.subsId() != null && !cmd.subsId().equals(bound.subsId()))) {
            return false;
        }
        apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId(), holder, bound.phoneA(), bound.phoneA(),
                bound.subsId(), platform, poolId));
        return true;
    }

    /** An operator asks for a fault binding to be pushed now. @return false when the number has no fault binding */
    @CommandHandler
    public boolean handle(RecoverFaultBindingCommand cmd) {
        if (!(binding instanceof Fault fault)) {
            return false;
        }
        apply(new FaultRecoveryRequestedEvent(number, cmd.operationId(), holder, fault.faultId()));
        return true;
    }

    /**
     * The fault recovery saga's push went through. The holder's phone may have changed while it ran: then the binding is
     * moved on to the phone recorded here at once.
     *
     * @return false when the fault binding moved on (ended, unbound) while the push ran: the push is stale
     */
    @CommandHandler
    public boolean handle(ConfirmFaultPushCommand cmd) {
        if (!(binding instanceof Fault fault) || !fault.faultId().equals(cmd.operationId())) {
            return false;
        }
        String pushed = cmd.pushedPhoneA() != null ? cmd.pushedPhoneA() : fault.phoneA();
        apply(new FaultBindingRecoveredEvent(number, cmd.operationId(), holder, pushed, cmd.subsId(), bindType));
        if (!Objects.equals(pushed, fault.phoneA())) {
            apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId() + ":follow", holder, pushed, fault.phoneA(),
                    cmd.subsId(), platform, poolId));
        }
        return true;
    }

    /** Legacy #12 / #13. @return false when the number has no fault binding (nothing to end) */
    @CommandHandler
    public boolean handle(EndFaultBindingCommand cmd, NumberLookup lookup) {
        if (!(binding instanceof Fault fault) || (cmd.userId() != null && !cmd.userId().equals(holder))) {
            return false;
        }
        endFaultBinding(fault, holder, cmd.unbindAtProvider(), cmd.operationId(), cmd.reason(), lookup);
        return true;
    }

    private void endFaultBinding(Fault fault, String userId, boolean unbindAtProvider, String operationId, String reason,
                                 NumberLookup lookup) {
        if (userId != null && !userId.equals(holder)) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, userId);
        }
        boolean temporary = bindType == BindType.TEMPORARY;
        if (unbindAtProvider && fault.subsId() != null) {
            apply(new AxUnbindRequestedEvent(number, operationId, holder, fault.phoneA(), fault.subsId(), platform, poolId,
                    temporary));
            return;
        }
        if (temporary) {
            lookup.free(number);
        }
        apply(new FaultBindingEndedEvent(number, operationId, holder, bindType, temporary, reason));
    }

    /** Legacy #17, from the pool allocator: this free number becomes the agent's temporary number, as a fault binding. */
    void startTemporaryBinding(String userId, String newPhoneA, String operationId, NumberLookup lookup) {
        if (state != NumberState.NORMAL) {
            throw new BusinessRuleException(ErrorCode.NUMBER_STATE_NOT_BINDABLE, state.code());
        }
        requireNotBusy();
        if (holder != null) {
            throw new BusinessRuleException(ErrorCode.NUMBER_HELD_BY_OTHER, number);
        }
        lookup.assign(number, userId, BindType.TEMPORARY);
        apply(new AxFaultBoundEvent(number, operationId, userId, newPhoneA, BindType.TEMPORARY, platform, poolId, null,
                FaultCause.TEMPORARY, "temporary number"));
    }

    /** Automatic failover started for this fault binding. @return false when not faulty or already failed over */
    @CommandHandler
    public boolean handle(RecordFailoverCommand cmd) {
        if (!(binding instanceof Fault) || failoverNumber != null) {
            return false;
        }
        apply(new FailoverStartedEvent(number, holder, cmd.temporaryNumber(), cmd.temporaryPlatform()));
        return true;
    }

    @CommandHandler
    public boolean handle(EndFailoverCommand cmd) {
        if (!Objects.equals(failoverNumber, cmd.temporaryNumber())) {
            return false;
        }
        apply(new FailoverEndedEvent(number, holder, cmd.temporaryNumber()));
        return true;
    }

    // ------------------------------------------------------------------ blacklist of X (ADR 0008)

    @CommandHandler
    public void handle(BlacklistXCommand cmd) {
        requirePlatform(cmd.platform());
        if (blacklist.contains(cmd.direction())) {
            return;
        }
        apply(new XBlacklistedEvent(number, platform, poolId, cmd.direction(), cmd.userId()));
    }

    @CommandHandler
    public void handle(UnblacklistXCommand cmd) {
        requirePlatform(cmd.platform());
        if (!blacklist.contains(cmd.direction())) {
            return;
        }
        apply(new XUnblacklistedEvent(number, platform, poolId, cmd.direction(), cmd.userId(), blacklist.size() > 1));
    }

    private void requirePlatform(Platform requested) {
        if (requested != platform) {
            throw new BusinessRuleException(ErrorCode.PLATFORM_MISMATCH, number, requested.code());
        }
    }

    // ------------------------------------------------------------------ customer (XB) bindings, legacy #5

    /**
     * A customer binding on the agent's bound X. Asked again for the same agent and B while one lives, it answers that
     * one (the caller extends it) instead of binding the pair twice. Its later commands go to the binding itself.
     */
    @CommandHandler
    public XbBindStart handle(BindXbCommand cmd) {
        if (state != NumberState.NORMAL) {
            throw new BusinessRuleException(ErrorCode.NUMBER_STATE_NOT_BINDABLE, state.code());
        }
        if (!(binding instanceof Bound bound) || !Objects.equals(holder, cmd.userId())) {
            throw new BusinessRuleException(ErrorCode.XB_NEEDS_BOUND_NUMBER, cmd.userId());
        }
        // the binding exists so that the agent can call B through X
        if (blacklist.contains(BlacklistDirection.OUTBOUND)) {
            throw new BusinessRuleException(ErrorCode.XB_NUMBER_BLACKLISTED, number);
        }
        if (cmd.phoneB().equals(bound.phoneA())) {
            throw new BusinessRuleException(ErrorCode.XB_CUSTOMER_IS_AGENT, cmd.phoneB());
        }
        for (ClientBinding b : clientBindings.values()) {
            if (b.servesPair(cmd.userId(), cmd.phoneB())) {
                return new XbBindStart(true, b.bindingId(), b.callbackId(), b.subsId(), b.expiresAt());
            }
        }
        for (ClientBinding b : clientBindings.values()) {
            if (b.callbackId() == cmd.callbackId()) {
                throw new BusinessRuleException(ErrorCode.XB_ID_IN_USE, cmd.callbackId());
            }
        }
        apply(new XbBindRequestedEvent(number, cmd.operationId(), cmd.bindingId(), cmd.callbackId(), cmd.userId(),
                bound.phoneA(), cmd.phoneB(), cmd.expiresAt(), cmd.context(), platform, poolId));
        return new XbBindStart(false, cmd.bindingId(), cmd.callbackId(), null, cmd.expiresAt());
    }

    /** MQ108. @return the binding's id (also when its unbind is under way already); null when X has no such binding */
    @CommandHandler
    public String handle(EndXbBindingCommand cmd) {
        ClientBinding b = clientBindingWithSubscription(cmd.subsId());
        if (b == null) {
            return null;
        }
        b.requestUnbind(cmd.operationId());
        return b.bindingId();
    }

    /** Whom a call on this subscription belongs to, while the customer binding lives; null otherwise. */
    @CommandHandler
    public CallAttribution handle(AttributeCallCommand cmd) {
        ClientBinding b = clientBindingWithSubscription(cmd.subsId());
        return b == null ? null : b.attribution();
    }

    private ClientBinding clientBindingWithSubscription(String subsId) {
        for (ClientBinding b : clientBindings.values()) {
            if (b.hasSubscription(subsId)) {
                return b;
            }
        }
        return null;
    }

    private void endClientBindings(String operationId) {
        for (ClientBinding b : new ArrayList<>(clientBindings.values())) {
            if (b.subsId() != null) {
                b.requestUnbind(operationId);
            }
        }
    }

    private void requireNotBusy() {
        if (binding.inFlight()) {
            throw new BusinessRuleException(ErrorCode.NUMBER_BUSY, number);
        }
    }

    // ------------------------------------------------------------------ event sourcing

    @EventSourcingHandler
    void on(NumberRegisteredEvent e) {
        number = e.number();
        platform = e.platform();
        poolId = e.poolId();
        regionId = e.regionId();
        state = NumberState.NORMAL;
        binding = Binding.UNBOUND;
    }

    @EventSourcingHandler
    void on(AxBindRequestedEvent e) {
        if (e.newAssignment()) {
            assign(e.userId(), BindType.NORMAL);
        }
        regionId = e.regionId();
        binding = new Requested(e.operationId(), e.phoneA(), e.newAssignment());
    }

    @EventSourcingHandler
    void on(AxBoundEvent e) {
        binding = new Bound(e.phoneA(), e.subsId());
    }

    @EventSourcingHandler
    void on(AxBindingRejectedEvent e) {
        binding = Binding.UNBOUND;
        if (e.assignmentEnded()) {
            unassign();
        }
    }

    @EventSourcingHandler
    void on(AxUnbindRequestedEvent e) {
        binding = new Unbinding(e.operationId(), (Settled) binding, e.releaseAfter());
    }

    @EventSourcingHandler
    void on(AxUnboundEvent e) {
        binding = Binding.UNBOUND;
    }

    @EventSourcingHandler
    void on(AxUnbindingRejectedEvent e) {
        binding = ((Unbinding) binding).from();
    }

    @EventSourcingHandler
    void on(AxPhoneChangeRequestedEvent e) {
        binding = new ChangingA(e.operationId(), (Bound) binding, e.newPhoneA(), null, null);
    }

    @EventSourcingHandler
    void on(AxTransferRequestedEvent e) {
        binding = new ChangingA(e.operationId(), (Bound) binding, e.newPhoneA(), e.fromUserId(), e.toUserId());
    }

    @EventSourcingHandler
    void on(AxPhoneChangedEvent e) {
        binding = settled().withPhoneA(e.newPhoneA());
    }

    @EventSourcingHandler
    void on(AxPhoneChangeRejectedEvent e) {
        binding = ((ChangingA) binding).from();
    }

    @EventSourcingHandler
    void on(AxTransferRejectedEvent e) {
        binding = ((ChangingA) binding).from();
    }

    @EventSourcingHandler
    void on(NumberTransferredEvent e) {
        holder = e.toUserId();
        if (!(binding instanceof Binding.Unbound)) {
            binding = settled().withPhoneA(e.newPhoneA());
        }
    }

    @EventSourcingHandler
    void on(AxFaultBoundEvent e) {
        assign(e.userId(), e.bindType());
        binding = new Fault(e.operationId(), e.phoneA(), e.subsId(), e.cause());
    }

    @EventSourcingHandler
    void on(FaultBindingRecoveredEvent e) {
        binding = new Bound(e.phoneA(), e.subsId());
    }

    @EventSourcingHandler
    void on(FaultBindingEndedEvent e) {
        binding = Binding.UNBOUND;
        if (e.assignmentEnded()) {
            unassign();
        }
    }

    @EventSourcingHandler
    void on(NumberReleasedEvent e) {
        binding = Binding.UNBOUND;
        unassign();
    }

    @EventSourcingHandler
    void on(FailoverStartedEvent e) {
        failoverNumber = e.temporaryNumber();
    }

    @EventSourcingHandler
    void on(FailoverEndedEvent e) {
        failoverNumber = null;
    }

    @EventSourcingHandler
    void on(XBlacklistedEvent e) {
        blacklist.add(e.direction());
    }

    @EventSourcingHandler
    void on(XUnblacklistedEvent e) {
        blacklist.remove(e.direction());
    }

    @EventSourcingHandler
    void on(NumberStateChangedEvent e) {
        state = e.newState();
    }

    @EventSourcingHandler
    void on(XbBindRequestedEvent e) {
        clientBindings.put(e.bindingId(), new ClientBinding(e));
    }

    @EventSourcingHandler
    void on(XbBindingRejectedEvent e) {
        clientBindings.remove(e.bindingId());
    }

    @EventSourcingHandler
    void on(XbUnboundEvent e) {
        clientBindings.remove(e.bindingId());
    }

    /** The binding a change of A or a transfer takes its phone into: the one in place, or the one a change returns to. */
    private Settled settled() {
        if (binding instanceof ChangingA c) {
            return c.from();
        }
        return (Settled) binding;
    }

    private void assign(String userId, BindType type) {
        holder = userId;
        bindType = type;
    }

    private void unassign() {
        holder = null;
        bindType = BindType.NORMAL;
    }

    // ------------------------------------------------------------------ what it is now

    /** The number as its events leave it: what point-in-time answers and the consistency check read. */
    public record View(String number, Platform platform, long poolId, long regionId, NumberState numberState,
                       BindState bindState, String holder, BindType bindType, String phoneA, String subsId,
                       FaultCause faultCause, Set<BlacklistDirection> blacklist, String failoverNumber,
                       List<ClientBinding.View> clientBindings) {
    }

    public View view() {
        return new View(number, platform, poolId, regionId, state, binding.state(), holder, holder == null ? null : bindType,
                binding.phoneA(), binding.subsId(), binding instanceof Fault f ? f.cause() : null,
                blacklist.isEmpty() ? Set.of() : Set.copyOf(blacklist), failoverNumber,
                clientBindings.values().stream().map(ClientBinding::view).toList());
    }
}
