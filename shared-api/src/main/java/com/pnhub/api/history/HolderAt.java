package com.pnhub.api.history;

import java.time.Instant;
import java.util.List;

/**
 * The answer of GET /api/v1/numbers/{x}/holder?at=: holder null when nobody held X at that instant;
 * clientBindings the customer (XB) bindings live on X then.
 */
public record HolderAt(String number, Instant at, HolderInterval holder, List<ClientBindingInterval> clientBindings) {
}
