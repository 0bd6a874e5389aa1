package com.pnhub.api.agents;

/** Answers an Optional-like AgentView (null when unknown). */
public record FindAgentQuery(String userId) {
}
