package com.pnhub.command.number;

import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.values.Platform;
import java.util.List;

/**
 * The write side's set-based view of the pool. Command handlers call it in the unit of work that
 * applies their events, so its unique constraints decide races (one number per user and bind type, one
 * registration per number) atomically with the event append.
 */
public interface NumberLookup {

    /** @throws com.pnhub.api.errors.BusinessRuleException NUMBER_ALREADY_REGISTERED */
    void register(String number, Platform platform, long poolId, long regionId);

    /**
     * The user takes their slot of that bind type with the number and becomes its holder.
     *
     * @throws com.pnhub.api.errors.BusinessRuleException USER_ALREADY_HAS_NUMBER (or _FAULT_BINDING) when the
     *                                                    user's slot holds another number
     */
    void assign(String number, String userId, BindType bindType);

    /** Takes the user's slot for the number without making them its holder (a transfer in flight). Same refusal as assign. */
    void reserve(String number, String userId, BindType bindType);

    /** Gives the user's slot back if it holds the number. */
    void releaseSlot(String number, String userId, BindType bindType);

    /** Makes the user the holder of the number (their slot must already hold it). */
    void setHolder(String number, String userId, BindType bindType);

    /** The number the user holds with that bind type, or null. A hint for a clear answer: races are decided by {@link #assign}. */
    String numberHeldBy(String userId, BindType bindType);

    /** Every number the user holds, of any bind type. */
    List<String> numbersHeldBy(String userId);

    /** Every number that has a holder. */
    List<String> allHeldNumbers();

    /** The pool ids of the platform's registered numbers. */
    List<Long> poolsOf(Platform platform);

    /** Where a registered number lives, or null for a number that is not ours. */
    Registration find(String number);

    record Registration(String number, Platform platform, long poolId, String holder) {
    }

    /** The number has no holder any more. */
    void free(String number);

    void changeState(String number, NumberState state);

    /**
     * Locks and returns a free number of the platform (no holder, state 正常) for the rest of the current
     * transaction, skipping numbers other transactions hold; null when none is left.
     */
    String lockFreeNumber(Platform platform);
}
