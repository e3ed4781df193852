-- Accounts, scoped grants, server-side sessions, one-time codes, the notification queue and the SMS sink.
-- Instants are stored as Unix seconds (BIGINT), UTC.

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                 -- 'citizen' | 'staff'
    phone TEXT UNIQUE,                  -- citizens: mobile number
    username TEXT UNIQUE,               -- staff and administrators
    password_hash TEXT,                 -- argon2id PHC string (staff)
    display_name TEXT NOT NULL,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,                -- staff lockout after repeated failures
    pipl_accepted_at BIGINT,            -- personal-information notice accepted
    created_at BIGINT NOT NULL
);

-- Roles as scoped grants: ('citizen', ''), ('enterprise_member', uscc), ('proxy_agent', village point id),
-- ('window_staff', department code), ('reviewer', department code), ('centre_admin', '').
CREATE TABLE grants (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    PRIMARY KEY (account_id, role, scope)
);

-- Server-side sessions. The cookie holds a random token; the table holds its SHA-256 only.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT REFERENCES accounts (id),   -- NULL: anonymous (carries a flash or a pending sign-in)
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    pending_phone TEXT,                 -- phone number awaiting its code (never in a URL)
    return_to TEXT,                     -- where to go after sign-in
    flash TEXT                          -- JSON: a failed form's values and errors, shown once on the next GET
);

CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE otp_codes (
    phone TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    guesses BIGINT NOT NULL DEFAULT 0,
    used BIGINT NOT NULL DEFAULT 0
);

-- Every code sent, for the per-phone and per-address rate limits.
CREATE TABLE otp_sends (
    phone TEXT NOT NULL,
    address TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);

CREATE INDEX otp_sends_phone ON otp_sends (phone, sent_at);
CREATE INDEX otp_sends_address ON otp_sends (address, sent_at);

-- Failed code guesses per address, for the per-address guessing limit.
CREATE TABLE otp_failures (
    address TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);

CREATE INDEX otp_failures_address ON otp_failures (address, failed_at);

-- The notification queue: every message to a person, durable, retried until sent.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- 'otp', later 'reminder', 'case'
    status TEXT NOT NULL,               -- 'pending' | 'sent' | 'failed'
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);

CREATE INDEX notifications_due ON notifications (status, next_attempt_at);

-- The SMS sink: what the development gateway "sent", shown at /dev/sms (loopback only).
CREATE TABLE sms_sink (
    id TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
