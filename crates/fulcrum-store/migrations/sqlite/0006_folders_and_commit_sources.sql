-- A folder of calendars is a source of its own (kind 'calendar-folder'); each .ics file read
-- from it is a source whose parent is the folder. Removing the folder removes its files, and
-- a refresh that no longer finds a file removes that file's source, each with its events.
ALTER TABLE sources ADD COLUMN parent_id INTEGER REFERENCES sources(id) ON DELETE CASCADE;
CREATE INDEX sources_by_parent ON sources (parent_id);

-- Everyone's non-merge commits in a repository, as its scans counted them, so a source can
-- say "1 204 of 80 030 commits are yours". NULL until the repository is scanned again.
ALTER TABLE sources ADD COLUMN repository_commits BIGINT;

-- Which repositories hold each of the user's commits. `commits` keeps one row per commit (a
-- commit seen through two clones counts once); this table remembers every repository it was
-- seen in, so removing one clone keeps the commits the other still holds.
CREATE TABLE commit_sources (
    oid       TEXT NOT NULL REFERENCES commits(oid) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, oid)
);
CREATE INDEX commit_sources_by_oid ON commit_sources (oid);
INSERT INTO commit_sources (oid, source_id) SELECT oid, source_id FROM commits;
