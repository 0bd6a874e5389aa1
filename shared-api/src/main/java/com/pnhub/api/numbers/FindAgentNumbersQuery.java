package com.pnhub.api.numbers;

/** The rows of QueryAgentNumbers (legacy #3): numbers whose holder or transfer target is the user. */
public record FindAgentNumbersQuery(String userId) {
}
