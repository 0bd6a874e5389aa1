-- Write model revision 2 (issue 11): a call record is a stream of its own (aggregate RecordedCall, identifier
-- "call:<call_id>"), written with its row here in one transaction; a number's history reads its own stream and the
-- call streams listed for it. call_record_ledger keeps the calls recorded before, which were events of X's stream.
CREATE TABLE call_number_index (
    id       BIGINT GENERATED ALWAYS AS IDENTITY,
    call_key VARCHAR(110) PRIMARY KEY,
    number   VARCHAR(11)  NOT NULL
);
CREATE INDEX call_number_index_number_idx ON call_number_index (number, id);

-- Numbers are not handed on too soon (issue 10): when a number became free, for the quarantine after a release and
-- for allocating the number free the longest first. NULL: free since it was registered (or since before V10).
ALTER TABLE number_lookup ADD COLUMN freed_at TIMESTAMP WITH TIME ZONE;
DROP INDEX number_lookup_free;
CREATE INDEX number_lookup_free ON number_lookup (platform, freed_at NULLS FIRST, number) WHERE holder IS NULL AND state = 0;

-- the read side shows the same: free since when (a quarantined number's end of quarantine follows from it)
ALTER TABLE number_view ADD COLUMN freed_at TIMESTAMP WITH TIME ZONE;
