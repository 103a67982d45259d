-- Every row a user keeps names its owner in owner_id, an account id: the single local user
-- is account 1, and a team server keeps many owners in the same tables. Events and commit
-- links are owned through their source. Commits themselves are facts of a repository, shared
-- by whoever imported it, and read only through an owner's source.
--
-- A table whose key is natural (a setting's name, a week, a ritual's period) takes the owner
-- into that key. SQLite cannot change a key in place, so those four tables are rebuilt (none
-- is the parent of another). owner_id comes last everywhere, as on PostgreSQL, so a backup
-- lists the same columns in the same order on both backends.

CREATE TABLE settings_by_owner (
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    owner_id BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, key)
);
INSERT INTO settings_by_owner (key, value) SELECT key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_by_owner RENAME TO settings;

CREATE TABLE plans_by_owner (
    week           TEXT NOT NULL,
    accepted_at    BIGINT NOT NULL,
    known_events   TEXT NOT NULL,
    buffer_minutes BIGINT NOT NULL,
    free_minutes   BIGINT,
    unplaced       TEXT,
    owner_id          BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, week)
);
INSERT INTO plans_by_owner (week, accepted_at, known_events, buffer_minutes, free_minutes, unplaced)
    SELECT week, accepted_at, known_events, buffer_minutes, free_minutes, unplaced FROM plans;
DROP TABLE plans;
ALTER TABLE plans_by_owner RENAME TO plans;

CREATE TABLE reviews_by_owner (
    week       TEXT NOT NULL,
    adjustment TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    owner_id      BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, week)
);
INSERT INTO reviews_by_owner (week, adjustment, created_at)
    SELECT week, adjustment, created_at FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_by_owner RENAME TO reviews;

CREATE TABLE entries_by_owner (
    ritual     TEXT NOT NULL,
    period     TEXT NOT NULL,
    body       TEXT NOT NULL,
    facts      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    owner_id      BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, ritual, period)
);
INSERT INTO entries_by_owner (ritual, period, body, facts, created_at, updated_at)
    SELECT ritual, period, body, facts, created_at, updated_at FROM entries;
DROP TABLE entries;
ALTER TABLE entries_by_owner RENAME TO entries;

-- A source's location is unique per owner. SQLite keeps its older, stricter UNIQUE
-- (location) too, as it cannot drop it without rebuilding the parent of the events and
-- commits: on the single-owner SQLite store the two say the same.
ALTER TABLE sources ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 1;
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
