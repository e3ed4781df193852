-- Every time a member of staff is shown a person's personal data beyond what anyone holding a booking code sees
-- (today: the full name and details of a green-channel booking they made; later: case files), one row: who, when,
-- what kind of record and which one. Appended only; the centre administrator reads the newest on /admin (issue 12).
CREATE TABLE staff_reads (
    at BIGINT NOT NULL,
    account_id TEXT NOT NULL,
    what TEXT NOT NULL,
    subject TEXT NOT NULL
);
CREATE INDEX staff_reads_at ON staff_reads (at);
