package com.pnhub.bridge.inbound;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a handler's failure is definitive (the message is wrong or the domain said no: dead-letter it, answer
 * 5000) or transient (retry later). Definitive: any {@link BusinessRuleException} except the transient codes
 * {@code PROVIDER_UNAVAILABLE}, {@code PENDING}, {@code NUMBER_BUSY}. Transient: those, and every other exception.
 */
public final class Failures {

    public static final Set<ErrorCode> TRANSIENT_CODES = EnumSet.of(ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.PENDING,
            ErrorCode.NUMBER_BUSY);

    private Failures() {
    }

    public static boolean isDefinitive(Throwable t) {
        BusinessRuleException b = business(t);
        return b != null && !TRANSIENT_CODES.contains(b.code());
    }

    /** Whether a business error (of any code) is the cause. */
    public static boolean isBusiness(Throwable t) {
        return business(t) != null;
    }

    /** The error code name, or the exception's simple class name. */
    public static String code(Throwable t) {
        BusinessRuleException b = business(t);
        return b != null ? b.code().name() : t.getClass().getSimpleName();
    }

    /** The legacy message of a business error, else the exception's class and message. */
    public static String reason(Throwable t) {
        BusinessRuleException b = business(t);
        if (b != null) {
            return b.legacyMessage();
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static BusinessRuleException business(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BusinessRuleException) {
                return (BusinessRuleException) c;
            }
        }
        return null;
    }
}
