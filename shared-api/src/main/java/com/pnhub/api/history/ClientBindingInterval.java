package com.pnhub.api.history;

import com.pnhub.api.xb.ClientBindingContext;
import java.time.Instant;

/** One customer (XB) binding on X: from the provider's bind to its end (to null while it lives). */
public record ClientBindingInterval(String bindingId, long callbackId, String userId, String phoneA, String phoneB,
                                    String subsId, ClientBindingContext context, Instant from, Instant expiresAt,
                                    Instant to) {
}
