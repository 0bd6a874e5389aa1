package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;

/** The binding is a fault binding (bind state 5): held for the agent locally and pushed to the provider when it recovers. subsId: the provider's subscription if one exists (declared faults). */
public record AxFaultBoundEvent(String number, String operationId, String userId, @PersonalData(AGENT) String phoneA,
        BindType bindType, Platform platform, long poolId, String subsId, FaultCause cause, String reason)
        implements PrivateNumberEvent {
}
