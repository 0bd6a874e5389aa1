-- Read model of the blacklists (GET /api/v1/blacklist), owned by the blacklist-view projection.
CREATE TABLE blacklist_view (
    platform  SMALLINT    NOT NULL,
    number    VARCHAR(11) NOT NULL,
    kind      CHAR(1)     NOT NULL, -- B: a customer number, X: a virtual number of the pool
    direction SMALLINT    NOT NULL, -- dictionary 1535: 0 呼出, 1 呼入
    user_id   VARCHAR(64),
    since     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, number, direction)
);
CREATE INDEX blacklist_view_number_idx ON blacklist_view (number);
