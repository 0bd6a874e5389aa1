-- A user's slot per bind type (one normal AX number, one temporary number). Assigning a number takes the
-- slot; a transfer in flight holds the slots of both users, so neither can take another number until the
-- provider answered (ADR 0003). The primary key decides races, in the command's unit of work.
CREATE TABLE user_slot (
    user_id   VARCHAR(64) NOT NULL,
    bind_type SMALLINT    NOT NULL,
    number    VARCHAR(11) NOT NULL,
    PRIMARY KEY (user_id, bind_type)
);
CREATE INDEX user_slot_number_idx ON user_slot (number);

INSERT INTO user_slot (user_id, bind_type, number)
SELECT holder, bind_type, number FROM number_lookup WHERE holder IS NOT NULL;

-- the slots decide now; a holder moves between two users during a transfer
DROP INDEX number_lookup_one_per_user;
