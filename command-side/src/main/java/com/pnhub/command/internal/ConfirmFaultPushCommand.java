package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider took the fault binding (recovery) with A = {@code pushedPhoneA}: it is an ordinary binding again.
 * Answers false when the fault binding moved on while the push ran.
 */
public record ConfirmFaultPushCommand(@TargetAggregateIdentifier String number, String operationId, String subsId,
                                      String pushedPhoneA) {
}
