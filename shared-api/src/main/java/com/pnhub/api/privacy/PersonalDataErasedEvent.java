package com.pnhub.api.privacy;

import com.pnhub.api.privacy.PersonalData.Subject;
import java.time.Instant;

/**
 * A person's data keys were destroyed: every stored copy of their number now reads as {@link PersonalData#ERASED}. It
 * names no number (a customer's erasure would otherwise keep what it erased); an agent's erasure names the agent's
 * user id. reason: {@code REQUEST} (the erasure API) or {@code RETENTION} (the customer retention ran out).
 */
public record PersonalDataErasedEvent(String erasureId, Subject subject, String userId, String reason, int keysDestroyed,
        Instant erasedAt) {

    public static final String REQUEST = "REQUEST";
    public static final String RETENTION = "RETENTION";
}
