-- What the planner said about the week when the plan was accepted, so the accepted plan can be
-- shown as it was: the free working minutes it found and the work that did not fit (JSON, each
-- with its reason). Plans accepted before this carry neither: NULL.
ALTER TABLE plans ADD COLUMN free_minutes BIGINT;
ALTER TABLE plans ADD COLUMN unplaced TEXT;
