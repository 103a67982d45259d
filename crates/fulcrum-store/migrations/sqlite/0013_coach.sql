-- The coach: what the user said of an insight (dismissed, snoozed), the phases that mark a
-- period with its own targets, and habits (recurring intentions the planner places each week).
-- Dates are ISO text; targets and excused rules JSON.
CREATE TABLE insight_verdicts (
    id         INTEGER PRIMARY KEY,
    insight_id TEXT NOT NULL,
    through    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    reason     TEXT,
    until      TEXT,
    made_on    TEXT NOT NULL,
    owner_id   BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX insight_verdicts_by_owner ON insight_verdicts (owner_id, insight_id);

CREATE TABLE phases (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL,
    targets   TEXT NOT NULL,
    excused   TEXT,
    owner_id  BIGINT NOT NULL DEFAULT 1,
    CHECK (to_date >= from_date)
);
CREATE INDEX phases_by_owner ON phases (owner_id, from_date);

CREATE TABLE habits (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    category   TEXT NOT NULL,
    minutes    BIGINT NOT NULL,
    active     BIGINT NOT NULL DEFAULT 1,
    created_on TEXT NOT NULL,
    origin     TEXT,
    owner_id   BIGINT NOT NULL DEFAULT 1,
    CHECK (minutes > 0)
);
CREATE INDEX habits_by_owner ON habits (owner_id);

CREATE TRIGGER insight_verdicts_insert_revision AFTER INSERT ON insight_verdicts BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER insight_verdicts_update_revision AFTER UPDATE ON insight_verdicts BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER insight_verdicts_delete_revision AFTER DELETE ON insight_verdicts BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER phases_insert_revision AFTER INSERT ON phases BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER phases_update_revision AFTER UPDATE ON phases BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER phases_delete_revision AFTER DELETE ON phases BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER habits_insert_revision AFTER INSERT ON habits BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER habits_update_revision AFTER UPDATE ON habits BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER habits_delete_revision AFTER DELETE ON habits BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;
