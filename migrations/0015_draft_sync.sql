-- Drafts kept in the browser (issue 17): when each section's answers were last changed, by a 继续 on the server or
-- by a browser's sync, as a JSON object {section id: unix seconds}. A sync that started from an older copy of a
-- section than the server's, and was edited before the server's change, does not overwrite it: the newer wins.
ALTER TABLE form_drafts ADD COLUMN section_times TEXT NOT NULL DEFAULT '{}';
-- Every write of a draft's answers counts up its version: a sync writes only if the version it read is still the
-- draft's (seconds are too coarse to tell two writes apart).
ALTER TABLE form_drafts ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- What was last typed on the delivery page (its answers as JSON, `{}` when nothing): kept as typed, like a section's
-- answers, while the delivery itself is kept only once it is complete.
ALTER TABLE form_drafts ADD COLUMN delivery_typed TEXT NOT NULL DEFAULT '{}';
