package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import java.time.Instant;

/** The provider bound A-X-B; the binding lives until {@code expiresAt}. */
public record XbBoundEvent(String number, String operationId, String bindingId, long callbackId, String userId,
        @PersonalData(AGENT) String phoneA, @PersonalData(CUSTOMER) String phoneB, String subsId, Instant expiresAt,
        ClientBindingContext context, Platform platform, long poolId) implements PrivateNumberEvent {
}
