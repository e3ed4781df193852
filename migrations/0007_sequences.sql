-- Numbering that two concurrent writers can never both take: each sequence's last number, advanced by one atomic
-- upsert (`store::next_in_sequence`). `SELECT MAX(seq) + 1` gave two concurrent PostgreSQL transactions the same
-- number (the waiting list, road imports).
CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    last BIGINT NOT NULL
);

INSERT INTO sequences (name, last) SELECT 'road_imports', COALESCE(MAX(seq), 0) FROM road_imports;
INSERT INTO sequences (name, last) SELECT 'booking_waits:' || slot_id, MAX(seq) FROM booking_waits GROUP BY slot_id;

-- The SMS sink (development) lists messages in the order they were sent. `sent_at` is the app clock of whoever sent
-- them, which under the test clock differs between journeys running side by side.
ALTER TABLE sms_sink ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
