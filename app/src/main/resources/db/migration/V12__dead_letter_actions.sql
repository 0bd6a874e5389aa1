-- What operators did with the bridge's dead letters (issue 16): each re-drive and discard, who, when, of which message
-- and why it had been dead-lettered. The message body is not kept: it holds phone numbers.
CREATE TABLE dead_letter_action (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL,
    queue      text        NOT NULL,
    message_id text        NOT NULL,
    action     text        NOT NULL CHECK (action IN ('REDRIVEN', 'DISCARDED')),
    note       text,
    actor      text        NOT NULL,
    reason     text
);
CREATE INDEX dead_letter_action_at ON dead_letter_action (at);
