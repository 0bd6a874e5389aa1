package com.pnhub.command.number;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRejectedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.ConfirmAxBindingCommand;
import com.pnhub.api.numbers.ConfirmAxPhoneChangeCommand;
import com.pnhub.api.numbers.ConfirmAxUnbindingCommand;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.numbers.Platform;
import com.pnhub.api.numbers.RegisterNumberCommand;
import com.pnhub.api.numbers.RejectAxBindingCommand;
import com.pnhub.api.numbers.RejectAxPhoneChangeCommand;
import com.pnhub.api.numbers.RejectAxUnbindingCommand;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.SetNumberStateCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxTransferRejectedEvent;
import com.pnhub.api.numbers.ConfirmFaultPushCommand;
import com.pnhub.api.numbers.CorrectProviderPhoneCommand;
import com.pnhub.api.numbers.MarkSubscriptionLostCommand;
import com.pnhub.api.numbers.DeclareFaultBindingCommand;
import com.pnhub.api.numbers.EndFaultBindingCommand;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.EndFailoverCommand;
import com.pnhub.api.numbers.FailoverEndedEvent;
import com.pnhub.api.numbers.FailoverStartedEvent;
import com.pnhub.api.numbers.FaultCause;
import com.pnhub.api.numbers.RecordFailoverCommand;
import com.pnhub.api.numbers.HoldFaultBindingCommand;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.BlacklistXCommand;
import com.pnhub.api.numbers.FollowAgentPhoneCommand;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.TransferNumberCommand;
import com.pnhub.api.numbers.UnblacklistXCommand;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XUnblacklistedEvent;
import com.pnhub.api.numbers.BindXbCommand;
import com.pnhub.api.numbers.CallAttribution;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.numbers.ConfirmXbBindingCommand;
import com.pnhub.api.numbers.ConfirmXbUnbindingCommand;
import com.pnhub.api.numbers.EndXbBindingCommand;
import com.pnhub.api.numbers.ExpireXbBindingCommand;
import com.pnhub.api.numbers.ExtendXbBindingCommand;
import com.pnhub.api.numbers.RecordCallCommand;
import com.pnhub.api.numbers.RejectXbBindingCommand;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindStart;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
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
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One virtual number X: its place in the pool, its state (dictionary 1527), who it is assigned to, and
 * its provider binding. Rules are checked in the command handlers; state changes only in the event
 * sourcing handlers. Provider calls happen outside, in {@code ProviderCallSaga}, which answers with the
 * confirm/reject commands; while a call is under way the bind state is a transitional one and any
 * other change of the binding is refused as busy.
 */
// snapshots (every SNAPSHOT_EVERY events, bean in app's AxonStorageConfig) are written by the jackson3 serializer,
// which reads fields: a busy X gathers thousands of events (call records, customer bindings)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(snapshotTriggerDefinition = PrivateNumber.SNAPSHOT_TRIGGER, cache = PrivateNumber.CACHE)
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
    private BindState bindState;
    private String holder;
    private String phoneA;
    private String subsId;
    private String pendingOperationId;
    private boolean pendingNewAssignment;
    private boolean pendingRelease;
    private String pendingNewPhone;
    private String pendingTransferFrom;
    private String pendingTransferTo;
    // not final: a snapshot's deserialization sets these two
    private Set<BlacklistDirection> blacklist = EnumSet.noneOf(BlacklistDirection.class);
    private BindType bindType = BindType.NORMAL;
    private String faultOperationId;
    private boolean unbindFromFault;
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
        if (bindState == BindState.BOUND || bindState == BindState.FAULT) {
            if (Objects.equals(phoneA, newPhoneA)) {
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
        if (bindState != BindState.BINDING || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return; // a late or repeated answer of the provider: the binding already moved on
        }
        apply(new AxBoundEvent(number, cmd.operationId(), holder, phoneA, cmd.subsId(), platform, poolId));
    }

    @CommandHandler
    public void handle(RejectAxBindingCommand cmd, NumberLookup lookup) {
        if (bindState != BindState.BINDING || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return;
        }
        if (pendingNewAssignment) {
            lookup.free(number);
        }
        apply(new AxBindingRejectedEvent(number, cmd.operationId(), holder, cmd.providerCode(), cmd.reason(),
                cmd.providerUnavailable(), pendingNewAssignment));
    }

    @CommandHandler
    public void handle(UnbindAxCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (bindState == BindState.FAULT) {
            endFaultBinding(cmd.userId(), true, cmd.operationId(), "unbind", lookup);
            return;
        }
        if (bindState != BindState.BOUND) {
            throw new BusinessRuleException(ErrorCode.NOT_BOUND);
        }
        if (cmd.userId() != null && !cmd.userId().equals(holder)) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.userId());
        }
        apply(new AxUnbindRequestedEvent(number, cmd.operationId(), holder, phoneA, subsId, platform, poolId, false));
    }

    @CommandHandler
    public void handle(ConfirmAxUnbindingCommand cmd, NumberLookup lookup) {
        if (bindState != BindState.UNBINDING || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return;
        }
        String formerHolder = holder;
        boolean release = pendingRelease;
        apply(new AxUnboundEvent(number, cmd.operationId(), holder, phoneA, subsId));
        if (release) {
            lookup.free(number);
            apply(new NumberReleasedEvent(number, cmd.operationId(), formerHolder));
        }
    }

    @CommandHandler
    public void handle(RejectAxUnbindingCommand cmd) {
        if (bindState != BindState.UNBINDING || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return;
        }
        apply(new AxUnbindingRejectedEvent(number, cmd.operationId(), holder, cmd.providerCode(), cmd.reason(),
                cmd.providerUnavailable()));
    }

    /** @return false when A already is the new phone: nothing to ask the provider */
    @CommandHandler
    public boolean handle(ChangeAxPhoneCommand cmd) {
        requireNotBusy();
        if (!Objects.equals(holder, cmd.userId())) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.userId());
        }
        if (bindState != BindState.BOUND) {
            throw new BusinessRuleException(ErrorCode.CHANGE_NOT_BOUND);
        }
        if (Objects.equals(phoneA, cmd.newPhoneA())) {
            return false;
        }
        apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId(), holder, phoneA, cmd.newPhoneA(), subsId,
                platform, poolId));
        return true;
    }

    @CommandHandler
    public void handle(ConfirmAxPhoneChangeCommand cmd, NumberLookup lookup) {
        if (bindState != BindState.CHANGING_A || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return;
        }
        if (pendingTransferTo != null) {
            lookup.releaseSlot(number, pendingTransferFrom, bindType);
            lookup.setHolder(number, pendingTransferTo, bindType);
            apply(new NumberTransferredEvent(number, cmd.operationId(), pendingTransferFrom, pendingTransferTo, phoneA,
                    pendingNewPhone));
        } else {
            apply(new AxPhoneChangedEvent(number, cmd.operationId(), holder, phoneA, pendingNewPhone));
        }
    }

    @CommandHandler
    public void handle(RejectAxPhoneChangeCommand cmd, NumberLookup lookup) {
        if (bindState != BindState.CHANGING_A || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return;
        }
        if (pendingTransferTo != null) {
            lookup.releaseSlot(number, pendingTransferTo, bindType);
            apply(new AxTransferRejectedEvent(number, cmd.operationId(), pendingTransferFrom, pendingTransferTo,
                    cmd.providerCode(), cmd.reason(), cmd.providerUnavailable()));
        } else {
            apply(new AxPhoneChangeRejectedEvent(number, cmd.operationId(), holder, cmd.providerCode(), cmd.reason(),
                    cmd.providerUnavailable()));
        }
    }

    /** @return true when the binding is being moved to the new phone; false when it is not this agent's at oldPhone */
    @CommandHandler
    public boolean handle(FollowAgentPhoneCommand cmd) {
        if (!Objects.equals(holder, cmd.userId()) || bindState == BindState.UNBOUND
                || !Objects.equals(phoneA, cmd.oldPhone()) || Objects.equals(phoneA, cmd.newPhone())) {
            return false;
        }
        // bound to the old phone, but a provider call is under way: fail, so the saga retries later
        requireNotBusy();
        if (bindState != BindState.BOUND) {
            return false;
        }
        apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId(), holder, phoneA, cmd.newPhone(), subsId,
                platform, poolId));
        return true;
    }

    /**
     * Legacy #4. The lookup moves the number to the new holder in this unit of work (its unique index
     * refuses a holder who already has a number); a provider refusal moves it back.
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
        if (bindState == BindState.BOUND && !Objects.equals(phoneA, cmd.toPhoneA())) {
            apply(new AxTransferRequestedEvent(number, cmd.operationId(), holder, cmd.toUserId(), phoneA, cmd.toPhoneA(),
                    subsId, platform, poolId));
            return true;
        }
        lookup.releaseSlot(number, holder, bindType);
        lookup.setHolder(number, cmd.toUserId(), bindType);
        apply(new NumberTransferredEvent(number, cmd.operationId(), holder, cmd.toUserId(), phoneA, phoneA));
        return false;
    }

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

    @CommandHandler
    public void handle(SetNumberStateCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (cmd.state() == state) {
            return;
        }
        lookup.changeState(number, cmd.state());
        apply(new NumberStateChangedEvent(number, state, cmd.state()));
    }

    /** @return true when the release finished at once; false when a provider unbind is under way first */
    @CommandHandler
    public boolean handle(ReleaseNumberCommand cmd, NumberLookup lookup) {
        requireNotBusy();
        if (holder == null || (cmd.userId() != null && !cmd.userId().equals(holder))) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, cmd.userId());
        }
        // X goes back to the pool: its customers must not keep reaching this agent through it
        endClientBindings(cmd.operationId());
        if (bindState == BindState.BOUND || (bindState == BindState.FAULT && subsId != null)) {
            apply(new AxUnbindRequestedEvent(number, cmd.operationId(), holder, phoneA, subsId, platform, poolId, true));
            return false;
        }
        lookup.free(number);
        apply(new NumberReleasedEvent(number, cmd.operationId(), holder));
        return true;
    }

    /** The provider could not be reached for the bind: hold it as a fault binding (bind state 5). */
    @CommandHandler
    public void handle(HoldFaultBindingCommand cmd) {
        if (bindState != BindState.BINDING || !Objects.equals(cmd.operationId(), pendingOperationId)) {
            return;
        }
        apply(new AxFaultBoundEvent(number, cmd.operationId(), holder, phoneA, bindType, platform, poolId, null,
                FaultCause.PROVIDER_UNAVAILABLE, cmd.providerCode() + ": " + cmd.reason()));
    }

    /** Legacy #11. @return false when there is no live binding to put into fault state (already faulty, unbound) */
    @CommandHandler
    public boolean handle(DeclareFaultBindingCommand cmd) {
        if (bindState != BindState.BOUND || (cmd.userId() != null && !cmd.userId().equals(holder))) {
            return false;
        }
        apply(new AxFaultBoundEvent(number, cmd.operationId(), holder, phoneA, bindType, platform, poolId, subsId,
                FaultCause.DECLARED, "declared"));
        return true;
    }

    /** Reconciliation: the provider lost this binding's subscription. @return false unless bound with that subscription */
    @CommandHandler
    public boolean handle(MarkSubscriptionLostCommand cmd) {
        if (bindState != BindState.BOUND || (cmd.subsId() != null && !cmd.subsId().equals(subsId))) {
            return false;
        }
        apply(new AxFaultBoundEvent(number, cmd.operationId(), holder, phoneA, bindType, platform, poolId, null,
                FaultCause.DECLARED, "reconciliation: subscription " + subsId + " lost at the provider"));
        return true;
    }

    /** Reconciliation: the provider's A differs from ours; move it back. @return false unless bound with that subscription */
    @CommandHandler
    public boolean handle(CorrectProviderPhoneCommand cmd) {
        if (bindState != BindState.BOUND || (cmd.subsId() != null && !cmd.subsId().equals(subsId))) {
            return false;
        }
        apply(new AxPhoneChangeRequestedEvent(number, cmd.operationId(), holder, phoneA, phoneA, subsId, platform, poolId));
        return true;
    }

    /** @return false when the fault binding moved on (ended, unbound) while the push ran: the push is stale */
    @CommandHandler
    public boolean handle(ConfirmFaultPushCommand cmd) {
        if (bindState != BindState.FAULT || !Objects.equals(cmd.operationId(), faultOperationId)) {
            return false;
        }
        apply(new FaultBindingRecoveredEvent(number, cmd.operationId(), holder, phoneA, cmd.subsId(), bindType));
        return true;
    }

    /** Legacy #12 / #13. @return false when the number has no fault binding (nothing to end) */
    @CommandHandler
    public boolean handle(EndFaultBindingCommand cmd, NumberLookup lookup) {
        if (bindState != BindState.FAULT || (cmd.userId() != null && !cmd.userId().equals(holder))) {
            return false;
        }
        endFaultBinding(holder, cmd.unbindAtProvider(), cmd.operationId(), cmd.reason(), lookup);
        return true;
    }

    private void endFaultBinding(String userId, boolean unbindAtProvider, String operationId, String reason,
                                 NumberLookup lookup) {
        if (userId != null && !userId.equals(holder)) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_ASSIGNED, number, userId);
        }
        boolean temporary = bindType == BindType.TEMPORARY;
        if (unbindAtProvider && subsId != null) {
            apply(new AxUnbindRequestedEvent(number, operationId, holder, phoneA, subsId, platform, poolId, temporary));
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
        if (bindState != BindState.FAULT || failoverNumber != null) {
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

    // ------------------------------------------------------------------ customer (XB) bindings, legacy #5

    /**
     * A customer binding on the agent's bound X. Asked again for the same agent and B while one lives, it
     * answers that one (the caller extends it) instead of binding the pair twice.
     */
    @CommandHandler
    public XbBindStart handle(BindXbCommand cmd) {
        if (state != NumberState.NORMAL) {
            throw new BusinessRuleException(ErrorCode.NUMBER_STATE_NOT_BINDABLE, state.code());
        }
        if (bindState != BindState.BOUND || !Objects.equals(holder, cmd.userId())) {
            throw new BusinessRuleException(ErrorCode.XB_NEEDS_BOUND_NUMBER, cmd.userId());
        }
        // the binding exists so that the agent can call B through X
        if (blacklist.contains(BlacklistDirection.OUTBOUND)) {
            throw new BusinessRuleException(ErrorCode.XB_NUMBER_BLACKLISTED, number);
        }
        if (cmd.phoneB().equals(phoneA)) {
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
        apply(new XbBindRequestedEvent(number, cmd.operationId(), cmd.bindingId(), cmd.callbackId(), cmd.userId(), phoneA,
                cmd.phoneB(), cmd.expiresAt(), cmd.context(), platform, poolId));
        return new XbBindStart(false, cmd.bindingId(), cmd.callbackId(), null, cmd.expiresAt());
    }

    @CommandHandler
    public void handle(ConfirmXbBindingCommand cmd) {
        ClientBinding b = clientBindings.get(cmd.bindingId());
        if (b == null || b.status() != ClientBinding.Status.BINDING) {
            return;
        }
        apply(new XbBoundEvent(number, cmd.operationId(), b.bindingId(), b.callbackId(), b.userId(), b.phoneA(),
                b.phoneB(), cmd.subsId(), b.expiresAt(), b.context(), platform, poolId));
    }

    @CommandHandler
    public void handle(RejectXbBindingCommand cmd) {
        ClientBinding b = clientBindings.get(cmd.bindingId());
        if (b == null || b.status() != ClientBinding.Status.BINDING) {
            return;
        }
        apply(new XbBindingRejectedEvent(number, cmd.operationId(), b.bindingId(), b.userId(), b.phoneB(),
                cmd.providerCode(), cmd.reason(), cmd.providerUnavailable()));
    }

    /** @return false when the binding is gone or already lives at least that long */
    @CommandHandler
    public boolean handle(ExtendXbBindingCommand cmd) {
        ClientBinding b = clientBindings.get(cmd.bindingId());
        if (b == null || b.status() != ClientBinding.Status.LIVE || !cmd.expiresAt().isAfter(b.expiresAt())) {
            return false;
        }
        apply(new XbBindingExtendedEvent(number, cmd.operationId(), b.bindingId(), b.expiresAt(), cmd.expiresAt()));
        return true;
    }

    /** @return false when the deadline is stale: the binding ended, or was extended past it */
    @CommandHandler
    public boolean handle(ExpireXbBindingCommand cmd) {
        ClientBinding b = clientBindings.get(cmd.bindingId());
        if (b == null || b.status() != ClientBinding.Status.LIVE || b.expiresAt().isAfter(cmd.scheduledFor())) {
            return false;
        }
        apply(new XbBindingExpiredEvent(number, b.bindingId(), b.userId(), b.phoneA(), b.phoneB(), b.subsId(),
                b.expiresAt(), platform, poolId));
        return true;
    }

    /** MQ108. @return the binding's id (also when its unbind is under way already); null when X has no such binding */
    @CommandHandler
    public String handle(EndXbBindingCommand cmd) {
        ClientBinding b = clientBindingWithSubscription(cmd.subsId());
        if (b == null) {
            return null;
        }
        if (b.status() != ClientBinding.Status.UNBINDING) {
            apply(new XbUnbindRequestedEvent(number, cmd.operationId(), b.bindingId(), b.subsId(), platform, poolId));
        }
        return b.bindingId();
    }

    @CommandHandler
    public void handle(ConfirmXbUnbindingCommand cmd) {
        ClientBinding b = clientBindings.get(cmd.bindingId());
        if (b == null || b.status() != ClientBinding.Status.UNBINDING) {
            return;
        }
        apply(new XbUnboundEvent(number, cmd.operationId(), b.bindingId(), b.callbackId(), b.userId(), b.phoneB(),
                b.subsId(), cmd.providerCode(), cmd.providerMessage()));
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
        List<ClientBinding> live = new ArrayList<>(clientBindings.values());
        for (ClientBinding b : live) {
            if (b.subsId() != null && b.status() != ClientBinding.Status.UNBINDING) {
                apply(new XbUnbindRequestedEvent(number, operationId, b.bindingId(), b.subsId(), platform, poolId));
            }
        }
    }

    /**
     * A call record the provider pushed, once per call_id (the ledger's unique key, in this unit of work). A
     * record of a live customer binding is attributed here; any other by the binding intervals the caller looked up.
     *
     * @return false when this call is recorded already
     */
    @CommandHandler
    public boolean handle(RecordCallCommand cmd, CallLedger ledger) {
        if (!ledger.claim(cmd.record().callId(), number)) {
            return false;
        }
        CallAttribution attribution = cmd.attribution() == null ? CallAttribution.none() : cmd.attribution();
        ClientBinding b = clientBindingWithSubscription(cmd.record().subsId());
        if (b != null) {
            attribution = new CallAttribution(CallAttribution.XB, b.userId(), b.phoneA(), b.bindingId(), b.callbackId(),
                    b.context());
        }
        apply(new CallRecordedEvent(number, cmd.record(), attribution));
        return true;
    }

    @EventSourcingHandler
    void on(XbBindRequestedEvent e) {
        clientBindings.put(e.bindingId(), new ClientBinding(e.bindingId(), e.callbackId(), e.userId(), e.phoneA(),
                e.phoneB(), e.expiresAt(), e.context()));
    }

    @EventSourcingHandler
    void on(XbBindingRejectedEvent e) {
        clientBindings.remove(e.bindingId());
    }

    @EventSourcingHandler
    void on(XbUnboundEvent e) {
        clientBindings.remove(e.bindingId());
    }

    private void requireNotBusy() {
        if (bindState.inFlight()) {
            throw new BusinessRuleException(ErrorCode.NUMBER_BUSY, number);
        }
    }

    @EventSourcingHandler
    void on(NumberRegisteredEvent e) {
        number = e.number();
        platform = e.platform();
        poolId = e.poolId();
        regionId = e.regionId();
        state = NumberState.NORMAL;
        bindState = BindState.UNBOUND;
    }

    @EventSourcingHandler
    void on(AxBindRequestedEvent e) {
        holder = e.userId();
        phoneA = e.phoneA();
        regionId = e.regionId();
        bindState = BindState.BINDING;
        pendingOperationId = e.operationId();
        pendingNewAssignment = e.newAssignment();
    }

    @EventSourcingHandler
    void on(AxBoundEvent e) {
        bindState = BindState.BOUND;
        subsId = e.subsId();
        clearPending();
    }

    @EventSourcingHandler
    void on(AxBindingRejectedEvent e) {
        bindState = BindState.UNBOUND;
        if (e.assignmentEnded()) {
            holder = null;
        }
        phoneA = null;
        clearPending();
    }

    @EventSourcingHandler
    void on(AxUnbindRequestedEvent e) {
        // a fault binding keeps its operation id: if the provider refuses the unbind, it is a fault binding again
        unbindFromFault = bindState == BindState.FAULT;
        bindState = BindState.UNBINDING;
        pendingOperationId = e.operationId();
        pendingRelease = e.releaseAfter();
    }

    @EventSourcingHandler
    void on(AxUnboundEvent e) {
        faultOperationId = null;
        bindState = BindState.UNBOUND;
        subsId = null;
        phoneA = null;
        clearPending();
    }

    @EventSourcingHandler
    void on(AxUnbindingRejectedEvent e) {
        bindState = unbindFromFault ? BindState.FAULT : BindState.BOUND;
        clearPending();
    }

    @EventSourcingHandler
    void on(AxPhoneChangeRequestedEvent e) {
        bindState = BindState.CHANGING_A;
        pendingOperationId = e.operationId();
        pendingNewPhone = e.newPhoneA();
    }

    @EventSourcingHandler
    void on(AxPhoneChangedEvent e) {
        bindState = BindState.BOUND;
        phoneA = e.newPhoneA();
        clearPending();
    }

    @EventSourcingHandler
    void on(AxPhoneChangeRejectedEvent e) {
        bindState = BindState.BOUND;
        clearPending();
    }

    @EventSourcingHandler
    void on(AxTransferRequestedEvent e) {
        bindState = BindState.CHANGING_A;
        pendingOperationId = e.operationId();
        pendingNewPhone = e.newPhoneA();
        pendingTransferFrom = e.fromUserId();
        pendingTransferTo = e.toUserId();
    }

    @EventSourcingHandler
    void on(NumberTransferredEvent e) {
        holder = e.toUserId();
        phoneA = e.newPhoneA();
        if (bindState == BindState.CHANGING_A) {
            bindState = BindState.BOUND;
        }
        clearPending();
    }

    @EventSourcingHandler
    void on(AxTransferRejectedEvent e) {
        bindState = BindState.BOUND;
        clearPending();
    }

    @EventSourcingHandler
    void on(AxFaultBoundEvent e) {
        holder = e.userId();
        phoneA = e.phoneA();
        bindType = e.bindType();
        subsId = e.subsId();
        bindState = BindState.FAULT;
        clearPending();
        faultOperationId = e.operationId();
    }

    @EventSourcingHandler
    void on(FaultBindingRecoveredEvent e) {
        bindState = BindState.BOUND;
        subsId = e.subsId();
        faultOperationId = null;
    }

    @EventSourcingHandler
    void on(FaultBindingEndedEvent e) {
        bindState = BindState.UNBOUND;
        subsId = null;
        phoneA = null;
        faultOperationId = null;
        if (e.assignmentEnded()) {
            holder = null;
            bindType = BindType.NORMAL;
        }
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
    void on(NumberReleasedEvent e) {
        bindType = BindType.NORMAL;
        holder = null;
        phoneA = null;
        subsId = null;
        bindState = BindState.UNBOUND;
        clearPending();
    }

    private void clearPending() {
        pendingOperationId = null;
        pendingNewAssignment = false;
        pendingRelease = false;
        pendingNewPhone = null;
        pendingTransferFrom = null;
        pendingTransferTo = null;
        unbindFromFault = false;
    }
}
