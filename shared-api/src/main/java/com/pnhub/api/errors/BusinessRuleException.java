package com.pnhub.api.errors;

import java.util.Arrays;

/**
 * A rule of the domain said no. Carries an {@link ErrorCode} and its arguments so the edges can answer in
 * their own language (the legacy facade with the exact Chinese ResultMsg).
 */
public class BusinessRuleException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object[] args;

    public BusinessRuleException(ErrorCode code, Object... args) {
        super(code.name() + " " + code.format(args), null, false, false);
        this.code = code;
        this.args = args.clone();
    }

    public ErrorCode code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public String legacyMessage() {
        return code.format(args);
    }

    @Override
    public String toString() {
        return "BusinessRuleException[" + code + Arrays.toString(args) + "]";
    }
}
