-- Binding intervals (query side, projection "binding-intervals"): one row per period in which a virtual
-- number X was held by one agent with one A. valid_to NULL: the period is still open. seq_from is the
-- sequence number of the event that opened the period, seq_to of the one that closed it; together with
-- the primary key they make every write idempotent, so a redelivery or a replay over rows changes nothing.
-- A replay truncates and rebuilds the table.

CREATE TABLE binding_interval (
    number     VARCHAR(11) NOT NULL,
    seq_from   BIGINT      NOT NULL,
    valid_from TIMESTAMP WITH TIME ZONE NOT NULL,
    seq_to     BIGINT,
    valid_to   TIMESTAMP WITH TIME ZONE,
    user_id    VARCHAR(64),
    phone_a    VARCHAR(11),
    subs_id    VARCHAR(64),
    kind       VARCHAR(8)  NOT NULL CHECK (kind IN ('AX', 'FAULT')),
    PRIMARY KEY (number, seq_from)
);
-- "who held X at t": number = ? AND valid_from <= t AND (valid_to IS NULL OR valid_to > t)
CREATE INDEX binding_interval_at_idx ON binding_interval (number, valid_from DESC);
