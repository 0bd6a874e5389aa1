package com.pnhub.api.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates or updates an agent of the directory: name and current phone A. */
public record UpdateAgentProfileCommand(@TargetAggregateIdentifier String userId, String name, String phone) {
}
