-- Case processing (办件, issue 18). A case is handled at one service point by its item's department: the point the
-- applicant chose to collect the result at, else the first point that handles the item, or the counter's point when
-- filed at a window. `version` counts every change: a step is written only if the case is still as the clerk saw it.
ALTER TABLE cases ADD COLUMN point_id TEXT NOT NULL DEFAULT '530127';
ALTER TABLE cases ADD COLUMN department TEXT NOT NULL DEFAULT '';
-- 'online' or 'counter' (窗口收件): the centre's figures count both.
ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'online';
-- The member of staff handling it (an account id), once someone took it or was given it.
ALTER TABLE cases ADD COLUMN assigned_to TEXT;
ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- JSON: the open correction notice (a list of domain::cases::CorrectionItem) while the applicant corrects.
ALTER TABLE cases ADD COLUMN correction TEXT;
-- JSON: materials accepted as deferred (容缺) and the date to supply them by.
ALTER TABLE cases ADD COLUMN deferred TEXT;
-- JSON: the shipment of a posted result (carrier, tracking number).
ALTER TABLE cases ADD COLUMN shipment TEXT;
UPDATE cases SET department = COALESCE((SELECT i.department_code FROM service_items i WHERE i.code = cases.item_code), '');
CREATE INDEX cases_handling ON cases (department, point_id, state);

-- The trace (留痕): one row per step of a case, appended and never changed or removed. Who (account and the name
-- they had then), in which role, at which window or point, when, the comment, the step's facts as JSON (the
-- correction points, the refusal's legal basis, the shipment, the colleague it went to) and the files that came
-- with it (upload ids, JSON).
CREATE TABLE case_events (
    case_number TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    -- The state the step left the case in.
    state TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    role TEXT NOT NULL,
    place TEXT NOT NULL,
    comment TEXT NOT NULL,
    detail TEXT NOT NULL,
    attachments TEXT NOT NULL,
    PRIMARY KEY (case_number, seq)
);
INSERT INTO case_events (case_number, seq, at, event, state, actor, actor_name, role, place, comment, detail, attachments)
    SELECT number, 1, submitted_at, 'submit', 'submitted', account_id, '', 'citizen', '', '', '{}', '[]' FROM cases;

-- The public lookup's tries (/track), counted per address and per case number in the last hour; each try locks
-- its two `rate_gates` rows first, so concurrent tries are decided one after another.
CREATE TABLE track_lookups (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX track_lookups_key ON track_lookups (key, at);

-- A clerk's draft filed for a person at the window (窗口收件): JSON {mobile, point}. The case made from it is the
-- person's (the account of that mobile), handled at that point.
ALTER TABLE form_drafts ADD COLUMN counter TEXT;
