-- Who files (issue 20): enterprise accounts with several members, and village proxy agents (代办员).
--
-- An enterprise, registered by a citizen who becomes its administrator. Its members hold the grant
-- ('enterprise_member', uscc); the administrator is named here (and is a member). It files only once verified: in
-- the demo a centre administrator's task; a market-regulator registry would answer through domain::enterprise's
-- Registry trait.
CREATE TABLE enterprises (
    uscc TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    legal_rep TEXT NOT NULL,
    admin_account TEXT NOT NULL,
    status TEXT NOT NULL,               -- 'pending' | 'verified' | 'refused'
    note TEXT,                          -- why verification was refused
    registered_at BIGINT NOT NULL,
    decided_at BIGINT
);

-- An invitation to join an enterprise, by mobile number; accepted by signing in with that number.
CREATE TABLE enterprise_invites (
    uscc TEXT NOT NULL,
    phone TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    invited_at BIGINT NOT NULL,
    PRIMARY KEY (uscc, phone)
);

-- A draft or case filed as an enterprise (its uscc): every current member sees it, and nobody else, whoever started
-- it. `account_id` stays who started (drafts) or who filed (cases).
ALTER TABLE form_drafts ADD COLUMN enterprise TEXT;
ALTER TABLE cases ADD COLUMN enterprise TEXT;
CREATE INDEX form_drafts_enterprise ON form_drafts (enterprise);
CREATE INDEX cases_enterprise ON cases (enterprise);

-- A draft or case filed by a proxy agent for a villager: JSON of domain::proxy::ProxyFor (station, the villager's
-- name, ID number and phone, and the consent). The case's `account_id` is the villager's; `agent_id` who filed it.
ALTER TABLE form_drafts ADD COLUMN proxy TEXT;
ALTER TABLE cases ADD COLUMN proxy TEXT;
ALTER TABLE cases ADD COLUMN agent_id TEXT;
CREATE INDEX cases_agent ON cases (agent_id);

-- The consent code sent to a villager's phone for one draft: used once, within its time.
CREATE TABLE proxy_consents (
    draft_id TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    guesses BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);
