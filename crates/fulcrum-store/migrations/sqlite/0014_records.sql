-- Kept records: one table for the kinds of record that are read whole and by a few keys
-- (growth plans, their steps, wins, skill ratings, compass answers …). Each row names its kind,
-- the record it belongs to (a step's plan), the person it is about and its date, so the store
-- answers "by id", "by parent", "by person" and "by period" from an index; the rest of the
-- record is the JSON its type writes. A new kind of record is a type, not a table.
CREATE TABLE records (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    parent_id BIGINT REFERENCES records(id) ON DELETE CASCADE,
    person_id BIGINT REFERENCES people(id),
    on_date   TEXT,
    body      TEXT NOT NULL,
    owner_id  BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX records_by_kind ON records (owner_id, kind, on_date);
CREATE INDEX records_by_parent ON records (parent_id);
CREATE INDEX records_by_person ON records (person_id);

CREATE TRIGGER records_insert_revision AFTER INSERT ON records BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER records_update_revision AFTER UPDATE ON records BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER records_delete_revision AFTER DELETE ON records BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;
