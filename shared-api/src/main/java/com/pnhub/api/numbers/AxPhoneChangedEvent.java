package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A is now {@code newPhoneA}: the provider routes X to it ({@code bindState} BOUND), or, for a fault binding
 * ({@code bindState} FAULT), the phone it will be pushed with. Revision 2 added {@code bindState}.
 */
@Revision("2")
public record AxPhoneChangedEvent(String number, String operationId, String userId,
        @PersonalData(AGENT) String oldPhoneA, @PersonalData(AGENT) String newPhoneA, BindState bindState)
        implements PrivateNumberEvent {
}
