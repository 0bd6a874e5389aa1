-- Every read of a number's history or holder at a time, which show real phone numbers (issue 12): who read which
-- number, when, and what. Written before the answer is served, so no such read goes unrecorded.
CREATE TABLE audit_read (
    id        bigserial PRIMARY KEY,
    read_at   timestamptz NOT NULL DEFAULT now(),
    principal text        NOT NULL,
    number    text        NOT NULL,
    what      text        NOT NULL,
    query     text
);
CREATE INDEX audit_read_number ON audit_read (number, read_at);
CREATE INDEX audit_read_read_at ON audit_read (read_at);
