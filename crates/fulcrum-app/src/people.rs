//! People: the ones a lead meets, kept (never deleted) with the cadence agreed with each, and
//! their 1:1s read from the imported calendars.

use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_core::people::{
    self, CalendarMeeting, DEFAULT_DURATION_MINUTES, OneOnOne, OneOnOneState, Person, Relation,
};
use fulcrum_core::time;
use fulcrum_store::{Store, StoreError, StoredEvent};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Serialize;

/// Days of calendar history searched for 1:1s.
pub const HISTORY_DAYS: i64 = 180;
/// Days ahead searched for the next 1:1.
pub const AHEAD_DAYS: i64 = 60;

pub struct NewPerson {
    pub name: String,
    pub emails: Vec<String>,
    pub relation: Relation,
    pub team: Option<String>,
    pub start_date: Option<Date>,
    /// `None`: weekly for a report in their first 90 days, every two weeks otherwise.
    pub cadence_days: Option<u32>,
    pub duration_minutes: Option<u32>,
    pub notes: Option<String>,
}

/// Changes to a person; `None` leaves a field as it is.
#[derive(Default)]
pub struct PersonEdit {
    pub name: Option<String>,
    /// Replaces every address when given.
    pub emails: Option<Vec<String>>,
    pub relation: Option<Relation>,
    pub team: Option<String>,
    pub start_date: Option<Date>,
    pub cadence_days: Option<u32>,
    pub duration_minutes: Option<u32>,
    pub notes: Option<String>,
}

fn clean_emails(emails: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for e in emails {
        let e = e.trim().trim_start_matches("mailto:").to_lowercase();
        if !e.contains('@') {
            return Err(AppError::Invalid(format!(
                "{e:?} is not an e-mail address; give the address they use in invitations"
            )));
        }
        if !out.contains(&e) {
            out.push(e);
        }
    }
    if out.is_empty() {
        return Err(AppError::Invalid(
            "a person needs at least one e-mail address (--email) to find their 1:1s".into(),
        ));
    }
    Ok(out)
}

fn check(p: &Person, everyone: &[Person], user: &fulcrum_core::Profile) -> Result<()> {
    if p.name.trim().is_empty() {
        return Err(AppError::Invalid("a person needs a name".into()));
    }
    if p.cadence_days == 0 || p.duration_minutes == 0 {
        return Err(AppError::Invalid(
            "the cadence (--cadence, in days) and length (--minutes) must be above zero".into(),
        ));
    }
    for e in &p.emails {
        if user.is_me(e) {
            return Err(AppError::Invalid(format!(
                "{e} is one of your own addresses, not {}'s",
                p.name
            )));
        }
        if let Some(other) = everyone
            .iter()
            .find(|o| o.id != p.id && o.is_active() && o.emails.contains(e))
        {
            return Err(AppError::Invalid(format!(
                "{e} already belongs to {} (id {}); edit or archive them first",
                other.name, other.id
            )));
        }
    }
    Ok(())
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub async fn add(store: &dyn Store, new: NewPerson, now: Timestamp) -> Result<Person> {
    let profile = profile::require(store).await?;
    let today = time::local_date(now, &profile.tz());
    let person = Person {
        id: 0,
        name: new.name.trim().to_string(),
        emails: clean_emails(&new.emails)?,
        relation: new.relation,
        team: non_empty(new.team),
        start_date: new.start_date,
        cadence_days: new
            .cadence_days
            .unwrap_or_else(|| people::default_cadence_days(new.relation, new.start_date, today)),
        duration_minutes: new.duration_minutes.unwrap_or(DEFAULT_DURATION_MINUTES),
        archived: false,
        notes: non_empty(new.notes),
    };
    check(&person, &store.people().await?, &profile)?;
    Ok(store.add_person(&person).await?)
}

async fn find(store: &dyn Store, id: i64) -> Result<(Person, Vec<Person>)> {
    let everyone = store.people().await?;
    let p = everyone
        .iter()
        .find(|p| p.id == id)
        .cloned()
        .ok_or(AppError::Store(StoreError::NoPerson(id)))?;
    Ok((p, everyone))
}

pub async fn edit(store: &dyn Store, id: i64, edit: PersonEdit) -> Result<Person> {
    let profile = profile::require(store).await?;
    let (mut p, everyone) = find(store, id).await?;
    if let Some(name) = edit.name {
        p.name = name.trim().to_string();
    }
    if let Some(emails) = edit.emails {
        p.emails = clean_emails(&emails)?;
    }
    if let Some(r) = edit.relation {
        p.relation = r;
    }
    if edit.team.is_some() {
        p.team = non_empty(edit.team);
    }
    if edit.start_date.is_some() {
        p.start_date = edit.start_date;
    }
    if let Some(c) = edit.cadence_days {
        p.cadence_days = c;
    }
    if let Some(m) = edit.duration_minutes {
        p.duration_minutes = m;
    }
    if edit.notes.is_some() {
        p.notes = non_empty(edit.notes);
    }
    check(&p, &everyone, &profile)?;
    store.update_person(&p).await?;
    Ok(p)
}

/// Archives a person: kept with their history, left out of lists and warnings.
pub async fn archive(store: &dyn Store, id: i64) -> Result<Person> {
    let (mut p, _) = find(store, id).await?;
    p.archived = true;
    store.update_person(&p).await?;
    Ok(p)
}

#[derive(Debug, Clone, Serialize)]
pub struct PeopleList {
    pub people: Vec<Person>,
    pub warnings: Vec<String>,
}

pub async fn list(store: &dyn Store, include_archived: bool) -> Result<PeopleList> {
    let everyone = store.people().await?;
    let warnings = people::team_warnings(&everyone);
    Ok(PeopleList {
        people: everyone
            .into_iter()
            .filter(|p| include_archived || p.is_active())
            .collect(),
        warnings,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub held: usize,
    pub cancelled: usize,
    pub declined: usize,
    pub moved: usize,
    pub upcoming: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonOneOnOnes {
    pub person: Person,
    /// Oldest first, over the last 180 days and the next 60.
    pub one_on_ones: Vec<OneOnOne>,
    /// Days past the cadence, when overdue.
    pub overdue_days: Option<i64>,
    /// The next one still on.
    pub next: Option<OneOnOne>,
    /// The last one that took place.
    pub last_held: Option<OneOnOne>,
    pub counts: Counts,
}

/// A recurrence id as an instant: floating ones are read in the user's zone, dates are
/// left alone (an all-day series is not a 1:1).
fn normalise_recurrence_id(rid: &str, tz: &TimeZone) -> String {
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

fn meeting(e: &StoredEvent, tz: &TimeZone) -> Option<CalendarMeeting> {
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

fn summarise(
    person: Person,
    profile: &fulcrum_core::Profile,
    meetings: &[CalendarMeeting],
    now: Timestamp,
) -> PersonOneOnOnes {
    let tz = profile.tz();
    let list = people::one_on_ones(&person, &profile.emails, meetings, now);
    let today = time::local_date(now, &tz);
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
    PersonOneOnOnes {
        overdue_days: people::overdue(&person, &list, today, &tz),
        next: list.iter().find(|o| o.is_next(now)).cloned(),
        last_held: list.iter().rev().find(|o| o.happened(now)).cloned(),
        counts,
        one_on_ones: list,
        person,
    }
}

async fn meetings(
    store: &dyn Store,
    tz: &TimeZone,
    now: Timestamp,
) -> Result<Vec<CalendarMeeting>> {
    let day = 86_400;
    let from = now.as_second() - HISTORY_DAYS * day;
    let to = now.as_second() + AHEAD_DAYS * day;
    Ok(store
        .events_between(from, to)
        .await?
        .iter()
        .filter_map(|e| meeting(e, tz))
        .collect())
}

/// One person's 1:1s over the last 180 days and the next 60.
pub async fn one_on_ones(
    store: &dyn Store,
    person_id: i64,
    now: Timestamp,
) -> Result<PersonOneOnOnes> {
    let profile = profile::require(store).await?;
    let (person, _) = find(store, person_id).await?;
    let meetings = meetings(store, &profile.tz(), now).await?;
    Ok(summarise(person, &profile, &meetings, now))
}

/// Every active person's 1:1s, in the order they were added.
pub async fn all_one_on_ones(store: &dyn Store, now: Timestamp) -> Result<Vec<PersonOneOnOnes>> {
    let profile = profile::require(store).await?;
    let meetings = meetings(store, &profile.tz(), now).await?;
    Ok(store
        .people()
        .await?
        .into_iter()
        .filter(Person::is_active)
        .map(|p| summarise(p, &profile, &meetings, now))
        .collect())
}

/// Active people whose 1:1 is overdue, most overdue first.
pub async fn overdue_list(store: &dyn Store, now: Timestamp) -> Result<Vec<PersonOneOnOnes>> {
    let mut late: Vec<PersonOneOnOnes> = all_one_on_ones(store, now)
        .await?
        .into_iter()
        .filter(|p| p.overdue_days.is_some())
        .collect();
    late.sort_by_key(|p| std::cmp::Reverse(p.overdue_days));
    Ok(late)
}

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
