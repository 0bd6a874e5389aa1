package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;

import com.pnhub.api.privacy.PersonalData;

/** The provider refused the customer binding, or could not be reached: there is none. */
public record XbBindingRejectedEvent(String number, String operationId, String bindingId, String userId,
        @PersonalData(CUSTOMER) String phoneB, String providerCode, String reason, boolean providerUnavailable)
        implements PrivateNumberEvent {
}
