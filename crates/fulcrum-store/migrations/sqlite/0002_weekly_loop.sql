-- The user's to-dos, with their Eisenhower flags.
CREATE TABLE tasks (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    urgent           INTEGER NOT NULL,
    important        INTEGER NOT NULL,
    only_me          INTEGER NOT NULL,
    estimate_minutes BIGINT,
    due              TEXT,
    category         TEXT NOT NULL,
    status           TEXT NOT NULL,
    note             TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);

-- An accepted week plan: its blocks, in order. `seq` numbers a task's blocks, so a block's
-- exported UID stays the same when the plan is exported again.
CREATE TABLE plan_blocks (
    week      TEXT NOT NULL,
    task_id   BIGINT NOT NULL,
    seq       INTEGER NOT NULL,
    title     TEXT NOT NULL,
    category  TEXT NOT NULL,
    start_at  BIGINT NOT NULL,
    end_at    BIGINT NOT NULL,
    PRIMARY KEY (week, task_id, seq)
);

-- When a plan was accepted, what the calendar held then (event keys, JSON), and the buffer it
-- kept: the week's review tells unplanned events from known ones by this.
CREATE TABLE plans (
    week           TEXT PRIMARY KEY,
    accepted_at    BIGINT NOT NULL,
    known_events   TEXT NOT NULL,
    buffer_minutes BIGINT NOT NULL
);

-- The one adjustment the user carries from a week's review into the next week.
CREATE TABLE reviews (
    week       TEXT PRIMARY KEY,
    adjustment TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
