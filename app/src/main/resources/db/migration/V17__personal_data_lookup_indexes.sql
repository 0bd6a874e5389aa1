-- The erasure and the customer retention look cells up by the real phone (issue 15): without these, each erasure and
-- each retention pass reads the whole interval tables.
CREATE INDEX xb_interval_phone_b_idx ON xb_interval (phone_b);
CREATE INDEX binding_interval_phone_a_idx ON binding_interval (phone_a);
