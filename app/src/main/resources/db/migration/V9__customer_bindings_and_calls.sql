-- Customer (XB) bindings and call records (docs/point-in-time.md, docs/xb-bindings.md).

-- Write side: each provider call_id is recorded once (claimed in the recording command's transaction).
CREATE TABLE call_record_ledger (
    call_id     VARCHAR(100) PRIMARY KEY,
    number      VARCHAR(11)  NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Legacy xbid (callbackId) for GetCallNumber requests that bring none (xbid = 0). Starts far above the
-- ids MIS hands out itself, so the two never meet.
CREATE SEQUENCE xb_callback_id START WITH 900000000001;

-- Records a push brought that could not be recorded (not one of our numbers, malformed): kept with the
-- reason, never silently dropped. The receiver still answers code 0: a redelivery would not help.
CREATE TABLE call_record_rejected (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    call_id     VARCHAR(100),
    reason      VARCHAR(500) NOT NULL,
    record      BYTEA        NOT NULL
);

-- Query side (projection "binding-intervals"): one row per customer binding, from the provider's bind to
-- its end (valid_to NULL while it lives). expires_at is the time asked for (moved by an extension).
CREATE TABLE xb_interval (
    binding_id           VARCHAR(64)  PRIMARY KEY,
    number               VARCHAR(11)  NOT NULL,
    callback_id          BIGINT       NOT NULL,
    user_id              VARCHAR(64)  NOT NULL,
    phone_a              VARCHAR(11),
    phone_b              VARCHAR(11)  NOT NULL,
    subs_id              VARCHAR(64),
    map_class_id         BIGINT,
    map_id               BIGINT,
    contact_map_class_id BIGINT,
    contact_id           BIGINT,
    valid_from           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_to             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX xb_interval_at_idx ON xb_interval (number, valid_from DESC);
CREATE INDEX xb_interval_subs_idx ON xb_interval (number, subs_id);
