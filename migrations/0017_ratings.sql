-- 好差评 (issue 19): one row per rating. `subject` is 'ticket:{code}' or 'case:{number}' for a rating of one
-- service (一次一评 / 一事一评): unique, so a second try finds the first; NULL for a rating of a window from its
-- placard or screen without a ticket. The window, point, department and the clerk who served are copied at the time
-- of rating. `phone` is the verified mobile (the signed-in account's) a bad rating needs; `device` the browser's
-- device cookie. `flags` lists why the administrator should look (JSON: domain::rating::Flag codes); flagged ratings
-- still count.
CREATE TABLE ratings (
    id TEXT PRIMARY KEY,
    subject TEXT UNIQUE,
    source TEXT NOT NULL,
    window_id TEXT,
    point_id TEXT NOT NULL,
    department TEXT NOT NULL,
    staff_id TEXT,
    level TEXT NOT NULL,
    indicators TEXT NOT NULL,
    comment TEXT NOT NULL,
    account_id TEXT,
    phone TEXT,
    device TEXT NOT NULL,
    day TEXT NOT NULL,
    at BIGINT NOT NULL,
    flags TEXT NOT NULL
);
CREATE INDEX ratings_window ON ratings (window_id, day);
CREATE INDEX ratings_point ON ratings (point_id, department, day);
