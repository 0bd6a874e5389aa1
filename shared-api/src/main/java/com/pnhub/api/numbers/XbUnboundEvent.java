package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;

import com.pnhub.api.privacy.PersonalData;

/**
 * The customer binding ended. providerCode null: the provider unbound it now; otherwise the provider's answer
 * that it no longer had it (isv.SUBS_NOT_EXIST) or its refusal (the subscription ends at its own expiration).
 */
public record XbUnboundEvent(String number, String operationId, String bindingId, long callbackId, String userId,
        @PersonalData(CUSTOMER) String phoneB, String subsId, String providerCode, String providerMessage)
        implements PrivateNumberEvent {
}
