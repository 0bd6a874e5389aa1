package com.pnhub.command.number;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link BusinessRuleException} by its code and, when given, its exact legacy message. */
final class BusinessRuleMatcher extends TypeSafeMatcher<BusinessRuleException> {

    private final ErrorCode code;
    private final String legacyMessage;

    private BusinessRuleMatcher(ErrorCode code, String legacyMessage) {
        super(BusinessRuleException.class);
        this.code = code;
        this.legacyMessage = legacyMessage;
    }

    static Matcher<BusinessRuleException> rule(ErrorCode code) {
        return new BusinessRuleMatcher(code, null);
    }

    static Matcher<BusinessRuleException> rule(ErrorCode code, String legacyMessage) {
        return new BusinessRuleMatcher(code, legacyMessage);
    }

    @Override
    protected boolean matchesSafely(BusinessRuleException e) {
        return e.code() == code && (legacyMessage == null || legacyMessage.equals(e.legacyMessage()));
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("BusinessRuleException " + code);
        if (legacyMessage != null) {
            description.appendText(" with legacy message ").appendValue(legacyMessage);
        }
    }

    @Override
    protected void describeMismatchSafely(BusinessRuleException e, Description mismatch) {
        mismatch.appendText("was " + e.code() + " ").appendValue(e.legacyMessage());
    }
}
