package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import java.time.Instant;

/**
 * The binding's time is up. Published as MQ108 ({@code service_exchange1_privatenumberXNB}), whose consumer
 * ends it at the provider.
 */
public record XbBindingExpiredEvent(String number, String bindingId, String userId,
        @PersonalData(AGENT) String phoneA, @PersonalData(CUSTOMER) String phoneB, String subsId, Instant expiresAt,
        Platform platform, long poolId) implements PrivateNumberEvent {
}
