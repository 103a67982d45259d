//! Everything kept about the people a lead works with, loaded once and read per person: their
//! 1:1s (calendar and notes), agenda, observations, feedback, delegations, contacts,
//! commitments, stakeholder preps and onboarding.

use crate::error::Result;
use crate::markdown::plural;
use crate::profile;
use fulcrum_core::delegation::{self, Delegation, StyleHistory};
use fulcrum_core::feedback::{self, Balance, Feedback};
use fulcrum_core::observations::{self, Observation, Trend};
use fulcrum_core::onboarding::{self, Progress, Step};
use fulcrum_core::one_on_one::{self, Agenda, HistoryEntry, Item, OneOnOneNote, TopicBalance};
use fulcrum_core::people::{self, CalendarMeeting, OneOnOne, OneOnOneState, Person};
use fulcrum_core::privacy::{Privacy, Private};
use fulcrum_core::relationships::{self, Commitment, ContactStatus, Interaction, Nudge, Prep};
use fulcrum_core::{Profile, time};
use fulcrum_store::{Store, StoredEvent};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Serialize;

/// Days of calendar history searched for 1:1s and contacts.
pub const HISTORY_DAYS: i64 = 180;
/// Days ahead searched for the next 1:1.
pub const AHEAD_DAYS: i64 = 60;

/// The records of every person, as of `now`.
pub struct Records {
    pub profile: Profile,
    pub tz: TimeZone,
    pub now: Timestamp,
    pub today: Date,
    /// The first day whose calendar was read: 1:1 histories start here.
    pub since: Date,
    pub people: Vec<Person>,
    pub meetings: Vec<CalendarMeeting>,
    pub notes: Vec<OneOnOneNote>,
    pub items: Vec<Item>,
    pub observations: Vec<Observation>,
    pub feedback: Vec<Feedback>,
    pub delegations: Vec<Delegation>,
    pub interactions: Vec<Interaction>,
    pub commitments: Vec<Commitment>,
    pub preps: Vec<Prep>,
    pub steps: Vec<Step>,
}

/// A recurrence id as an instant: floating ones are read in the user's zone, dates are
/// left alone (an all-day series is not a 1:1).
pub(crate) fn normalise_recurrence_id(rid: &str, tz: &TimeZone) -> String {
    if !rid.contains('T') || rid.ends_with('Z') {
        return rid.to_string();
    }
    match rid.parse::<DateTime>() {
        Ok(dt) => tz
            .to_ambiguous_timestamp(dt)
            .compatible()
            .map_or_else(|_| rid.to_string(), |ts| ts.to_string()),
        Err(_) => rid.to_string(),
    }
}

pub(crate) fn meeting(e: &StoredEvent, tz: &TimeZone) -> Option<CalendarMeeting> {
    if e.all_day {
        return None;
    }
    Some(CalendarMeeting {
        uid: e.uid.clone(),
        recurrence_id: normalise_recurrence_id(&e.recurrence_id, tz),
        title: e.title.clone(),
        start: Timestamp::from_second(e.start_at).ok()?,
        end: Timestamp::from_second(e.end_at).ok()?,
        attendees: e.attendees.iter().map(|a| a.to_lowercase()).collect(),
        organizer: e.organizer.as_ref().map(|o| o.to_lowercase()),
        status: e.status.clone(),
        my_response: e.my_response.clone(),
    })
}

/// The calendar's meetings from the start of `since` to `AHEAD_DAYS` after `now`: all of
/// them, or those that may name one of `with`.
async fn meetings(
    store: &dyn Store,
    tz: &TimeZone,
    since: Date,
    now: Timestamp,
    with: Option<&[String]>,
) -> Result<Vec<CalendarMeeting>> {
    let from = time::day_start(since, tz).as_second();
    let to = now.as_second() + AHEAD_DAYS * 86_400;
    let events = match with {
        None => store.events_between(from, to).await?,
        Some(emails) => store.events_with(from, to, emails).await?,
    };
    Ok(events.iter().filter_map(|e| meeting(e, tz)).collect())
}

/// The profile, its zone, today and the first day of the window the records cover.
async fn window(
    store: &dyn Store,
    now: Timestamp,
    since: Option<Date>,
) -> Result<(Profile, TimeZone, Date, Date)> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let today = time::local_date(now, &tz);
    let since = window_start(today, since);
    Ok((profile, tz, today, since))
}

/// When the records' window starts: `HISTORY_DAYS` back, or `since` when that is earlier.
fn window_start(today: Date, since: Option<Date>) -> Date {
    since
        .into_iter()
        .chain([time::add_days(today, -HISTORY_DAYS)])
        .min()
        .unwrap_or(today)
}

impl Records {
    /// Everything, with the calendar of the last `HISTORY_DAYS` days and the next `AHEAD_DAYS`.
    /// Private notes are left out (`with_private`).
    pub async fn load(store: &dyn Store, now: Timestamp) -> Result<Records> {
        Self::load_since(store, now, None).await
    }

    /// The same, with the calendar read from `since` when that is further back (a review over
    /// a year needs a year of 1:1s).
    pub async fn load_since(
        store: &dyn Store,
        now: Timestamp,
        since: Option<Date>,
    ) -> Result<Records> {
        let (profile, tz, today, since) = window(store, now, since).await?;
        Ok(Records {
            today,
            since,
            meetings: meetings(store, &tz, since, now, None).await?,
            people: store.people().await?,
            notes: store.notes().await?,
            items: store.items().await?,
            observations: store.observations().await?,
            feedback: store.feedback().await?,
            delegations: store.delegations().await?,
            interactions: store.interactions().await?,
            commitments: store.commitments().await?,
            preps: store.preps().await?,
            steps: store.onboarding_steps().await?,
            profile,
            tz,
            now,
        })
    }

    /// The records of one person only, read by person (their page does not need the rest):
    /// the same answers about them as `load_since` gives, at a fraction of the reading.
    pub async fn load_person(
        store: &dyn Store,
        now: Timestamp,
        id: i64,
        since: Option<Date>,
    ) -> Result<Records> {
        let (profile, tz, today, since) = window(store, now, since).await?;
        let file = store.person_file(id).await?;
        let person = crate::lookup::found(file.person, id)?;
        let meetings = meetings(store, &tz, since, now, Some(&person.emails)).await?;
        Ok(Records {
            today,
            since,
            meetings,
            people: vec![person],
            notes: file.notes,
            items: file.items,
            observations: file.observations,
            feedback: file.feedback,
            delegations: file.delegations,
            interactions: file.interactions,
            commitments: file.commitments,
            preps: file.preps,
            steps: file.steps,
            profile,
            tz,
            now,
        })
    }

    /// The same records with the private notes on people and 1:1s put back, when `privacy`
    /// asks for them: read with the owner's key.
    pub async fn with_private(mut self, store: &dyn Store, privacy: Privacy) -> Result<Records> {
        if privacy.includes() {
            let person = match self.people.as_slice() {
                [one] => Some(one.id),
                _ => None,
            };
            let private = store
                .private_notes(&crate::access::owner_key(), person)
                .await?;
            private.fill_people(&mut self.people);
            private.fill_notes(&mut self.notes);
        }
        Ok(self)
    }

    pub fn person(&self, id: i64) -> Result<&Person> {
        crate::lookup::by_id(&self.people, id)
    }

    pub fn active(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| p.is_active())
    }

    pub fn name_of(&self, id: Option<i64>) -> Option<String> {
        id.and_then(|id| self.people.iter().find(|p| p.id == id))
            .map(|p| p.name.clone())
    }

    pub fn notes_of(&self, id: i64) -> Vec<OneOnOneNote> {
        theirs(&self.notes, |n| n.person_id == id)
    }

    pub fn items_of(&self, id: i64) -> Vec<Item> {
        theirs(&self.items, |i| i.person_id == id)
    }

    pub fn one_on_ones(&self, person: &Person) -> PersonOneOnOnes {
        let list = people::one_on_ones(person, &self.profile.emails, &self.meetings, self.now);
        // Notes from before the calendar read would look like 1:1s the calendar never showed.
        let notes: Vec<OneOnOneNote> = self
            .notes_of(person.id)
            .into_iter()
            .filter(|n| n.held_on >= self.since)
            .collect();
        let last_met = one_on_one::last_met(&list, &notes, self.today, &self.tz);
        let mut counts = Counts::default();
        for o in &list {
            match o.state {
                OneOnOneState::Held => counts.held += 1,
                OneOnOneState::Cancelled => counts.cancelled += 1,
                OneOnOneState::Declined => counts.declined += 1,
                OneOnOneState::Moved => counts.moved += 1,
                OneOnOneState::Upcoming => counts.upcoming += 1,
            }
        }
        counts.logged = notes.iter().filter(|n| n.held_on <= self.today).count();
        PersonOneOnOnes {
            overdue_days: people::overdue(person, last_met, self.today),
            cancelled_by_me_in_a_row: people::cancelled_by_me_streak(
                &list,
                &self.profile.emails,
                self.now,
            ),
            next: list.iter().find(|o| o.is_next(self.now)).cloned(),
            last_held: list.iter().rev().find(|o| o.happened(self.now)).cloned(),
            last_met,
            history: one_on_one::history(&list, &notes, &self.tz),
            counts,
            one_on_ones: list,
            person: person.clone(),
        }
    }

    /// The last day the calendar shows them in a meeting with the user that took place.
    pub fn last_in_calendar(&self, person: &Person) -> Option<Date> {
        self.meetings
            .iter()
            .filter(|m| m.start <= self.now)
            .filter(|m| !m.status.eq_ignore_ascii_case("cancelled"))
            .filter(|m| !m.my_response.eq_ignore_ascii_case("declined"))
            .filter(|m| {
                m.attendees
                    .iter()
                    .any(|a| person.emails.iter().any(|e| e.eq_ignore_ascii_case(a)))
            })
            .map(|m| time::local_date(m.start, &self.tz))
            .max()
    }

    pub fn contact(&self, person: &Person) -> ContactStatus {
        let logged = self
            .interactions
            .iter()
            .filter(|i| i.person_id == person.id && i.on <= self.today)
            .map(|i| i.on)
            .chain(
                self.notes
                    .iter()
                    .filter(|n| n.person_id == person.id && n.held_on <= self.today)
                    .map(|n| n.held_on),
            )
            .max();
        relationships::contact_status(person, self.last_in_calendar(person), logged, self.today)
    }

    pub fn trend(&self, person: &Person) -> Trend {
        let seen = theirs(&self.observations, |o| o.person_id == person.id);
        observations::trend(&seen, person.first_name())
    }

    pub fn balance(&self, person: &Person) -> Balance {
        feedback::balance(person.id, person.first_name(), &self.feedback, self.today)
    }

    pub fn style_history(&self, person: &Person) -> StyleHistory {
        delegation::style_history(person.id, person.first_name(), &self.delegations)
    }

    pub fn onboarding(&self, person: &Person) -> Option<Onboarding> {
        let steps = theirs(&self.steps, |s| s.person_id == person.id);
        (!steps.is_empty()).then(|| Onboarding {
            person_id: person.id,
            name: person.name.clone(),
            progress: onboarding::progress(&steps, self.today),
            steps,
        })
    }

    pub fn nudges(&self, person_id: Option<i64>) -> Vec<(Commitment, Nudge)> {
        self.commitments
            .iter()
            .filter(|c| person_id.is_none() || c.person_id == person_id)
            .filter_map(|c| c.nudge(self.today).map(|n| (c.clone(), n)))
            .collect()
    }

    /// What needs attention about one person, in plain sentences.
    pub fn signals(&self, p: &Person, o: &PersonOneOnOnes) -> Vec<String> {
        let first = p.first_name();
        let mut out = Vec::new();
        if let Some(d) = o.overdue_days {
            out.push(format!(
                "The 1:1 with {first} is {} past its {}-day cadence: book the next one.",
                plural(d, "day", "days"),
                p.cadence_days
            ));
        }
        if o.cancelled_by_me_in_a_row >= people::CALLED_OFF_IN_A_ROW {
            out.push(format!(
                "You called off the last {} with {first}. Cancelling is one of the fastest \
                 ways to lose trust: keep the next one, even if it is short.",
                plural(o.cancelled_by_me_in_a_row, "1:1", "1:1s")
            ));
        }
        let quiet = one_on_one::quiet_streak(&self.notes_of(p.id), &self.items_of(p.id));
        if quiet >= one_on_one::QUIET_STREAK {
            out.push(format!(
                "{first} brought nothing to the last {}. That is rarely the whole \
                 story: ask what is on their mind, and whether these meetings work for them.",
                plural(quiet, "1:1", "1:1s")
            ));
        }
        let agenda = one_on_one::agenda(&self.items_of(p.id), &self.notes_of(p.id));
        for a in agenda
            .actions
            .iter()
            .filter(|a| a.carried >= one_on_one::STALE_CARRIES)
        {
            out.push(format!(
                "“{}” has been carried through {}: do it, or agree to drop it.",
                a.item.text,
                plural(a.carried, "1:1", "1:1s")
            ));
        }
        out.extend(self.trend(p).prompt);
        out.extend(self.balance(p).warnings);
        for f in self.feedback.iter().filter(|f| f.person_id == Some(p.id)) {
            if f.is_stale(self.today) {
                out.push(format!(
                    "Feedback for {first} noted on {} is still not delivered: its value drops \
                     the longer it waits.",
                    f.event_on
                ));
            }
            if let Some(d) = f.follow_up_overdue(self.today).filter(|d| *d >= 0) {
                out.push(format!(
                    "Follow up the constructive feedback from {} with {first}{}: has anything \
                     changed since?",
                    f.delivered_on.unwrap_or(f.event_on),
                    if d > 0 {
                        format!(" ({} past the date)", plural(d, "day", "days"))
                    } else {
                        String::new()
                    }
                ));
            }
        }
        for d in self.delegations.iter().filter(|d| d.person_id == p.id) {
            if !d.overdue_check_ins(self.today).is_empty() {
                out.push(format!(
                    "A check-in on “{}” is due: ask how it is going and what is in the way.",
                    d.title
                ));
            }
            if d.follow_up_due(self.today) {
                out.push(format!(
                    "“{}” reached its deadline: hold the follow-up, both ways.",
                    d.title
                ));
            }
        }
        if p.relation != people::Relation::Report
            && let Some(late) = self.contact(p).overdue_days
        {
            out.push(if late == 0 {
                format!("Time to get in touch with {first} again.")
            } else {
                format!(
                    "You have not been in touch with {first} for {} past your cadence.",
                    plural(late, "day", "days")
                )
            });
        }
        out.extend(self.nudges(Some(p.id)).into_iter().map(|(_, n)| n.message));
        if let Some(on) = self.onboarding(p) {
            for s in &on.progress.overdue {
                out.push(format!(
                    "Onboarding step “{}” for {first} was due {}.",
                    s.title,
                    s.due.map_or_else(String::new, |d| d.to_string())
                ));
            }
        }
        out
    }

    pub fn page(&self, person: &Person, privacy: Privacy) -> PersonPage {
        let o = self.one_on_ones(person);
        let notes = self.notes_of(person.id);
        let items = self.items_of(person.id);
        let signals = self.signals(person, &o);
        let page = PersonPage {
            person: person.clone(),
            agenda: one_on_one::agenda(&items, &notes),
            topics: one_on_one::topic_balance(&notes),
            quiet_streak: one_on_one::quiet_streak(&notes, &items),
            trend: self.trend(person),
            observations: theirs(&self.observations, |x| x.person_id == person.id),
            balance: self.balance(person),
            feedback: theirs(&self.feedback, |f| f.person_id == Some(person.id)),
            delegations: theirs(&self.delegations, |d| d.person_id == person.id),
            style: self.style_history(person),
            contact: self.contact(person),
            interactions: theirs(&self.interactions, |i| i.person_id == person.id),
            commitments: theirs(&self.commitments, |c| c.person_id == Some(person.id)),
            preps: theirs(&self.preps, |p| p.person_id == person.id),
            onboarding: self.onboarding(person),
            signals,
            one_on_ones: o,
            private_included: privacy.includes(),
        };
        privacy.apply(page)
    }
}

/// Copies of the records in `all` that `is_theirs` picks: one person's share of a kind.
fn theirs<T: Clone>(all: &[T], is_theirs: impl Fn(&T) -> bool) -> Vec<T> {
    all.iter().filter(|x| is_theirs(x)).cloned().collect()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub held: usize,
    pub cancelled: usize,
    pub declined: usize,
    pub moved: usize,
    pub upcoming: usize,
    /// 1:1s the lead logged notes for.
    pub logged: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonOneOnOnes {
    pub person: Person,
    /// What the calendar shows, oldest first, over the last 180 days (or since the start of a
    /// review's period) and the next 60.
    pub one_on_ones: Vec<OneOnOne>,
    /// Calendar and logged notes together, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Days past the cadence, when overdue.
    pub overdue_days: Option<i64>,
    /// 1:1s in a row the user's side called off (declined or cancelled it).
    pub cancelled_by_me_in_a_row: usize,
    /// The next one still on.
    pub next: Option<OneOnOne>,
    /// The last one the calendar shows as having taken place.
    pub last_held: Option<OneOnOne>,
    /// The last day you met: in the calendar or logged.
    pub last_met: Option<Date>,
    pub counts: Counts,
}

/// `Private` for a view built from records: it hides what the parts named hide.
macro_rules! private_in {
    ($view:ty: $($part:ident),+) => {
        impl Private for $view {
            fn hide_private(&mut self) {
                $(self.$part.hide_private();)+
            }
        }
    };
}

private_in!(PersonOneOnOnes: person, history);

#[derive(Debug, Clone, Serialize)]
pub struct Onboarding {
    pub person_id: i64,
    pub name: String,
    pub steps: Vec<Step>,
    pub progress: Progress,
}

/// Everything about one person, for their page and `fulcrum people show`.
#[derive(Debug, Clone, Serialize)]
pub struct PersonPage {
    pub person: Person,
    pub one_on_ones: PersonOneOnOnes,
    pub agenda: Agenda,
    pub topics: TopicBalance,
    /// Logged 1:1s in a row with nothing of theirs on the agenda.
    pub quiet_streak: usize,
    pub observations: Vec<Observation>,
    pub trend: Trend,
    /// Given to, received from or asked of them.
    pub feedback: Vec<Feedback>,
    pub balance: Balance,
    pub delegations: Vec<Delegation>,
    pub style: StyleHistory,
    pub contact: ContactStatus,
    pub interactions: Vec<Interaction>,
    pub commitments: Vec<Commitment>,
    pub preps: Vec<Prep>,
    pub onboarding: Option<Onboarding>,
    /// What needs attention, most pressing first.
    pub signals: Vec<String>,
    /// Whether private notes were asked for and are included.
    pub private_included: bool,
}

private_in!(PersonPage: person, one_on_ones);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floating_recurrence_ids_are_read_in_the_users_zone() {
        let berlin = time::parse_zone("Europe/Berlin").unwrap();
        assert_eq!(
            normalise_recurrence_id("2026-03-02T16:00:00", &berlin),
            "2026-03-02T15:00:00Z"
        );
        assert_eq!(
            normalise_recurrence_id("2026-03-02T15:00:00Z", &berlin),
            "2026-03-02T15:00:00Z"
        );
        assert_eq!(normalise_recurrence_id("2026-03-02", &berlin), "2026-03-02");
        assert_eq!(normalise_recurrence_id("", &berlin), "");
    }
}
