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
