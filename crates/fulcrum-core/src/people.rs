//! The people a lead works with, and their 1:1s as the calendar shows them: which meetings
//! are someone's 1:1, what became of each (held, cancelled, declined, moved, upcoming), and
//! whether a 1:1 is overdue for the cadence agreed with them.

use crate::time::days_between;
use crate::words::plural;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// How often to meet someone when nothing else was agreed.
pub const DEFAULT_CADENCE_DAYS: u32 = 14;
/// A report who joined recently is met weekly.
pub const NEW_JOINER_CADENCE_DAYS: u32 = 7;
/// A report is a new joiner for this many days after their start date.
pub const NEW_JOINER_DAYS: i64 = 90;
pub const DEFAULT_DURATION_MINUTES: u32 = 30;
/// Above this many active reports there is too little time for each of them.
pub const MAX_REPORTS: usize = 8;
/// Shorter 1:1s rarely get past status updates.
pub const MIN_DURATION_MINUTES: u32 = 30;
/// Peers, stakeholders and mentors are worth a contact about once a month.
pub const MONTHLY_CONTACT_DAYS: u32 = 30;
/// 1:1s in a row the lead called off (cancelled or declined) that make a warning: cancelling
/// is one of the fastest ways to lose a report's trust.
pub const CALLED_OFF_IN_A_ROW: usize = 2;

word_enum! {
    pub enum Relation {
        Report = "report",
        Manager = "manager",
        Peer = "peer",
        Stakeholder = "stakeholder",
        Mentor = "mentor",
    }
}

word_enum! {
    /// How someone likes to work, as far as handing them work goes.
    pub enum WorkingStyle {
        /// Enjoys collaboration: clarifies in meetings, follows up in writing, facilitates.
        Communicator = "communicator",
        /// Lights up on hard problems: debugging, incidents, deep technical work.
        DeepDiver = "deep-diver",
        /// Comfortable with both.
        Balanced = "balanced",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// Lower-cased addresses that are this person in calendars.
    pub emails: Vec<String>,
    pub relation: Relation,
    pub team: Option<String>,
    pub start_date: Option<Date>,
    /// Days between 1:1s.
    pub cadence_days: u32,
    pub duration_minutes: u32,
    /// Archived people are kept, never deleted, but left out of lists and warnings.
    pub archived: bool,
    /// What they like working on.
    pub interests: Vec<String>,
    /// Areas they know well.
    pub knowledge: Vec<String>,
    /// What they want to get better at.
    pub growth_goals: Vec<String>,
    pub working_style: Option<WorkingStyle>,
    /// How they like to hear feedback (in private, written first, straight away …).
    pub feedback_style: Option<String>,
    /// Wanted days between contacts; `None` uses the relation's default.
    pub contact_cadence_days: Option<u32>,
    /// The lead's private notes: what is worth remembering about them. Never exported unless
    /// asked for.
    pub private_notes: Option<String>,
}

impl crate::privacy::Private for Person {
    fn hide_private(&mut self) {
        self.private_notes = None;
    }
}

fn is_new_joiner(relation: Relation, start_date: Option<Date>, today: Date) -> bool {
    relation == Relation::Report
        && start_date.is_some_and(|s| s <= today && days_between(s, today) < NEW_JOINER_DAYS)
}

/// The cadence to use when none is given: weekly for a report in their first 90 days,
/// every two weeks otherwise.
pub fn default_cadence_days(relation: Relation, start_date: Option<Date>, today: Date) -> u32 {
    if is_new_joiner(relation, start_date, today) {
        NEW_JOINER_CADENCE_DAYS
    } else {
        DEFAULT_CADENCE_DAYS
    }
}

impl Person {
    /// A person with the default cadence and nothing else known about them yet.
    pub fn new(id: i64, name: &str, emails: &[&str], relation: Relation) -> Person {
        Person {
            id,
            name: name.into(),
            emails: emails.iter().map(|e| e.to_string()).collect(),
            relation,
            team: None,
            start_date: None,
            cadence_days: DEFAULT_CADENCE_DAYS,
            duration_minutes: DEFAULT_DURATION_MINUTES,
            archived: false,
            interests: vec![],
            knowledge: vec![],
            growth_goals: vec![],
            working_style: None,
            feedback_style: None,
            contact_cadence_days: None,
            private_notes: None,
        }
    }

    /// The first word of the name.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or("")
    }

    pub fn is_active(&self) -> bool {
        !self.archived
    }

    /// Days wanted between contacts: the agreed cadence, else the 1:1 cadence for a report,
    /// two weeks for a manager and a month for everyone else.
    pub fn contact_cadence(&self) -> u32 {
        self.contact_cadence_days.unwrap_or(match self.relation {
            Relation::Report => self.cadence_days,
            Relation::Manager => DEFAULT_CADENCE_DAYS,
            Relation::Peer | Relation::Stakeholder | Relation::Mentor => MONTHLY_CONTACT_DAYS,
        })
    }

    /// A report in their first 90 days.
    pub fn is_new_joiner(&self, today: Date) -> bool {
        is_new_joiner(self.relation, self.start_date, today)
    }

    fn has_email(&self, email: &str) -> bool {
        self.emails.iter().any(|e| e.eq_ignore_ascii_case(email))
    }
}

/// One calendar occurrence, as far as 1:1 detection needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarMeeting {
    pub uid: String,
    /// The original start of the instance this occurrence stands for (`2026-03-02T15:00:00Z`);
    /// empty for a single event.
    pub recurrence_id: String,
    pub title: String,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Lower-cased addresses, rooms excluded; may include the user.
    pub attendees: Vec<String>,
    pub organizer: Option<String>,
    /// confirmed, tentative or cancelled.
    pub status: String,
    /// accepted, declined, tentative, needs-action, organizer or none.
    pub my_response: String,
}

word_enum! {
    pub enum OneOnOneState {
        /// It took place as planned.
        Held = "held",
        /// The organiser cancelled it.
        Cancelled = "cancelled",
        /// The user declined it.
        Declined = "declined",
        /// It took place, at another time than the series planned.
        Moved = "moved",
        /// It is still to come.
        Upcoming = "upcoming",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OneOnOne {
    pub uid: String,
    pub start: Timestamp,
    pub end: Timestamp,
    pub title: String,
    pub state: OneOnOneState,
    /// Who cancelled it (the organiser's address), when known.
    pub cancelled_by: Option<String>,
}

impl OneOnOne {
    /// It took place (as planned or moved), as of `now`.
    pub fn happened(&self, now: Timestamp) -> bool {
        matches!(self.state, OneOnOneState::Held | OneOnOneState::Moved) && self.start <= now
    }

    /// It is still to come and nobody called it off.
    pub fn is_next(&self, now: Timestamp) -> bool {
        self.start > now
            && !matches!(
                self.state,
                OneOnOneState::Cancelled | OneOnOneState::Declined
            )
    }
}

const MARKERS: [&str; 5] = ["1:1", "1-1", "1on1", "one-on-one", "one on one"];

/// `word` appears in `text` (both lower-cased) with no letter or digit on either side.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Two-person meetings with these words in the title are something else: working together,
/// an interview, an incident.
const OTHER_KINDS: [&str; 13] = [
    "pairing",
    "pair programming",
    "mob",
    "interview",
    "incident",
    "postmortem",
    "post-mortem",
    "handover",
    "hand-over",
    "on-call",
    "oncall",
    "demo",
    "workshop",
];

fn says_one_on_one(title: &str) -> bool {
    MARKERS.iter().any(|m| title.contains(m))
}

/// The title names the person (first or full name) and says it is a 1:1.
fn title_names(person: &Person, title: &str) -> bool {
    let title = title.to_lowercase();
    let named = contains_word(&title, &person.first_name().to_lowercase())
        || contains_word(&title, &person.name.trim().to_lowercase());
    named && says_one_on_one(&title)
}

/// Whether `m` is a 1:1 with `person`: the only other attendee is them (unless the title
/// makes it a pairing session, an interview or an incident), or there is nobody else at all
/// and the title names them with a 1:1 marker. Meetings with two or more other people are
/// never 1:1s, whatever the title says.
pub fn is_one_on_one(person: &Person, user_emails: &[String], m: &CalendarMeeting) -> bool {
    is_one_on_one_by(person, user_emails, &m.title, &m.attendees)
}

/// The attendees who are not the user, each once.
fn others_of<'a>(user_emails: &[String], attendees: &'a [String]) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    attendees
        .iter()
        .map(String::as_str)
        .filter(|a| !user_emails.iter().any(|u| u.eq_ignore_ascii_case(a)))
        .filter(|a| seen.insert(a.to_ascii_lowercase()))
        .collect()
}

/// The one 1:1 detection, from a meeting's title and attendees (rooms left out, the user
/// possibly among them): `one_on_ones` and the categoriser (through `Directory`) both ask it,
/// so a meeting `one-on-ones` lists is a 1:1 in reports too.
pub fn is_one_on_one_by(
    person: &Person,
    user_emails: &[String],
    title: &str,
    attendees: &[String],
) -> bool {
    let others = others_of(user_emails, attendees);
    if others.is_empty() {
        return title_names(person, title);
    }
    let title = title.to_lowercase();
    let other_kind = OTHER_KINDS.iter().any(|k| contains_word(&title, k));
    others.iter().all(|a| person.has_email(a)) && (!other_kind || says_one_on_one(&title))
}

/// The people records and the user's own addresses: what 1:1 detection and the attendee
/// conditions of rules read. Archived people are included: archiving someone does not
/// change what past weeks were.
#[derive(Debug, Clone, Copy, Default)]
pub struct Directory<'a> {
    pub people: &'a [Person],
    pub user_emails: &'a [String],
}

impl<'a> Directory<'a> {
    pub fn new(people: &'a [Person], user_emails: &'a [String]) -> Self {
        Directory {
            people,
            user_emails,
        }
    }

    /// The person a meeting is a 1:1 with, by `is_one_on_one_by`; active people first when
    /// a title alone could name two.
    pub fn one_on_one_with(&self, title: &str, attendees: &[String]) -> Option<&'a Person> {
        let mut hits = self
            .people
            .iter()
            .filter(|p| is_one_on_one_by(p, self.user_emails, title, attendees));
        let first = hits.next()?;
        if first.is_active() {
            return Some(first);
        }
        Some(hits.find(|p| p.is_active()).unwrap_or(first))
    }

    /// The relation of each person present besides the user, `None` for someone not in the
    /// records. A 1:1 known from its title alone has its person present.
    pub fn relations(
        &self,
        attendees: &[String],
        one_on_one: Option<&Person>,
    ) -> Vec<Option<Relation>> {
        let others = others_of(self.user_emails, attendees);
        if others.is_empty() {
            return one_on_one.map(|p| Some(p.relation)).into_iter().collect();
        }
        others
            .iter()
            .map(|a| {
                self.people
                    .iter()
                    .find(|p| p.has_email(a))
                    .map(|p| p.relation)
            })
            .collect()
    }
}

/// The instant an instance was planned for, when the recurrence id is an instant.
fn planned_start(recurrence_id: &str) -> Option<Timestamp> {
    recurrence_id.trim().parse().ok()
}

fn state_of(m: &CalendarMeeting, now: Timestamp) -> OneOnOneState {
    if m.status.eq_ignore_ascii_case("cancelled") {
        return OneOnOneState::Cancelled;
    }
    if m.my_response.eq_ignore_ascii_case("declined") {
        return OneOnOneState::Declined;
    }
    let moved = planned_start(&m.recurrence_id)
        .is_some_and(|p| (m.start.as_second() - p.as_second()).abs() > 60);
    if moved {
        OneOnOneState::Moved
    } else if m.start > now {
        OneOnOneState::Upcoming
    } else {
        OneOnOneState::Held
    }
}

/// This person's 1:1s among `meetings`, oldest first, each occurrence once.
pub fn one_on_ones(
    person: &Person,
    user_emails: &[String],
    meetings: &[CalendarMeeting],
    now: Timestamp,
) -> Vec<OneOnOne> {
    let mut seen = HashSet::new();
    let mut out: Vec<OneOnOne> = meetings
        .iter()
        .filter(|m| is_one_on_one(person, user_emails, m))
        .filter(|m| seen.insert((m.uid.as_str(), m.recurrence_id.as_str(), m.start)))
        .map(|m| {
            let state = state_of(m, now);
            OneOnOne {
                uid: m.uid.clone(),
                start: m.start,
                end: m.end,
                title: m.title.clone(),
                state,
                cancelled_by: (state == OneOnOneState::Cancelled)
                    .then(|| m.organizer.clone())
                    .flatten(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.uid.cmp(&b.uid)));
    out
}

/// The last 1:1 that took place on or before `today` (in `tz`).
pub fn last_held(one_on_ones: &[OneOnOne], today: Date, tz: &TimeZone) -> Option<Date> {
    one_on_ones
        .iter()
        .filter(|o| matches!(o.state, OneOnOneState::Held | OneOnOneState::Moved))
        .map(|o| crate::time::local_date(o.start, tz))
        .filter(|d| *d <= today)
        .max()
}

/// Days past the cadence since the last 1:1 that took place (or, with none, since the
/// person's start date). `None` when not overdue, archived, or nothing to count from.
pub fn overdue(person: &Person, last_held: Option<Date>, today: Date) -> Option<i64> {
    if person.archived {
        return None;
    }
    let since = last_held.or(person.start_date)?;
    let late = days_between(since, today) - i64::from(person.cadence_days);
    (late > 0).then_some(late)
}

/// How many 1:1s in a row, most recent first, the user's side called off: declined, or
/// cancelled by the user as organiser. Two running is a warning sign.
pub fn cancelled_by_me_streak(
    one_on_ones: &[OneOnOne],
    user_emails: &[String],
    now: Timestamp,
) -> usize {
    one_on_ones
        .iter()
        .rev()
        .filter(|o| o.start <= now)
        .take_while(|o| match o.state {
            OneOnOneState::Declined => true,
            OneOnOneState::Cancelled => o
                .cancelled_by
                .as_deref()
                .is_some_and(|b| user_emails.iter().any(|u| u.eq_ignore_ascii_case(b))),
            _ => false,
        })
        .count()
}

/// What the shape of the team says: too many reports, 1:1s too short to matter.
pub fn team_warnings(people: &[Person]) -> Vec<String> {
    let active: Vec<&Person> = people.iter().filter(|p| p.is_active()).collect();
    let mut out = Vec::new();
    let reports = active
        .iter()
        .filter(|p| p.relation == Relation::Report)
        .count();
    if reports > MAX_REPORTS {
        out.push(format!(
            "You have {reports} active reports; past {MAX_REPORTS} there is rarely enough time to \
             coach each of them. Consider growing a lead or splitting the team."
        ));
    }
    for p in active
        .iter()
        .filter(|p| p.duration_minutes < MIN_DURATION_MINUTES)
    {
        out.push(format!(
            "1:1s with {} are set to {}; under {MIN_DURATION_MINUTES} there is seldom \
             room for more than status updates.",
            p.name,
            plural(p.duration_minutes, "minute", "minutes")
        ));
    }
    out
}

/// Mailbox names that belong to a role, a list or a machine rather than to one person.
const ROLE_MAILBOXES: &[&str] = &[
    "admin",
    "all",
    "all-hands",
    "allhands",
    "alerts",
    "billing",
    "calendar",
    "careers",
    "contact",
    "daemon",
    "devnull",
    "do-not-reply",
    "donotreply",
    "engineering",
    "everyone",
    "events",
    "feedback",
    "finance",
    "hello",
    "help",
    "helpdesk",
    "hiring",
    "hr",
    "info",
    "invites",
    "it",
    "jobs",
    "legal",
    "mail",
    "mailer",
    "mailer-daemon",
    "marketing",
    "meetings",
    "news",
    "newsletter",
    "no-reply",
    "noreply",
    "notification",
    "notifications",
    "office",
    "ops",
    "payroll",
    "people",
    "postmaster",
    "press",
    "privacy",
    "recruiting",
    "recruitment",
    "sales",
    "scheduler",
    "scheduling",
    "security",
    "staff",
    "support",
    "team",
    "webmaster",
];

/// Domains whose addresses are calendars, rooms or groups, never people.
const RESOURCE_DOMAINS: &[&str] = &[
    "resource.calendar.google.com",
    "group.calendar.google.com",
    "group.v.calendar.google.com",
    "import.calendar.google.com",
    "calendar.google.com",
];

/// Whether an attendee address is a role, a list, a machine or a calendar resource (a room, a
/// shared calendar) rather than someone to add as a person: `recruiting@`, `everyone@`,
/// `noreply@`, `no-reply+x@`, `team-calendar@…`, `…@resource.calendar.google.com`. Suggestions
/// leave these out.
pub fn is_role_address(email: &str) -> bool {
    let email = email
        .trim()
        .trim_start_matches("mailto:")
        .to_ascii_lowercase();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return true;
    };
    if RESOURCE_DOMAINS
        .iter()
        .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    {
        return true;
    }
    // `noreply+abc`, `notifications-github`: the mailbox without its tag or suffix.
    let local = local.split('+').next().unwrap_or(local);
    if ROLE_MAILBOXES.contains(&local) {
        return true;
    }
    let parts: Vec<&str> = local
        .split(['.', '-', '_'])
        .filter(|w| !w.is_empty())
        .collect();
    let machine = [
        "noreply",
        "no-reply",
        "donotreply",
        "notifications",
        "notification",
        "calendar",
        "mailer",
        "daemon",
        "bounce",
        "bounces",
    ];
    machine
        .iter()
        .any(|m| local.starts_with(m) || local.ends_with(m))
        || parts
            .first()
            .is_some_and(|p| ["no", "do"].contains(p) && local.contains("reply"))
        || parts
            .iter()
            .any(|p| ["noreply", "notifications", "calendar", "everyone"].contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn person(name: &str, email: &str) -> Person {
        Person::new(1, name, &[email], Relation::Report)
    }

    fn meeting(title: &str, start: &str, attendees: &[&str]) -> CalendarMeeting {
        let start = ts(start);
        CalendarMeeting {
            uid: "series@x".into(),
            recurrence_id: start.to_string(),
            title: title.into(),
            start,
            end: Timestamp::from_second(start.as_second() + 1800).unwrap(),
            attendees: attendees.iter().map(|a| a.to_string()).collect(),
            organizer: Some("me@example.com".into()),
            status: "confirmed".into(),
            my_response: "organizer".into(),
        }
    }

    fn me() -> Vec<String> {
        vec!["me@example.com".into()]
    }

    fn kim() -> Person {
        person("Kim Park", "kim@example.com")
    }

    /// A meeting of the user and Kim alone.
    fn with_kim(title: &str, start: &str) -> CalendarMeeting {
        meeting(title, start, &["me@example.com", "kim@example.com"])
    }

    /// `m` as the user cancelled it (they organise the series).
    fn cancelled(m: CalendarMeeting) -> CalendarMeeting {
        CalendarMeeting {
            status: "cancelled".into(),
            ..m
        }
    }

    /// `m` as the user declined it.
    fn declined(m: CalendarMeeting) -> CalendarMeeting {
        CalendarMeeting {
            my_response: "declined".into(),
            ..m
        }
    }

    /// `m` standing for the instance the series planned at `planned`.
    fn instead_of(m: CalendarMeeting, planned: &str) -> CalendarMeeting {
        CalendarMeeting {
            recurrence_id: planned.into(),
            ..m
        }
    }

    const NOW: &str = "2026-03-20T12:00:00Z";

    fn states(p: &Person, ms: &[CalendarMeeting]) -> Vec<OneOnOneState> {
        one_on_ones(p, &me(), ms, ts(NOW))
            .iter()
            .map(|o| o.state)
            .collect()
    }

    #[test]
    fn moved_cancelled_declined_held_and_upcoming() {
        let kim = kim();
        let at = |start| with_kim("Kim / me", start);
        let held = at("2026-03-02T15:00:00Z");
        let moved = instead_of(at("2026-03-05T10:00:00Z"), "2026-03-04T15:00:00Z");
        let cancelled = CalendarMeeting {
            organizer: Some("kim@example.com".into()),
            ..cancelled(at("2026-03-09T15:00:00Z"))
        };
        let declined = declined(at("2026-03-16T15:00:00Z"));
        let upcoming = at("2026-03-23T15:00:00Z");
        let nudged = instead_of(at("2026-03-12T15:00:30Z"), "2026-03-12T15:00:00Z");
        let ms = [upcoming, declined, cancelled, moved, held, nudged];
        let got = one_on_ones(&kim, &me(), &ms, ts(NOW));
        use OneOnOneState::*;
        assert_eq!(
            got.iter().map(|o| o.state).collect::<Vec<_>>(),
            [Held, Moved, Cancelled, Held, Declined, Upcoming]
        );
        assert_eq!(got[2].cancelled_by.as_deref(), Some("kim@example.com"));
        assert_eq!(got[0].cancelled_by, None);
    }

    #[test]
    fn a_renamed_instance_is_still_a_one_on_one() {
        let kim = kim();
        let renamed = meeting(
            "Career chat",
            "2026-03-02T15:00:00Z",
            &["kim@example.com", "me@example.com"],
        );
        assert_eq!(states(&kim, &[renamed]), [OneOnOneState::Held]);
    }

    #[test]
    fn a_group_meeting_titled_one_on_one_is_not_one() {
        let kim = kim();
        let group = meeting(
            "1:1 sync",
            "2026-03-02T15:00:00Z",
            &["me@example.com", "kim@example.com", "lee@example.com"],
        );
        assert!(states(&kim, std::slice::from_ref(&group)).is_empty());
        let named = CalendarMeeting {
            title: "Kim 1:1".into(),
            ..group
        };
        assert!(states(&kim, &[named]).is_empty());
    }

    #[test]
    fn two_people_pairing_or_in_an_incident_are_not_in_a_one_on_one() {
        let kim = kim();
        let is = |t: &str| is_one_on_one(&kim, &me(), &with_kim(t, NOW));
        assert!(!is("Pairing with Kim"));
        assert!(!is("On-call handover"));
        assert!(!is("Interview debrief"));
        assert!(is("Kim 1:1 (pairing today)"), "a 1:1 marker wins");
        assert!(is("Mentoring: Kim"));
        assert!(is("Weekly sync"));
    }

    #[test]
    fn a_title_alone_can_name_the_person() {
        let priya = person("Priya Shah", "priya@example.com");
        let ok = |t: &str| is_one_on_one(&priya, &me(), &meeting(t, NOW, &[]));
        assert!(ok("Priya 1:1"));
        assert!(ok("1-1 with priya shah"));
        assert!(ok("PRIYA one-on-one"));
        assert!(ok("Priya / me: one on one"));
        assert!(ok("1on1 Priya"));
        assert!(!ok("Priya sync"), "no marker");
        assert!(!ok("Priyanka 1:1"), "a name is a whole word");
        assert!(!ok("Lee 1:1"));
        // Only the user invited still counts as nobody else.
        assert!(is_one_on_one(
            &priya,
            &me(),
            &meeting("Priya 1:1", NOW, &["ME@example.com"])
        ));
        // Someone else as the only attendee: not Priya's, whatever the title.
        assert!(!is_one_on_one(
            &priya,
            &me(),
            &meeting("Priya 1:1", NOW, &["lee@example.com"])
        ));
    }

    #[test]
    fn overdue_counts_from_the_last_held_one_or_the_start_date() {
        let tz = TimeZone::UTC;
        let mut kim = kim();
        let held = with_kim("Kim", "2026-03-02T15:00:00Z");
        let cancelled = cancelled(with_kim("Kim", "2026-03-16T15:00:00Z"));
        let list = one_on_ones(&kim, &me(), &[held, cancelled], ts(NOW));
        let last = last_held(&list, date(2026, 3, 20), &tz);
        // 18 days since 2 March, cadence 14: 4 days overdue. The cancelled one does not count.
        assert_eq!(last, Some(date(2026, 3, 2)));
        assert_eq!(overdue(&kim, last, date(2026, 3, 20)), Some(4));
        assert_eq!(overdue(&kim, last, date(2026, 3, 16)), None);
        kim.cadence_days = 30;
        assert_eq!(overdue(&kim, last, date(2026, 3, 20)), None);

        let mut new = person("Ana", "ana@example.com");
        assert_eq!(overdue(&new, None, date(2026, 3, 20)), None);
        new.start_date = Some(date(2026, 3, 1));
        new.cadence_days = 7;
        assert_eq!(overdue(&new, None, date(2026, 3, 20)), Some(12));
        new.archived = true;
        assert_eq!(overdue(&new, None, date(2026, 3, 20)), None);
    }

    #[test]
    fn two_called_off_by_me_in_a_row() {
        let kim = kim();
        let held = with_kim("Kim", "2026-03-02T15:00:00Z");
        let mine = cancelled(with_kim("Kim", "2026-03-09T15:00:00Z"));
        let declined = declined(with_kim("Kim", "2026-03-16T15:00:00Z"));
        let upcoming = with_kim("Kim", "2026-03-23T15:00:00Z");
        let list = one_on_ones(
            &kim,
            &me(),
            &[held, mine.clone(), declined, upcoming],
            ts(NOW),
        );
        assert_eq!(cancelled_by_me_streak(&list, &me(), ts(NOW)), 2);
        // Cancelled by Kim: not the user's doing.
        let mut theirs = mine;
        theirs.organizer = Some("kim@example.com".into());
        let list = one_on_ones(&kim, &me(), &[theirs], ts(NOW));
        assert_eq!(cancelled_by_me_streak(&list, &me(), ts(NOW)), 0);
    }

    #[test]
    fn contact_cadence_defaults_by_relation() {
        let mut p = person("Kim", "kim@example.com");
        p.cadence_days = 21;
        assert_eq!(p.contact_cadence(), 21);
        p.relation = Relation::Manager;
        assert_eq!(p.contact_cadence(), 14);
        p.relation = Relation::Stakeholder;
        assert_eq!(p.contact_cadence(), 30);
        p.contact_cadence_days = Some(10);
        assert_eq!(p.contact_cadence(), 10);
    }

    #[test]
    fn new_joiners_are_met_weekly() {
        let today = date(2026, 3, 20);
        let r = Relation::Report;
        assert_eq!(default_cadence_days(r, Some(date(2026, 1, 5)), today), 7);
        assert_eq!(default_cadence_days(r, Some(date(2025, 11, 1)), today), 14);
        assert_eq!(default_cadence_days(r, None, today), 14);
        assert_eq!(
            default_cadence_days(Relation::Peer, Some(date(2026, 3, 1)), today),
            14
        );
    }

    #[test]
    fn warnings_for_a_large_team_and_short_one_on_ones() {
        let mut team: Vec<Person> = (0..9)
            .map(|i| person(&format!("P{i}"), &format!("p{i}@x")))
            .collect();
        assert_eq!(team_warnings(&team).len(), 1);
        team[0].archived = true;
        assert!(team_warnings(&team).is_empty());
        team[1].duration_minutes = 15;
        let w = team_warnings(&team);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("P1") && w[0].contains("15"), "{w:?}");
    }

    #[test]
    fn relations_serialise_in_lower_case() {
        assert_eq!(
            serde_json::to_string(&Relation::Stakeholder).unwrap(),
            "\"stakeholder\""
        );
        assert_eq!(
            serde_json::to_string(&OneOnOneState::Upcoming).unwrap(),
            "\"upcoming\""
        );
    }

    #[test]
    fn role_and_resource_addresses_are_not_people() {
        for role in [
            "recruiting@example.com",
            "everyone@example.com",
            "noreply@github.com",
            "no-reply@zoom.us",
            "notifications@example.com",
            "calendar-notification@google.com",
            "calendar@example.com",
            "team@example.com",
            "all@example.com",
            "hr@example.com",
            "support@example.com",
            "info@example.com",
            "NoReply+abc@Example.com",
            "do-not-reply@example.com",
            "c_1889abc@resource.calendar.google.com",
            "example.com_abc123@group.calendar.google.com",
            "not-an-address",
        ] {
            assert!(is_role_address(role), "{role} is a role");
        }
        for person in [
            "priya.nair@example.com",
            "kim@example.com",
            "ana.lima@example.com",
            "hrishikesh@example.com",
            "allison@example.com",
            "teamson@example.com",
            "infante@example.com",
        ] {
            assert!(!is_role_address(person), "{person} is a person");
        }
    }
}
