package com.pnhub.api.pool;

import com.pnhub.api.numbers.BindState;
import java.util.List;

/**
 * One page of numbers from the read model, ordered by number (answers a {@link NumbersPage}). Every filter is
 * optional (null = any): {@code platform} is the platform code (1, 2, 3), {@code state} the number state code
 * (dictionary 1527, 0..3), {@code bindStates} the bind states any of which matches (a legacy bind code stands for
 * all the states shown with it), {@code userId} matches the holder ({@code user_id}) or the transferee
 * ({@code tuser_id}), {@code phoneA} the holder's real phone. {@code page} counts from 0.
 */
public record FindNumbersQuery(
        Integer platform,
        Long poolId,
        Long regionId,
        Integer state,
        List<BindState> bindStates,
        String userId,
        String phoneA,
        int page,
        int size) {

    public FindNumbersQuery {
        bindStates = bindStates == null ? null : List.copyOf(bindStates);
    }
}
