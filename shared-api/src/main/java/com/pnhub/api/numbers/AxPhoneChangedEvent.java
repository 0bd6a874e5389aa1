package com.pnhub.api.numbers;

import org.axonframework.serialization.Revision;

/**
 * A is now {@code newPhoneA}: the provider routes X to it ({@code bindState} BOUND), or, for a fault binding
 * ({@code bindState} FAULT), the phone it will be pushed with. Revision 2 added {@code bindState}.
 */
@Revision("2")
public record AxPhoneChangedEvent(String number, String operationId, String userId, String oldPhoneA, String newPhoneA,
                                  BindState bindState) implements PrivateNumberEvent {
}
