-- Booking and the queue at every service point (issue 11).
--
-- Windows serve one or more departments (a town centre's 综合窗口 serves all of its departments), and a point's
-- check-in desks (签到台) live beside its windows: `kind` 'window' | 'desk'. Both are retired, never deleted, so
-- their ids (W01…, D01…) stay stable for printed placards and paired screens. The table is rebuilt because SQLite
-- cannot drop a column that references another table.
CREATE TABLE windows_v2 (
    id TEXT PRIMARY KEY,
    point_id TEXT NOT NULL REFERENCES service_points (id),
    kind TEXT NOT NULL,                 -- 'window' | 'desk'
    number BIGINT NOT NULL,             -- 3号窗口, 1号签到台: unique per point and kind among those in service
    name TEXT NOT NULL,
    retired_at BIGINT                   -- out of service since (Unix seconds); NULL: in service
);

CREATE TABLE window_departments (
    window_id TEXT NOT NULL,
    department_code TEXT NOT NULL,
    PRIMARY KEY (window_id, department_code)
);

INSERT INTO windows_v2 (id, point_id, kind, number, name, retired_at)
SELECT id, point_id, 'window', number, name, NULL FROM windows;
INSERT INTO window_departments (window_id, department_code) SELECT id, department_code FROM windows;
DROP TABLE windows;
ALTER TABLE windows_v2 RENAME TO windows;
CREATE INDEX windows_point ON windows (point_id, kind);
CREATE INDEX window_departments_department ON window_departments (department_code);

-- The county hall had the only (implicit) check-in desk: it keeps one.
INSERT INTO windows (id, point_id, kind, number, name, retired_at)
SELECT 'D01', point_id, 'desk', 1, '签到台', NULL FROM (
    SELECT point_id FROM windows WHERE kind = 'window' GROUP BY point_id ORDER BY COUNT(*) DESC, point_id LIMIT 1
) hall;

-- Until now only the county hall could check anyone in: no-shows recorded anywhere else were bookings nobody could
-- have checked in. They close instead, and stop counting towards a suspension.
UPDATE bookings SET status = 'closed'
WHERE status = 'no_show' AND point_id <> COALESCE((SELECT point_id FROM windows WHERE id = 'D01'), '');

-- Window staff grants name the service point beside the department: scope '{point}:{department}'. Existing ones
-- were for the county hall, the only point with windows.
UPDATE grants SET scope = (
    SELECT point_id FROM windows WHERE kind = 'desk' AND id = 'D01'
) || ':' || scope
WHERE role = 'window_staff' AND scope NOT LIKE '%:%' AND EXISTS (SELECT 1 FROM windows WHERE id = 'D01');

-- A window has at most one called ticket. Before this index, racing 叫号 posts could leave several: the older ones
-- become skipped (visible to the window, which may recall them) so the index can be built.
UPDATE queue_tickets SET state = 'skipped', skipped_at = called_at
WHERE state = 'called' AND EXISTS (
    SELECT 1 FROM queue_tickets later WHERE later.window_id = queue_tickets.window_id AND later.state = 'called'
    AND (later.called_at > queue_tickets.called_at OR (later.called_at = queue_tickets.called_at AND later.id > queue_tickets.id))
);
CREATE UNIQUE INDEX queue_tickets_one_called ON queue_tickets (window_id) WHERE state = 'called';

-- Booked people are ordered by their slot's start, then by check-in.
ALTER TABLE queue_tickets ADD COLUMN slot_starts_at BIGINT;
UPDATE queue_tickets SET slot_starts_at = (SELECT b.starts_at FROM bookings b WHERE b.code = queue_tickets.booking_code)
WHERE booking_code IS NOT NULL;

-- Booked priority starts this many minutes before the slot (earlier arrivals are told when to come back).
ALTER TABLE booking_rules ADD COLUMN checkin_early_minutes BIGINT NOT NULL DEFAULT 30;

-- The name a citizen gave on the check-answers page, remembered for their next booking (NULL: not asked yet).
ALTER TABLE accounts ADD COLUMN real_name TEXT;
