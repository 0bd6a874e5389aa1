package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * The number now belongs to toUserId (transferred from fromUserId); a bound or fault-bound number routes, or is
 * pushed, to newPhoneA. {@code bindState} is the number's binding after the transfer (BOUND, FAULT or UNBOUND: a
 * transfer does not change it) and {@code bindType} its kind (a temporary number stays temporary). Revision 2 added
 * both.
 */
@Revision("2")
public record NumberTransferredEvent(String number, String operationId, String fromUserId, String toUserId,
        @PersonalData(AGENT) String oldPhoneA, @PersonalData(AGENT) String newPhoneA, BindState bindState,
        BindType bindType) implements PrivateNumberEvent {
}
