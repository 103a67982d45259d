-- Every row a user keeps names its owner in owner_id, an account id: the single local user
-- is account 1, and a team server keeps many owners in the same tables. Events and commit
-- links are owned through their source. Commits themselves are facts of a repository, shared
-- by whoever imported it, and read only through an owner's source.
--
-- A table whose key is natural (a setting's name, a week, a ritual's period, a source's
-- location) takes the owner into that key. owner_id comes last, as on SQLite, so a backup
-- lists the same columns in the same order on both backends.

ALTER TABLE settings ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE settings DROP CONSTRAINT settings_pkey, ADD PRIMARY KEY (owner_id, key);
ALTER TABLE plans ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE plans DROP CONSTRAINT plans_pkey, ADD PRIMARY KEY (owner_id, week);
ALTER TABLE reviews ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE reviews DROP CONSTRAINT reviews_pkey, ADD PRIMARY KEY (owner_id, week);
ALTER TABLE entries ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE entries DROP CONSTRAINT entries_pkey, ADD PRIMARY KEY (owner_id, ritual, period);

ALTER TABLE sources ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sources DROP CONSTRAINT sources_location_key;
CREATE UNIQUE INDEX sources_by_owner ON sources (owner_id, location);

ALTER TABLE plan_blocks ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE inbox ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE observations ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE one_on_one_notes ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE one_on_one_items ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE feedback ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE delegations ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE interactions ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE commitments ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE preps ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE onboarding_steps ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE manual_entries ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;

-- Each owner has at most one running timer.
DROP INDEX manual_entries_one_timer;
CREATE UNIQUE INDEX manual_entries_one_timer ON manual_entries (owner_id, (end_at IS NULL)) WHERE end_at IS NULL;

-- The targeted reads: an owner's rows, and a person's records.
CREATE INDEX tasks_by_owner ON tasks (owner_id);
CREATE INDEX inbox_by_owner ON inbox (owner_id);
CREATE INDEX people_by_owner ON people (owner_id);
CREATE INDEX observations_by_person ON observations (person_id);
CREATE INDEX one_on_one_notes_by_person ON one_on_one_notes (person_id);
CREATE INDEX one_on_one_items_by_person ON one_on_one_items (person_id);
CREATE INDEX feedback_by_person ON feedback (person_id);
CREATE INDEX delegations_by_person ON delegations (person_id);
CREATE INDEX interactions_by_person ON interactions (person_id);
CREATE INDEX commitments_by_person ON commitments (person_id);
CREATE INDEX preps_by_person ON preps (person_id);
CREATE INDEX onboarding_steps_by_person ON onboarding_steps (person_id);
CREATE INDEX manual_entries_by_owner ON manual_entries (owner_id, start_at);
