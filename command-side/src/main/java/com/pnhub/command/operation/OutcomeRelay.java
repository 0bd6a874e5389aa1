package com.pnhub.command.operation;

/**
 * Carries an operation's outcome to the other instances, for a request that waits on one of them: the saga that
 * ended the operation may run anywhere. Called inside the transaction that records the outcome, so nothing is told
 * of a change that rolled back; an implementation delivers what it was given to {@link OperationOutcomes#completeFromPeer}
 * on the other side.
 */
public interface OutcomeRelay {

    /** For a single instance (and tests): nobody else could be waiting. */
    OutcomeRelay NONE = (operationId, outcome) -> { };

    void publish(String operationId, OperationOutcome outcome);
}
