-- 好差评's follow-ups (issue 19).
--
-- A form's typed values kept across a sign-in: a bad rating started signed out needs the verified phone; the person
-- signs in and comes back to what they chose and wrote. Signing in replaces the session (a new token), so the new
-- session takes this column over from the old one. JSON of domain::form::Flash; read once.
ALTER TABLE sessions ADD COLUMN carry TEXT;

-- A completed case's rating invitation (notice + SMS, in the completing step's transaction) and its one reminder
-- three days later if the case is still unrated (the ratings job claims it by setting rate_reminded_at).
ALTER TABLE cases ADD COLUMN rate_invited_at BIGINT;
ALTER TABLE cases ADD COLUMN rate_reminded_at BIGINT;
CREATE INDEX cases_rate_reminder ON cases (rate_invited_at) WHERE rate_reminded_at IS NULL;

-- The address a rating of a window came from: a third limit beside the phone and the device cookie (which a script
-- can drop); never shown. Today's counts per window run under one gate row per window (`rate-window:{id}`).
ALTER TABLE ratings ADD COLUMN address TEXT;
