-- Online filing (网上申报, issue 16). A draft holds the answers as they are typed, section by section, on the form
-- version it started on, and the idempotency key its submit will carry. Submitting turns it into a case, once:
-- the key is unique, so however often a submit is retried there is one case for it.
CREATE TABLE form_drafts (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    form_version BIGINT NOT NULL,
    -- JSON: the answers by field id (domain::form::Answers).
    answers TEXT NOT NULL,
    -- JSON: how the result is delivered, once chosen.
    delivery TEXT,
    submit_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- When its owner was told it will be removed for lack of use.
    warned_at BIGINT
);
CREATE INDEX form_drafts_account ON form_drafts (account_id, updated_at);

-- A case (办件): the applicant, the item, what was answered on which form version, the delivery, its receipt date
-- and state. The number is SM + receipt date + that day's sequence (the `sequences` table, never MAX() + 1).
CREATE TABLE cases (
    number TEXT PRIMARY KEY,
    submit_key TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    form_version BIGINT NOT NULL,
    answers TEXT NOT NULL,
    delivery TEXT NOT NULL,
    state TEXT NOT NULL,
    receipt_date TEXT NOT NULL,
    submitted_at BIGINT NOT NULL
);
CREATE INDEX cases_account ON cases (account_id, submitted_at);
