package com.pnhub.api.numbers;

/** Every event of the PrivateNumber aggregate; sealed so a switch over them is exhaustive. */
public sealed interface PrivateNumberEvent permits
        NumberRegisteredEvent,
        AxBindRequestedEvent,
        AxBoundEvent,
        AxBindingRejectedEvent,
        AxUnbindRequestedEvent,
        AxUnboundEvent,
        AxUnbindingRejectedEvent,
        AxPhoneChangeRequestedEvent,
        AxPhoneChangedEvent,
        AxPhoneChangeRejectedEvent,
        NumberStateChangedEvent,
        NumberReleasedEvent,
        XBlacklistedEvent,
        XUnblacklistedEvent,
        AxTransferRequestedEvent,
        NumberTransferredEvent,
        AxTransferRejectedEvent,
        AxFaultBoundEvent,
        FaultBindingRecoveredEvent,
        FaultBindingEndedEvent,
        FaultRecoveryRequestedEvent,
        FailoverStartedEvent,
        FailoverEndedEvent,
        XbBindRequestedEvent,
        XbBoundEvent,
        XbBindingRejectedEvent,
        XbBindingExtendedEvent,
        XbBindingExpiredEvent,
        XbUnbindRequestedEvent,
        XbUnboundEvent,
        CallRecordedEvent {

    String number();
}
