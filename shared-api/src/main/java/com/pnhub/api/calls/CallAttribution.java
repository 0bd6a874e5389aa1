package com.pnhub.api.calls;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.xb.ClientBindingContext;

/**
 * Whom a call is attributed to: the agent (and A) who held X, and for a customer-binding call the binding and
 * its business context. source: XB (a customer binding), AX (the agent's own binding), NONE (nobody held X).
 */
public record CallAttribution(String source, String userId, @PersonalData(AGENT) String phoneA, String bindingId,
        Long callbackId, ClientBindingContext context) {

    public static final String XB = "XB";
    public static final String AX = "AX";
    public static final String NONE = "NONE";

    public static CallAttribution none() {
        return new CallAttribution(NONE, null, null, null, null, null);
    }
}
