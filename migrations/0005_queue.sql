-- The hall's queue: tickets, each day's numbering per queue, windows' sign-on state and registered window screens.
-- A queue is a service group: a department at a service point. Instants are Unix seconds (UTC); `day` is the
-- civil date in Asia/Shanghai. Window and point ids are not foreign keys: the demo reset replaces those tables.

CREATE TABLE queue_tickets (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,          -- unguessable: /tickets/{code}
    point_id TEXT NOT NULL,
    department_code TEXT NOT NULL,
    day TEXT NOT NULL,                  -- YYYY-MM-DD, Asia/Shanghai
    number TEXT NOT NULL,               -- A017
    seq BIGINT NOT NULL,
    priority BIGINT NOT NULL,           -- 0 booked (checked in within the grace), 1 walk-in
    booking_code TEXT,                  -- the booking checked in, if any
    phone TEXT,                         -- for the SMS when three people are ahead
    state TEXT NOT NULL,                -- 'waiting' | 'called' | 'served' | 'skipped'
    target_window_id TEXT,              -- transferred to one window: only it calls the ticket, first
    window_id TEXT,                     -- the window that called it
    checked_in_at BIGINT NOT NULL,
    called_at BIGINT,
    calls BIGINT NOT NULL DEFAULT 0,    -- how many times it was called (recalls announce again)
    served_at BIGINT,                   -- the end of the ticket, for ratings
    served_by TEXT,                     -- staff account
    skipped_at BIGINT,
    ahead_sms_at BIGINT,                -- when the "three ahead" SMS was queued (at most once)
    UNIQUE (point_id, day, number)
);

CREATE INDEX queue_tickets_waiting ON queue_tickets (point_id, department_code, day, state);
CREATE INDEX queue_tickets_window ON queue_tickets (window_id, state);
CREATE UNIQUE INDEX queue_tickets_booking ON queue_tickets (booking_code);

-- Each queue's last number of the day, advanced by one atomic upsert.
CREATE TABLE queue_counters (
    point_id TEXT NOT NULL,
    department_code TEXT NOT NULL,
    day TEXT NOT NULL,
    last_seq BIGINT NOT NULL,
    PRIMARY KEY (point_id, department_code, day)
);

-- Who is signed on at a window, and whether it is paused. One row per window in use.
CREATE TABLE window_sessions (
    window_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE,    -- one window per person
    day TEXT NOT NULL,                  -- sign-ons lapse at the end of the civil day
    signed_on_at BIGINT NOT NULL,
    paused BIGINT NOT NULL DEFAULT 0
);

-- Registered window screens: the device cookie holds a random token, this table its SHA-256.
CREATE TABLE screen_devices (
    token_hash TEXT PRIMARY KEY,
    window_id TEXT NOT NULL,
    paired_by TEXT NOT NULL,
    paired_at BIGINT NOT NULL
);
