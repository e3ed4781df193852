-- Appointment booking (预约): rules, per-group slot settings, slots with capacity, bookings, suspensions lifted by
-- the admin, in-app notices. Instants are Unix seconds (BIGINT, UTC); days are civil dates in Asia/Shanghai.
-- A service group is a department at a point: (point_id, department_code).

-- The booking rules, one row ('default'), editable by the centre administrator at /admin/booking.
CREATE TABLE booking_rules (
    id TEXT PRIMARY KEY,
    max_active BIGINT NOT NULL,             -- at most N active bookings per account
    cancel_cutoff_minutes BIGINT NOT NULL,  -- no cancelling or rescheduling within this many minutes of the start
    default_slot_minutes BIGINT NOT NULL,   -- slot length where a group has no setting of its own
    default_capacity BIGINT NOT NULL        -- places per slot where a group has no setting of its own
);

INSERT INTO booking_rules (id, max_active, cancel_cutoff_minutes, default_slot_minutes, default_capacity)
VALUES ('default', 3, 60, 30, 4);

-- Slot length and capacity of one service group, set by the administrator.
CREATE TABLE booking_groups (
    point_id TEXT NOT NULL REFERENCES service_points (id),
    department_code TEXT NOT NULL REFERENCES departments (code),
    slot_minutes BIGINT NOT NULL,
    capacity BIGINT NOT NULL,
    PRIMARY KEY (point_id, department_code)
);

-- Slots are generated from opening hours and stored on first use, so capacity can be claimed with one conditional
-- UPDATE (booked < capacity). id = point_id '|' department_code '|' starts_at.
CREATE TABLE slots (
    id TEXT PRIMARY KEY,
    point_id TEXT NOT NULL REFERENCES service_points (id),
    department_code TEXT NOT NULL REFERENCES departments (code),
    day TEXT NOT NULL,                      -- YYYY-MM-DD (Asia/Shanghai)
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    capacity BIGINT NOT NULL,
    booked BIGINT NOT NULL DEFAULT 0,
    closed BIGINT NOT NULL DEFAULT 0        -- 1: closed (e.g. a power cut); its bookings were cancelled
);

CREATE INDEX slots_group_day ON slots (point_id, department_code, day);

-- Per-account count of active bookings, claimed with one conditional UPDATE (active < max_active).
CREATE TABLE booking_quota (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    active BIGINT NOT NULL DEFAULT 0
);

-- status: 'active' | 'cancelled' | 'checked_in' | 'served' | 'no_show' | 'closed' (slot closed by the hall).
-- The queue (issue 5 part 3) moves 'active' to 'checked_in' at check-in and later to 'served'.
CREATE TABLE bookings (
    code TEXT PRIMARY KEY,                  -- unguessable, printed and in the check-in QR: /bookings/{code}
    account_id TEXT NOT NULL REFERENCES accounts (id),
    item_code TEXT NOT NULL REFERENCES service_items (code),
    point_id TEXT NOT NULL REFERENCES service_points (id),
    department_code TEXT NOT NULL REFERENCES departments (code),
    slot_id TEXT NOT NULL REFERENCES slots (id),
    day TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    holder_name TEXT NOT NULL,              -- who comes: the account holder, or a family member (为家人预约)
    holder_phone TEXT NOT NULL,
    for_family BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    reminded_day_before BIGINT NOT NULL DEFAULT 0,
    reminded_hour_before BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX bookings_account ON bookings (account_id, status);
CREATE INDEX bookings_slot ON bookings (slot_id, status);
CREATE INDEX bookings_due ON bookings (status, starts_at);
-- One active booking per person, service and day, even when two requests race.
CREATE UNIQUE INDEX bookings_one_per_day ON bookings (account_id, holder_phone, item_code, day) WHERE status = 'active';

-- The administrator lifted a no-show suspension: no-shows before lifted_at no longer count.
CREATE TABLE booking_suspension_lifts (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    lifted_at BIGINT NOT NULL,
    lifted_by TEXT NOT NULL
);

-- In-app notices (the account's notices page): reminders and changes to bookings.
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);

CREATE INDEX notices_account ON notices (account_id, created_at);

-- The waiting list (候补) for a full slot: when a place frees, the first waiting (lowest seq) gets it
-- automatically, exactly once, and is told; they can release it like any booking.
-- status: 'waiting' | 'assigned' (booking_code set) | 'withdrawn' | 'lapsed' (could not be given the place).
CREATE TABLE booking_waits (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    item_code TEXT NOT NULL REFERENCES service_items (code),
    slot_id TEXT NOT NULL REFERENCES slots (id),
    holder_name TEXT NOT NULL,
    holder_phone TEXT NOT NULL,
    seq BIGINT NOT NULL,
    status TEXT NOT NULL,
    booking_code TEXT,
    created_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX booking_waits_order ON booking_waits (slot_id, seq);
CREATE UNIQUE INDEX booking_waits_once ON booking_waits (account_id, slot_id) WHERE status = 'waiting';
CREATE INDEX booking_waits_account ON booking_waits (account_id, status);
