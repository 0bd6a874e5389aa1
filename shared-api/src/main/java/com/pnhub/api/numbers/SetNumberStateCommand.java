package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the number state, dictionary 1527 (legacy #6). */
public record SetNumberStateCommand(@TargetAggregateIdentifier String number, NumberState state) {
}
