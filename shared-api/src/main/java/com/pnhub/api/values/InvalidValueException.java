package com.pnhub.api.values;

import com.pnhub.api.errors.BusinessRuleException;

/**
 * A parameter's value is not one its value object accepts. A {@link BusinessRuleException} (code
 * MISSING_PARAMETER or INVALID_PARAMETER), so every edge that already answers those answers this unchanged; it
 * also keeps the parameter and the {@link ValueProblem} apart for an edge that reports them separately.
 */
public final class InvalidValueException extends BusinessRuleException {

    private final String parameter;
    private final ValueProblem problem;

    public InvalidValueException(String parameter, ValueProblem problem) {
        super(problem.code(), problem.arguments(parameter));
        this.parameter = parameter;
        this.problem = problem;
    }

    public String parameter() {
        return parameter;
    }

    public ValueProblem problem() {
        return problem;
    }
}
