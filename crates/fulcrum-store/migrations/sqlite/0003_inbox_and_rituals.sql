-- Requests and problems that land on the lead's desk, decided later rather than on the spot.
CREATE TABLE inbox (
    id         INTEGER PRIMARY KEY,
    asker      TEXT NOT NULL,
    body       TEXT NOT NULL,
    received   TEXT NOT NULL,
    needed_by  TEXT,
    ownership  TEXT NOT NULL,
    decision   TEXT NOT NULL,
    decided    TEXT,
    note       TEXT
);

-- Reflection entries: one per ritual and period (a week, a month, a quarter).
CREATE TABLE entries (
    ritual     TEXT NOT NULL,
    period     TEXT NOT NULL,
    body       TEXT NOT NULL,
    facts      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (ritual, period)
);
