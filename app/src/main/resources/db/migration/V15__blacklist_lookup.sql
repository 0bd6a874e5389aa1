-- The command side's own copy of the B blacklists (ADR 0024): BlacklistedNumber's command handlers write it in the
-- transaction that appends their events, so a customer (XB) binding's check sees every blacklisting already
-- answered. blacklist_view, the projection's table, can be behind by its lag (ADR 0003) and stays the query side's.
CREATE TABLE blacklist_lookup (
    platform  SMALLINT    NOT NULL,
    number    VARCHAR(11) NOT NULL,
    direction SMALLINT    NOT NULL, -- dictionary 1535: 0 呼出, 1 呼入
    PRIMARY KEY (platform, number, direction)
);

-- backfill: the blacklists as the event store has them, not as blacklist_view has them, which may be behind, in a
-- replay (emptied), or stopped on an error at this moment, and would be copied wrong for good. A BlacklistedNumber
-- (aggregate id "platform:number") adds a direction only when absent and removes it only when present, so its
-- newest event of a direction says whether the direction is on. Only this migration reads the events by SQL; the
-- code goes through Axon's API (ADR 0024). Its statement is run again by BlacklistLookupIntegrationTest.
INSERT INTO blacklist_lookup (platform, number, direction)
SELECT platform, number, direction
  FROM (SELECT split_part(e.aggregate_identifier, ':', 1)::SMALLINT AS platform,
               split_part(e.aggregate_identifier, ':', 2)           AS number,
               CASE convert_from(e.payload, 'UTF8')::jsonb ->> 'direction'
                   WHEN 'OUTBOUND' THEN 0 WHEN 'INBOUND' THEN 1 END AS direction,
               e.payload_type,
               row_number() OVER (PARTITION BY e.aggregate_identifier, convert_from(e.payload, 'UTF8')::jsonb ->> 'direction'
                                  ORDER BY e.sequence_number DESC) AS newest
          FROM domain_event_entry e
         WHERE e.type = 'BlacklistedNumber'
           AND e.payload_type IN ('com.pnhub.api.blacklist.NumberBlacklistedEvent',
                                  'com.pnhub.api.blacklist.NumberUnblacklistedEvent')) last_of_direction
 WHERE newest = 1 AND payload_type = 'com.pnhub.api.blacklist.NumberBlacklistedEvent';
