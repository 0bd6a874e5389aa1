package com.pnhub.api.numbers;

/**
 * The customer binding ended. providerCode null: the provider unbound it now; otherwise the provider's answer
 * that it no longer had it (isv.SUBS_NOT_EXIST) or its refusal (the subscription ends at its own expiration).
 */
public record XbUnboundEvent(String number, String operationId, String bindingId, long callbackId, String userId,
                             String phoneB, String subsId, String providerCode, String providerMessage)
        implements PrivateNumberEvent {
}
