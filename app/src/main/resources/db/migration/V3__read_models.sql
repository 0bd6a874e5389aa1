-- Read models owned by query-side projections. Replays truncate and rebuild them.

CREATE TABLE agent_view (
    user_id VARCHAR(64) PRIMARY KEY,
    name    VARCHAR(200),
    phone   VARCHAR(11)
);

CREATE TABLE number_view (
    number        VARCHAR(11) PRIMARY KEY,
    platform      SMALLINT    NOT NULL,
    pool_id       BIGINT      NOT NULL,
    region_id     BIGINT      NOT NULL,
    number_state  SMALLINT    NOT NULL,
    bind_state    VARCHAR(16) NOT NULL,
    user_id       VARCHAR(64),
    tuser_id      VARCHAR(64),
    phone_a       VARCHAR(11),
    subs_id       VARCHAR(64),
    last_sequence BIGINT      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX number_view_user_idx ON number_view (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX number_view_tuser_idx ON number_view (tuser_id) WHERE tuser_id IS NOT NULL;
