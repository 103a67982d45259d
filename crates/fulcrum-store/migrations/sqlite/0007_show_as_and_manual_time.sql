-- How each occurrence shows the user's time (TRANSP and Outlook's busy status), so an all-day
-- out-of-office can be told from an all-day note. Rows imported before this carry no such
-- word: all-day ones are taken as free (what calendars mostly mean), timed ones as busy,
-- until the next refresh reads them again.
ALTER TABLE events ADD COLUMN show_as TEXT NOT NULL DEFAULT 'busy';
UPDATE events SET show_as = 'free' WHERE all_day = 1;

-- Time logged by hand (`fulcrum log`) and timers (`fulcrum timer start`): a running timer
-- is the one entry without an end.
CREATE TABLE manual_entries (
    id         INTEGER PRIMARY KEY,
    start_at   BIGINT NOT NULL,
    end_at     BIGINT,
    category   TEXT NOT NULL,
    title      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (end_at IS NULL OR end_at > start_at)
);
CREATE INDEX manual_entries_start ON manual_entries (start_at);
CREATE UNIQUE INDEX manual_entries_one_timer ON manual_entries ((end_at IS NULL)) WHERE end_at IS NULL;
