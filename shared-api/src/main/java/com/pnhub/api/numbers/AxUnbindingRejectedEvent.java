package com.pnhub.api.numbers;

import org.axonframework.serialization.Revision;

/**
 * The provider refused to unbind; the binding is again what it was before the unbind was asked for:
 * {@code bindState} BOUND, or FAULT for a fault binding whose unbind (#13) was refused.
 * Revision 2 added {@code bindState} (events of revision 1 are upcast, docs/events.md).
 */
@Revision("2")
public record AxUnbindingRejectedEvent(String number, String operationId, String userId, String providerCode, String reason,
                                       boolean providerUnavailable, BindState bindState) implements PrivateNumberEvent {
}
