-- What a lead keeps about each person, and the records of working with them. Every record
-- points at its person without ON DELETE: deleting a person is one explicit transaction that
-- removes their records first, never a silent cascade. `people.notes` holds the lead's
-- private notes.
ALTER TABLE people ADD COLUMN interests TEXT NOT NULL DEFAULT '[]';
ALTER TABLE people ADD COLUMN knowledge TEXT NOT NULL DEFAULT '[]';
ALTER TABLE people ADD COLUMN growth_goals TEXT NOT NULL DEFAULT '[]';
ALTER TABLE people ADD COLUMN working_style TEXT;
ALTER TABLE people ADD COLUMN feedback_style TEXT;
ALTER TABLE people ADD COLUMN contact_cadence_days BIGINT;

-- Energy or mood (1-5) seen in a 1:1, a standup, a chat.
CREATE TABLE observations (
    id          INTEGER PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people(id),
    observed_on TEXT NOT NULL,
    energy      INTEGER NOT NULL,
    context     TEXT NOT NULL,
    note        TEXT
);

-- A 1:1 as the lead logged it; private notes never leave the store unless asked for.
CREATE TABLE one_on_one_notes (
    id            INTEGER PRIMARY KEY,
    person_id     BIGINT NOT NULL REFERENCES people(id),
    held_on       TEXT NOT NULL,
    meeting_uid   TEXT,
    shared_notes  TEXT,
    private_notes TEXT,
    topics        TEXT NOT NULL
);

-- Agenda items (theirs and the lead's) and action items carried until done.
CREATE TABLE one_on_one_items (
    id         INTEGER PRIMARY KEY,
    person_id  BIGINT NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    body       TEXT NOT NULL,
    due        TEXT,
    created_on TEXT NOT NULL,
    created_in BIGINT REFERENCES one_on_one_notes(id),
    closed_on  TEXT,
    closed_in  BIGINT REFERENCES one_on_one_notes(id)
);

-- Feedback given, received and requested, as situation / behaviour / impact.
CREATE TABLE feedback (
    id             INTEGER PRIMARY KEY,
    person_id      BIGINT REFERENCES people(id),
    who            TEXT,
    direction      TEXT NOT NULL,
    polarity       TEXT,
    situation      TEXT NOT NULL,
    behaviour      TEXT NOT NULL,
    impact         TEXT NOT NULL,
    theme          TEXT,
    event_on       TEXT NOT NULL,
    delivered_on   TEXT,
    follow_up_due  TEXT,
    followed_up_on TEXT,
    follow_up_note TEXT
);

-- Work handed to someone: style, expectations, check-ins (JSON), the follow-up at the end.
CREATE TABLE delegations (
    id             INTEGER PRIMARY KEY,
    person_id      BIGINT NOT NULL REFERENCES people(id),
    title          TEXT NOT NULL,
    category       TEXT NOT NULL,
    style          TEXT NOT NULL,
    status         TEXT NOT NULL,
    specific       TEXT,
    measurable     TEXT,
    achievable     TEXT,
    relevant       TEXT,
    deadline       TEXT,
    trackable      TEXT,
    created_on     TEXT NOT NULL,
    handed_over_on TEXT,
    check_ins      TEXT NOT NULL,
    outcome        TEXT,
    what_worked    TEXT,
    challenges     TEXT,
    do_better      TEXT,
    their_feedback TEXT,
    closed_on      TEXT,
    origin         TEXT
);

-- Contacts the calendar does not show: a call, a chat, a coffee.
CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people(id),
    happened_on TEXT NOT NULL,
    kind        TEXT NOT NULL,
    note        TEXT
);

-- Promises the lead made ("I'll get back to you by Friday").
CREATE TABLE commitments (
    id             INTEGER PRIMARY KEY,
    person_id      BIGINT REFERENCES people(id),
    promised_to    TEXT NOT NULL,
    what           TEXT NOT NULL,
    made_on        TEXT NOT NULL,
    due            TEXT NOT NULL,
    status         TEXT NOT NULL,
    last_update_on TEXT,
    closed_on      TEXT,
    note           TEXT
);

-- Preparation for a stakeholder conversation: reframe, relate, reinforce.
CREATE TABLE preps (
    id         INTEGER PRIMARY KEY,
    person_id  BIGINT NOT NULL REFERENCES people(id),
    topic      TEXT NOT NULL,
    meeting_on TEXT,
    reframe    TEXT,
    relate     TEXT,
    reinforce  TEXT,
    created_on TEXT NOT NULL
);

-- A new joiner's onboarding plan.
CREATE TABLE onboarding_steps (
    id        INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id),
    seq       INTEGER NOT NULL,
    title     TEXT NOT NULL,
    due       TEXT,
    done_on   TEXT
);
