package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import java.time.Instant;

/** A customer binding was asked for; the provider call follows (ClientBindingSaga). */
public record XbBindRequestedEvent(String number, String operationId, String bindingId, long callbackId,
        String userId, @PersonalData(AGENT) String phoneA, @PersonalData(CUSTOMER) String phoneB, Instant expiresAt,
        ClientBindingContext context, Platform platform, long poolId) implements PrivateNumberEvent {
}
