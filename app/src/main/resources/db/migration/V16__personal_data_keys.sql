-- Crypto-shredding (issue 15, ADR 0027). One data key per real phone number and subject kind (an agent's own phone,
-- a customer's phone): the event serializer encrypts every personal field with the key of its number, and erasing a
-- person destroys the wrapped key, which makes every copy of the number in the append-only store unreadable at once.
-- The number itself is not kept here: subject_hash is a keyed HMAC of it (the index key below), so the row can be
-- found from the number but the number cannot be read from the row.
CREATE TABLE personal_data_key (
    key_id       UUID         PRIMARY KEY,
    subject      VARCHAR(16)  NOT NULL,
    subject_hash BYTEA        NOT NULL,
    -- the Tink keyset encrypted by the master key (associated data: key_id); NULL once destroyed
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- the last time a field was encrypted with it, kept to the hour: the customer retention counts from it
    last_used_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    erasure_id   UUID,
    CONSTRAINT personal_data_key_destroyed CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);
-- at most one live key per number; after an erasure a number that comes back gets a new key
CREATE UNIQUE INDEX personal_data_key_live ON personal_data_key (subject, subject_hash) WHERE destroyed_at IS NULL;
CREATE INDEX personal_data_key_retention ON personal_data_key (last_used_at) WHERE destroyed_at IS NULL;

-- The HMAC key of subject_hash, wrapped by the master key; one row, made by the first instance that starts.
CREATE TABLE personal_data_index_key (
    id          SMALLINT     PRIMARY KEY CHECK (id = 1),
    wrapped_key BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Every erasure, by request or by the retention: what was erased, never the number itself.
CREATE TABLE personal_data_erasure (
    erasure_id     UUID         PRIMARY KEY,
    subject        VARCHAR(16)  NOT NULL,
    user_id        VARCHAR(64),
    reason         VARCHAR(16)  NOT NULL,
    keys_destroyed INT          NOT NULL,
    cells_scrubbed BIGINT       NOT NULL,
    requested_by   VARCHAR(200),
    erased_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX personal_data_erasure_time ON personal_data_erasure (erased_at DESC);
