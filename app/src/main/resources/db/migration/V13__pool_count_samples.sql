-- The pool counts over time (GET /api/v1/pool/history): every pnhub.pool.history.sample-interval one row per
-- platform and pool with the counts of the pool summary. sampled_at is the start of the interval the sample was
-- taken in; the primary key lets one sample per interval, platform and pool land, whichever instance writes first.
CREATE TABLE pool_count_sample (
    sampled_at  timestamptz NOT NULL,
    platform    smallint    NOT NULL,
    pool_id     bigint      NOT NULL,
    free        bigint      NOT NULL,
    quarantined bigint      NOT NULL,
    assigned    bigint      NOT NULL,
    bound       bigint      NOT NULL,
    fault_bound bigint      NOT NULL,
    locked      bigint      NOT NULL,
    disabled    bigint      NOT NULL,
    released    bigint      NOT NULL,
    total       bigint      NOT NULL,
    PRIMARY KEY (sampled_at, platform, pool_id)
);
