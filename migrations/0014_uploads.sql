-- Uploaded materials of an application (issue 16). The file itself is in the object store, named by its SHA-256;
-- this row says whose it is, for which material of which draft, and, once submitted, of which case. One file per
-- material of a draft: uploading again replaces it.
CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL,
    case_number TEXT,
    account_id TEXT NOT NULL,
    material TEXT NOT NULL,
    -- The name it had on the person's phone: shown, never used as a path.
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- 1 when a thumbnail was made (store::files, `thumb/{sha256}.jpg`): JPEG and PNG photos read within bounds.
    thumbnail BIGINT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    UNIQUE (draft_id, material)
);
CREATE INDEX uploads_case ON uploads (case_number);

-- The draft a case was submitted from: its pages, opened again (the back button, a bookmark), lead to the case.
ALTER TABLE cases ADD COLUMN draft_id TEXT;
