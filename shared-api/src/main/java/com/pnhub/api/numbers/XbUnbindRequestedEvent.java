package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** The binding is being ended at the provider (UnbindSubscription), retried while the provider is unreachable. */
public record XbUnbindRequestedEvent(String number, String operationId, String bindingId, String subsId,
                                     Platform platform, long poolId) implements PrivateNumberEvent {
}
