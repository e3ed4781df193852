-- Green channel (绿色通道): window staff book on the spot for someone who cannot book online. The booking belongs to
-- the person's own citizen account (found or created by their mobile number), so their rules apply and they can
-- sign in with that number to see or cancel it; the staff member and the reason are recorded for supervision.
ALTER TABLE bookings ADD COLUMN booked_by TEXT REFERENCES accounts (id);
ALTER TABLE bookings ADD COLUMN green_reason TEXT;
