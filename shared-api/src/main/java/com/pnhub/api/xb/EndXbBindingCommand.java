package com.pnhub.api.xb;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * MQ108 / UnBindClientNumber: end the customer binding with this subscription at the provider. Answers the
 * binding's id, or null when X has no customer binding with that subscription (it is not one of ours).
 */
public record EndXbBindingCommand(@TargetAggregateIdentifier String number, String subsId, String operationId) {
}
