-- Why a slot was closed (a power cut, a system upgrade): shown beside it as 暂停服务 (issue 13).
ALTER TABLE slots ADD COLUMN closed_reason TEXT;

-- The no-show rule (3 within 90 days suspend booking for 30 days) becomes the administrator's setting (issue 13).
ALTER TABLE booking_rules ADD COLUMN no_show_limit BIGINT NOT NULL DEFAULT 3;
ALTER TABLE booking_rules ADD COLUMN no_show_window_days BIGINT NOT NULL DEFAULT 90;
ALTER TABLE booking_rules ADD COLUMN suspension_days BIGINT NOT NULL DEFAULT 30;

-- The travel profile behind the 15-minute zones (speeds in km/h per road class) becomes the administrator's
-- setting on /admin/network; saving it recomputes the zones (issue 13).
CREATE TABLE travel_profile (
    id TEXT PRIMARY KEY,
    county_kmh BIGINT NOT NULL,
    town_kmh BIGINT NOT NULL,
    village_kmh BIGINT NOT NULL,
    path_kmh BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO travel_profile (id, county_kmh, town_kmh, village_kmh, path_kmh, updated_at) VALUES ('default', 25, 18, 15, 5, 0);
