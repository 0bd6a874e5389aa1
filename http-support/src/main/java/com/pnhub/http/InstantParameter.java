package com.pnhub.http;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A time given as a request parameter: an ISO-8601 instant within what PostgreSQL and the event store can hold. */
public final class InstantParameter {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InstantParameter() {
    }

    /** {@code value} (not blank) as an instant; a 400 problem naming {@code name} when it is none or out of range. */
    public static Instant parse(String name, String value) {
        try {
            // a '+' of an offset arrives as a space when the caller did not encode it
            Instant instant = Instant.parse(value.trim().replace(' ', '+'));
            // Instant reaches the year 1,000,000,000; PostgreSQL's timestamps and the event store do not
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "超出范围 (out of range): 1970 .. 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name,
                    "需要ISO-8601时刻 (ISO-8601 instant expected), e.g. 2025-01-31T08:00:00Z");
        }
    }
}
