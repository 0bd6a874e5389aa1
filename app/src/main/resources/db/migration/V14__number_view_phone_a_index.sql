-- GET /api/v1/numbers?phoneA= (the console's search by an agent's real phone) without a scan of the read model
CREATE INDEX number_view_phone_a_idx ON number_view (phone_a) WHERE phone_a IS NOT NULL;
