-- The people a lead works with. Never deleted: archived ones are kept out of lists.
CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    emails           TEXT NOT NULL,
    relation         TEXT NOT NULL,
    team             TEXT,
    start_date       TEXT,
    cadence_days     BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    archived         BIGINT NOT NULL DEFAULT 0,
    notes            TEXT
);
