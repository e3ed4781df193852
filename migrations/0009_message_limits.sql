-- Messages to a number other than the sender's own (family bookings, the green channel, later proxy consent codes)
-- are limited per day: per sending account and per receiving number, each claimed with one conditional upsert in
-- the transaction that queues the message (issue 12). `key` is 'account:{id}' or 'number:{mobile}'; `day` the
-- civil date in Asia/Shanghai.
CREATE TABLE message_quota (
    key TEXT NOT NULL,
    day TEXT NOT NULL,
    sent BIGINT NOT NULL,
    PRIMARY KEY (key, day)
);

ALTER TABLE booking_rules ADD COLUMN sms_per_account_day BIGINT NOT NULL DEFAULT 10;
ALTER TABLE booking_rules ADD COLUMN sms_per_number_day BIGINT NOT NULL DEFAULT 3;

-- One row per rate-limited key ('phone:…', 'address:…', 'code:…', 'guesses:…'): a sign-in request locks its keys'
-- rows first (an upsert), then counts and records in the same transaction, so concurrent requests are decided one
-- after another and never pass a limit together.
CREATE TABLE rate_gates (
    key TEXT PRIMARY KEY,
    hits BIGINT NOT NULL DEFAULT 0
);
