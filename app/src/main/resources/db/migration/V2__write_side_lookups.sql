-- Set-based rules of the write side. Command handlers write these rows in the same transaction as the
-- events they apply, so a unique constraint decides races that a read-then-write could not.

CREATE TABLE number_lookup (
    number    VARCHAR(11) PRIMARY KEY,
    platform  SMALLINT    NOT NULL,
    pool_id   BIGINT      NOT NULL,
    region_id BIGINT      NOT NULL,
    state     SMALLINT    NOT NULL DEFAULT 0,
    holder    VARCHAR(64),
    bind_type SMALLINT
);
-- a user holds at most one number per bind type (normal AX, temporary)
CREATE UNIQUE INDEX number_lookup_one_per_user ON number_lookup (holder, bind_type) WHERE holder IS NOT NULL;
-- the free pool: BindAxByplatform takes the first unlocked row of this partial index, no scan
CREATE INDEX number_lookup_free ON number_lookup (platform, number) WHERE holder IS NULL AND state = 0;

CREATE TABLE agent_lookup (
    user_id VARCHAR(64) PRIMARY KEY,
    name    VARCHAR(200),
    phone   VARCHAR(11)
);
