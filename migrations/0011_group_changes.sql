-- A service group's slot length can change while slots of the old length are stored (people hold places in
-- them): the new length applies from `minutes_from` (YYYY-MM-DD, the first day with no stored slot), and days
-- before it keep `earlier_minutes`, so old and new slots never overlap (issue 13).
ALTER TABLE booking_groups ADD COLUMN earlier_minutes BIGINT;
ALTER TABLE booking_groups ADD COLUMN minutes_from TEXT;
