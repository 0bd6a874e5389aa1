package com.pnhub.api.numbers;

/** A number as the read model knows it. */
public record NumberView(
        String number,
        Platform platform,
        long poolId,
        long regionId,
        NumberState state,
        BindState bindState,
        String userId,
        String phoneA,
        String subsId,
        java.time.Instant updatedAt) {
}
