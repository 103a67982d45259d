-- Who the user is: one JSON document per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Where activities come from: a calendar file or subscription, a git repository.
CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    location       TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    git_cursor     TEXT,
    last_import_at BIGINT,
    last_ok        INTEGER,
    last_result    TEXT
);

-- Calendar occurrences as the file said them, expanded over the import horizon.
-- The key is the event's UID and the instance it stands for (RECURRENCE-ID).
CREATE TABLE events (
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    uid           TEXT NOT NULL,
    recurrence_id TEXT NOT NULL,
    start_at      BIGINT NOT NULL,
    end_at        BIGINT NOT NULL,
    all_day       INTEGER NOT NULL,
    title         TEXT NOT NULL,
    status        TEXT NOT NULL,
    my_response   TEXT NOT NULL,
    others        INTEGER NOT NULL,
    attendees     TEXT NOT NULL,
    organizer     TEXT,
    PRIMARY KEY (source_id, uid, recurrence_id)
);
CREATE INDEX events_by_start ON events (start_at);

-- The user's own commits; a commit seen through two clones is stored once.
CREATE TABLE commits (
    oid           TEXT PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    author_at     BIGINT NOT NULL,
    author_offset INTEGER NOT NULL,
    email         TEXT NOT NULL,
    summary       TEXT NOT NULL
);
CREATE INDEX commits_by_time ON commits (author_at);
