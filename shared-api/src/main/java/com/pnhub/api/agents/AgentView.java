package com.pnhub.api.agents;

/** An agent of the directory as the query side knows it. */
public record AgentView(String userId, String name, String phone) {
}
