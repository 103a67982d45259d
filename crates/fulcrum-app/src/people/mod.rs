//! People: the ones a lead works with and what is kept about them, their 1:1s read from the
//! imported calendars, quick observations, attendees worth adding, and deleting someone only
//! when the user has seen what goes with them.

mod records;
pub mod review;
pub mod technical;

pub use records::{
    AHEAD_DAYS, Counts, HISTORY_DAYS, Onboarding, PersonOneOnOnes, PersonPage, Records,
};

use crate::error::{AppError, Result};
use crate::lookup::{by_id, found};
use crate::profile;
use fulcrum_core::observations::{self, Context, Observation};
use fulcrum_core::one_on_one;
use fulcrum_core::people::{self, DEFAULT_DURATION_MINUTES, Person, Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::{Profile, time};
use fulcrum_store::{PersonRecords, PrivateOf, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct NewPerson {
    pub name: String,
    pub emails: Vec<String>,
    pub relation: Option<Relation>,
    pub team: Option<String>,
    pub start_date: Option<Date>,
    /// `None`: weekly for a report in their first 90 days, every two weeks otherwise.
    pub cadence_days: Option<u32>,
    pub duration_minutes: Option<u32>,
    pub interests: Vec<String>,
    pub knowledge: Vec<String>,
    pub growth_goals: Vec<String>,
    pub working_style: Option<WorkingStyle>,
    pub feedback_style: Option<String>,
    pub contact_cadence_days: Option<u32>,
    pub private_notes: Option<String>,
}

/// Changes to a person; `None` leaves a field as it is, an empty text or list clears it.
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
    pub interests: Option<Vec<String>>,
    pub knowledge: Option<Vec<String>>,
    pub growth_goals: Option<Vec<String>>,
    pub working_style: Option<WorkingStyle>,
    pub feedback_style: Option<String>,
    pub contact_cadence_days: Option<u32>,
    pub private_notes: Option<String>,
}

fn clean_emails(emails: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for e in emails.iter().flat_map(|e| e.split(',')) {
        let e = e.trim().trim_start_matches("mailto:").to_lowercase();
        if e.is_empty() {
            continue;
        }
        if !e.contains('@') {
            return Err(AppError::invalid(
                "--email",
                format!("{e:?} is not an e-mail address; give the address they use in invitations"),
            ));
        }
        if !out.contains(&e) {
            out.push(e);
        }
    }
    if out.is_empty() {
        return Err(AppError::invalid(
            "--email",
            "a person needs at least one e-mail address (--email) to find their 1:1s",
        ));
    }
    Ok(out)
}

/// A list typed as "a, b" or given item by item: trimmed, without blanks or repeats.
pub fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items.iter().flat_map(|i| i.split(',')) {
        let i = i.trim();
        if !i.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(i)) {
            out.push(i.to_string());
        }
    }
    out
}

fn check(p: &Person, everyone: &[Person], user: &Profile) -> Result<()> {
    if p.name.trim().is_empty() {
        return Err(AppError::invalid("name", "a person needs a name"));
    }
    if p.cadence_days == 0 || p.duration_minutes == 0 || p.contact_cadence_days == Some(0) {
        return Err(AppError::invalid(
            "--cadence",
            "the cadences (--cadence, --contact-every, in days) and length (--minutes) must be above zero",
        ));
    }
    for e in &p.emails {
        if user.is_me(e) {
            return Err(AppError::invalid(
                "--email",
                format!("{e} is one of your own addresses, not {}'s", p.name),
            ));
        }
        if let Some(other) = everyone
            .iter()
            .find(|o| o.id != p.id && o.is_active() && o.emails.contains(e))
        {
            return Err(AppError::conflict(
                "address",
                format!(
                    "{e} already belongs to {} (id {}); edit or archive them first",
                    other.name, other.id
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub async fn add(store: &dyn Store, new: NewPerson, now: Timestamp) -> Result<Person> {
    let profile = profile::require(store).await?;
    let today = time::local_date(now, &profile.tz());
    let relation = new.relation.ok_or_else(|| {
        AppError::invalid(
            "--relation",
            format!(
                "say how you work with them: --relation {}",
                Relation::words().replace(", ", "|")
            ),
        )
    })?;
    let person = Person {
        id: 0,
        name: new.name.trim().to_string(),
        emails: clean_emails(&new.emails)?,
        relation,
        team: non_empty(new.team),
        start_date: new.start_date,
        cadence_days: new
            .cadence_days
            .unwrap_or_else(|| people::default_cadence_days(relation, new.start_date, today)),
        duration_minutes: new.duration_minutes.unwrap_or(DEFAULT_DURATION_MINUTES),
        archived: false,
        interests: clean_list(&new.interests),
        knowledge: clean_list(&new.knowledge),
        growth_goals: clean_list(&new.growth_goals),
        working_style: new.working_style,
        feedback_style: non_empty(new.feedback_style),
        contact_cadence_days: new.contact_cadence_days,
        private_notes: non_empty(new.private_notes),
    };
    check(&person, &store.people().await?, &profile)?;
    Ok(store.add_person(&person).await?)
}

async fn find(store: &dyn Store, id: i64) -> Result<(Person, Vec<Person>)> {
    let everyone = store.people().await?;
    let p = by_id(&everyone, id)?.clone();
    Ok((p, everyone))
}

/// Which people a name looks at first when several could answer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// Active people first, then archived ones: what every command wants.
    Active,
    /// Archived people first: restoring someone.
    Archived,
}

/// The person `to` names, active people first: see [`resolve_in`].
pub fn resolve(people: &[Person], to: &str) -> Result<Option<Person>> {
    resolve_in(people, to, Prefer::Active)
}

/// The person `to` names: an id, or else a full name or e-mail address, or else a first name.
/// Names are looked for among the preferred people (active or archived) before the others,
/// full names and addresses before first names, so an archived person is found by name too
/// and an active namesake wins. `Ok(None)` when nobody answers to it; an error listing the
/// matches when several do, or when an id is nobody's.
pub fn resolve_in(people: &[Person], to: &str, prefer: Prefer) -> Result<Option<Person>> {
    let to = to.trim();
    if let Ok(id) = to.parse::<i64>() {
        return by_id(people, id).map(|p| Some(p.clone()));
    }
    let lower = to.to_lowercase();
    let full = |p: &Person| p.name.eq_ignore_ascii_case(to) || p.emails.contains(&lower);
    let first = |p: &Person| p.first_name().eq_ignore_ascii_case(to);
    let preferred = |p: &Person| p.archived == (prefer == Prefer::Archived);
    let tiers: [&dyn Fn(&Person) -> bool; 4] = [
        &|p| preferred(p) && full(p),
        &|p| preferred(p) && first(p),
        &|p| !preferred(p) && full(p),
        &|p| !preferred(p) && first(p),
    ];
    for tier in tiers {
        let matches: Vec<&Person> = people.iter().filter(|p| tier(p)).collect();
        match matches.as_slice() {
            [] => continue,
            [one] => return Ok(Some((*one).clone())),
            many => {
                return Err(AppError::invalid(
                    "person",
                    format!(
                        "{to:?} could be {}: give their id or full name instead",
                        many.iter()
                            .map(|p| format!(
                                "{} (id {}{})",
                                p.name,
                                p.id,
                                if p.archived { ", archived" } else { "" }
                            ))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                ));
            }
        }
    }
    Ok(None)
}

/// The person `text` names (see [`resolve`]); an error when nobody does.
pub async fn named(store: &dyn Store, text: &str) -> Result<Person> {
    named_in(store, text, Prefer::Active).await
}

/// The person `text` names, looking at `prefer` first; an error when nobody does.
pub async fn named_in(store: &dyn Store, text: &str, prefer: Prefer) -> Result<Person> {
    resolve_in(&store.people().await?, text, prefer)?
        .ok_or_else(|| AppError::not_found("person called", format!("{:?}", text.trim())))
}

/// One person, with their private notes only when asked for.
pub async fn get(store: &dyn Store, id: i64, privacy: Privacy) -> Result<Person> {
    let mut p = found(store.person(id).await?, id)?;
    if privacy.includes() {
        store
            .private_notes(&crate::access::owner_key(), Some(id))
            .await?
            .fill_people(std::slice::from_mut(&mut p));
    }
    Ok(p)
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
    for (field, given) in [
        (&mut p.interests, edit.interests),
        (&mut p.knowledge, edit.knowledge),
        (&mut p.growth_goals, edit.growth_goals),
    ] {
        if let Some(list) = given {
            *field = clean_list(&list);
        }
    }
    if edit.working_style.is_some() {
        p.working_style = edit.working_style;
    }
    if edit.feedback_style.is_some() {
        p.feedback_style = non_empty(edit.feedback_style);
    }
    if edit.contact_cadence_days.is_some() {
        p.contact_cadence_days = edit.contact_cadence_days;
    }
    check(&p, &everyone, &profile)?;
    store.update_person(&p).await?;
    // Private notes are the owner's to change, with their key, and only when given.
    if edit.private_notes.is_some() {
        p.private_notes = non_empty(edit.private_notes);
        store
            .set_private_notes(
                &crate::access::owner_key(),
                PrivateOf::Person(p.id),
                p.private_notes.as_deref(),
            )
            .await?;
    }
    Ok(p)
}

/// Archives a person: kept with their whole history, left out of lists and warnings.
pub async fn archive(store: &dyn Store, id: i64) -> Result<Person> {
    set_archived(store, id, true).await
}

/// Brings an archived person back into lists.
pub async fn restore(store: &dyn Store, id: i64) -> Result<Person> {
    let profile = profile::require(store).await?;
    let (mut p, everyone) = find(store, id).await?;
    p.archived = false;
    check(&p, &everyone, &profile)?;
    store.update_person(&p).await?;
    Ok(p)
}

async fn set_archived(store: &dyn Store, id: i64, archived: bool) -> Result<Person> {
    let (mut p, _) = find(store, id).await?;
    p.archived = archived;
    store.update_person(&p).await?;
    Ok(p)
}

/// What deleting a person takes with them, and whether it was done.
#[derive(Debug, Clone, Serialize)]
pub struct Deletion {
    pub person: Person,
    pub records: PersonRecords,
    /// What goes with them, in words.
    pub records_text: String,
    pub deleted: bool,
}

/// What deleting a person would take with them; changes nothing. Show it before `delete`.
pub async fn deletion_preview(store: &dyn Store, id: i64) -> Result<Deletion> {
    let (person, _) = find(store, id).await?;
    let records = store.person_records(id).await?;
    Ok(Deletion {
        person: Privacy::Hide.apply(person),
        records_text: records.describe(),
        records,
        deleted: false,
    })
}

/// Deletes a person and every record kept about them, in one transaction. Callers ask the
/// user first, with what `deletion_preview` says.
pub async fn delete(store: &dyn Store, id: i64) -> Result<Deletion> {
    let preview = deletion_preview(store, id).await?;
    let records = store.delete_person(id).await?;
    Ok(Deletion {
        records,
        deleted: true,
        ..preview
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct PeopleList {
    pub people: Vec<Person>,
    pub warnings: Vec<String>,
    /// Hours a week the active people's 1:1s take at their cadences, to a tenth.
    pub one_on_one_hours_per_week: f64,
    /// The same in whole minutes, for printing as `2h00`.
    pub one_on_one_minutes_per_week: i64,
    pub private_included: bool,
}

/// Minutes a week the 1:1s of `people` take: each length over its cadence in weeks.
fn weekly_minutes_exact(people: &[Person]) -> f64 {
    people
        .iter()
        .filter(|p| p.is_active())
        .map(|p| f64::from(p.duration_minutes) * 7.0 / f64::from(p.cadence_days.max(1)))
        .sum()
}

/// Hours a week the 1:1s of `people` take, to a tenth (for JSON).
fn weekly_hours(people: &[Person]) -> f64 {
    // An empty float sum is -0.0; adding 0.0 makes it +0.0.
    (weekly_minutes_exact(people) / 60.0 * 10.0).round() / 10.0 + 0.0
}

/// Whole minutes a week the 1:1s of `people` take, for `hm`.
fn weekly_minutes(people: &[Person]) -> i64 {
    weekly_minutes_exact(people).round() as i64
}

pub async fn list(
    store: &dyn Store,
    include_archived: bool,
    privacy: Privacy,
) -> Result<PeopleList> {
    let mut everyone = store.people().await?;
    if privacy.includes() {
        store
            .private_notes(&crate::access::owner_key(), None)
            .await?
            .fill_people(&mut everyone);
    }
    let warnings = people::team_warnings(&everyone);
    Ok(PeopleList {
        one_on_one_hours_per_week: weekly_hours(&everyone),
        one_on_one_minutes_per_week: weekly_minutes(&everyone),
        people: everyone
            .into_iter()
            .filter(|p| include_archived || p.is_active())
            .map(|p| privacy.apply(p))
            .collect(),
        warnings,
        private_included: privacy.includes(),
    })
}

/// One line of the people overview.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub person: Person,
    pub last_met: Option<Date>,
    pub next: Option<fulcrum_core::people::OneOnOne>,
    pub overdue_days: Option<i64>,
    pub open_actions: usize,
    pub agenda_items: usize,
    pub positive: usize,
    pub constructive: usize,
    pub days_since_positive: Option<i64>,
    pub active_delegations: usize,
    pub contact_overdue_days: Option<i64>,
    pub energy: Option<u8>,
    pub energy_direction: observations::Direction,
    pub signals: usize,
}

/// The people page: everyone active with where things stand, what the team's shape says, and
/// attendees not yet among them.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub rows: Vec<PersonRow>,
    pub warnings: Vec<String>,
    pub one_on_one_hours_per_week: f64,
    pub one_on_one_minutes_per_week: i64,
    pub suggestions: Vec<Suggestion>,
}

pub async fn overview(store: &dyn Store, now: Timestamp) -> Result<Overview> {
    let r = Records::load(store, now).await?;
    let mut warnings = people::team_warnings(&r.people);
    let mut quiet = Vec::new();
    let mut attention = Vec::new();
    let rows: Vec<PersonRow> = r
        .active()
        .map(|p| {
            let o = r.one_on_ones(p);
            let notes = r.notes_of(p.id);
            let items = r.items_of(p.id);
            if p.relation == Relation::Report {
                quiet.push((notes.len(), one_on_one::quiet_streak(&notes, &items)));
                let since = time::add_days(r.today, -90);
                let given = r
                    .feedback
                    .iter()
                    .filter(|f| {
                        f.person_id == Some(p.id) && f.delivered_on.is_some_and(|d| d >= since)
                    })
                    .count();
                attention.push((p.first_name().to_string(), given));
            }
            let agenda = one_on_one::agenda(&items, &notes);
            let balance = r.balance(p);
            let trend = r.trend(p);
            PersonRow {
                last_met: o.last_met,
                next: o.next.clone(),
                overdue_days: o.overdue_days,
                open_actions: agenda.actions.len(),
                agenda_items: agenda.theirs.len() + agenda.mine.len(),
                positive: balance.positive,
                constructive: balance.constructive,
                days_since_positive: balance.days_since_positive,
                active_delegations: r
                    .delegations
                    .iter()
                    .filter(|d| d.person_id == p.id && d.is_open())
                    .count(),
                contact_overdue_days: r.contact(p).overdue_days,
                energy: trend.latest,
                energy_direction: trend.direction,
                signals: r.signals(p, &o).len(),
                person: Privacy::Hide.apply(p.clone()),
            }
        })
        .collect();
    if one_on_one::team_is_quiet(&quiet) {
        warnings.push(
            "Most of your reports bring nothing to their 1:1s. When it is the whole team, look at \
             how the 1:1s are run: agree on what they are for, ask people to add topics \
             beforehand, and keep them consistent."
                .into(),
        );
    }
    warnings.extend(fulcrum_core::feedback::uneven_attention(&attention));
    Ok(Overview {
        one_on_one_hours_per_week: weekly_hours(&r.people),
        one_on_one_minutes_per_week: weekly_minutes(&r.people),
        suggestions: suggest_from(&r),
        rows,
        warnings,
    })
}

/// Someone from the calendar who is not yet among the user's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub email: String,
    /// A name guessed from the address (`priya.nair@…` → Priya Nair).
    pub name: String,
    /// Meetings together in the last 90 days.
    pub meetings: usize,
    /// Of those, meetings with only the two of you.
    pub alone: usize,
    pub last_seen: Date,
}

/// Suggestions look at this many days of the calendar.
pub const SUGGESTION_DAYS: i64 = 90;

fn guess_name(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or(email)
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn suggest_from(r: &Records) -> Vec<Suggestion> {
    let since = time::add_days(r.today, -SUGGESTION_DAYS);
    let known: Vec<&str> = r
        .people
        .iter()
        .flat_map(|p| p.emails.iter().map(String::as_str))
        .collect();
    let mut seen: BTreeMap<String, Suggestion> = BTreeMap::new();
    for m in r.meetings.iter().filter(|m| m.start <= r.now) {
        let day = time::local_date(m.start, &r.tz);
        if day < since || m.status.eq_ignore_ascii_case("cancelled") {
            continue;
        }
        let others: Vec<&String> = m.attendees.iter().filter(|a| !r.profile.is_me(a)).collect();
        for a in &others {
            if known.contains(&a.as_str()) || people::is_role_address(a) {
                continue;
            }
            let s = seen.entry(a.to_string()).or_insert_with(|| Suggestion {
                email: a.to_string(),
                name: guess_name(a),
                meetings: 0,
                alone: 0,
                last_seen: day,
            });
            s.meetings += 1;
            s.alone += usize::from(others.len() == 1);
            s.last_seen = s.last_seen.max(day);
        }
    }
    let mut out: Vec<Suggestion> = seen.into_values().filter(|s| s.meetings >= 2).collect();
    out.sort_by(|a, b| {
        (b.alone, b.meetings)
            .cmp(&(a.alone, a.meetings))
            .then_with(|| a.email.cmp(&b.email))
    });
    out.truncate(20);
    out
}

/// Calendar attendees of the last 90 days who are not yet people, those met alone first; role
/// and resource addresses (`recruiting@`, `noreply@`, rooms) are left out.
pub async fn suggestions(store: &dyn Store, now: Timestamp) -> Result<Vec<Suggestion>> {
    Ok(suggest_from(&Records::load(store, now).await?))
}

/// One person's records, with their private notes when `privacy` asks for them.
async fn person_records(
    store: &dyn Store,
    id: i64,
    now: Timestamp,
    privacy: Privacy,
) -> Result<Records> {
    Records::load_person(store, now, id, None)
        .await?
        .with_private(store, privacy)
        .await
}

/// Everything about one person; private notes only when asked for.
pub async fn page(
    store: &dyn Store,
    id: i64,
    now: Timestamp,
    privacy: Privacy,
) -> Result<PersonPage> {
    let r = person_records(store, id, now, privacy).await?;
    let p = r.person(id)?.clone();
    Ok(r.page(&p, privacy))
}

/// One person's 1:1s over the last 180 days and the next 60.
pub async fn one_on_ones(
    store: &dyn Store,
    person_id: i64,
    now: Timestamp,
    privacy: Privacy,
) -> Result<PersonOneOnOnes> {
    let r = person_records(store, person_id, now, privacy).await?;
    Ok(privacy.apply(r.one_on_ones(r.person(person_id)?)))
}

/// Every active person's 1:1s, in the order they were added.
pub async fn all_one_on_ones(
    store: &dyn Store,
    now: Timestamp,
    privacy: Privacy,
) -> Result<Vec<PersonOneOnOnes>> {
    let r = Records::load(store, now)
        .await?
        .with_private(store, privacy)
        .await?;
    Ok(r.active()
        .map(|p| privacy.apply(r.one_on_ones(p)))
        .collect())
}

/// Active people whose 1:1 is overdue, most overdue first.
pub async fn overdue_list(store: &dyn Store, now: Timestamp) -> Result<Vec<PersonOneOnOnes>> {
    let mut late: Vec<PersonOneOnOnes> = all_one_on_ones(store, now, Privacy::Hide)
        .await?
        .into_iter()
        .filter(|p| p.overdue_days.is_some())
        .collect();
    late.sort_by_key(|p| std::cmp::Reverse(p.overdue_days));
    Ok(late)
}

pub struct NewObservation {
    pub person_id: i64,
    pub energy: u8,
    pub context: Context,
    pub note: Option<String>,
    /// `None`: today.
    pub on: Option<Date>,
}

/// Notes how someone seemed, 1 (drained) to 5 (energised).
pub async fn observe(store: &dyn Store, o: NewObservation, now: Timestamp) -> Result<Observation> {
    let today = profile::today(store, now).await?;
    find(store, o.person_id).await?;
    if !(observations::MIN_ENERGY..=observations::MAX_ENERGY).contains(&o.energy) {
        return Err(AppError::invalid(
            "--energy",
            format!(
                "energy {} is outside 1-5: 1 is drained or low, 3 as usual, 5 energised",
                o.energy
            ),
        ));
    }
    let on = o.on.unwrap_or(today);
    if on > today {
        return Err(AppError::invalid(
            "--on",
            format!("{on} is in the future: note what you saw, after you saw it"),
        ));
    }
    Ok(store
        .add_observation(&Observation {
            id: 0,
            person_id: o.person_id,
            on,
            energy: o.energy,
            context: o.context,
            note: non_empty(o.note),
        })
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_guessed_from_addresses() {
        assert_eq!(guess_name("priya.nair@example.com"), "Priya Nair");
        assert_eq!(guess_name("sre-lead@example.com"), "Sre Lead");
        assert_eq!(guess_name("kim@example.com"), "Kim");
    }

    #[test]
    fn lists_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            clean_list(&["postgres, Payments".into(), "payments".into(), " ".into()]),
            ["postgres", "Payments"]
        );
    }

    fn named(id: i64, name: &str) -> Person {
        Person {
            id,
            name: name.into(),
            ..person(14, 30)
        }
    }

    #[test]
    fn people_are_found_by_id_or_unique_name() {
        let people = [
            named(1, "Dana Levi"),
            named(2, "Dana Cho"),
            named(3, "Sam Okafor"),
        ];
        assert_eq!(resolve(&people, "3").unwrap().unwrap().id, 3);
        assert_eq!(resolve(&people, "sam").unwrap().unwrap().id, 3);
        assert_eq!(resolve(&people, "dana levi").unwrap().unwrap().id, 1);
        let err = resolve(&people, "Dana").unwrap_err().to_string();
        assert!(err.contains("Dana Levi (id 1) or Dana Cho (id 2)"), "{err}");
        assert_eq!(resolve(&people, "The platform team").unwrap(), None);
        assert!(resolve(&people, "99").is_err());
    }

    #[test]
    fn archived_people_are_found_by_name_after_active_ones() {
        let archived = |id, name: &str| Person {
            archived: true,
            ..named(id, name)
        };
        let people = [archived(1, "Kim Park"), named(2, "Sam Okafor")];
        assert_eq!(resolve(&people, "Kim").unwrap().unwrap().id, 1);
        assert_eq!(resolve(&people, "kim park").unwrap().unwrap().id, 1);
        let people = [archived(1, "Kim Park"), named(2, "Kim Lee")];
        assert_eq!(resolve(&people, "Kim").unwrap().unwrap().id, 2);
        assert_eq!(resolve(&people, "Kim Park").unwrap().unwrap().id, 1);
        assert_eq!(
            resolve_in(&people, "Kim", Prefer::Archived)
                .unwrap()
                .unwrap()
                .id,
            1
        );
        let people = [archived(1, "Kim Park"), archived(2, "Kim Lee")];
        let err = resolve(&people, "kim").unwrap_err().to_string();
        assert!(
            err.contains("Kim Park (id 1, archived) or Kim Lee (id 2, archived)"),
            "{err}"
        );
    }

    #[test]
    fn full_names_and_addresses_come_before_first_names() {
        let mut kim = named(1, "Kim");
        kim.emails = vec!["kim@example.com".into()];
        let people = [kim, named(2, "Kim Park")];
        assert_eq!(resolve(&people, "Kim").unwrap().unwrap().id, 1);
        assert_eq!(resolve(&people, "KIM@example.com").unwrap().unwrap().id, 1);
    }

    fn person(cadence: u32, minutes: u32) -> Person {
        Person {
            cadence_days: cadence,
            duration_minutes: minutes,
            ..Person::new(1, "P", &[], Relation::Report)
        }
    }

    #[test]
    fn weekly_one_on_one_load() {
        let p = person;
        // Eight people every two weeks for 30 minutes: two hours a week.
        let team: Vec<Person> = (0..8).map(|_| p(14, 30)).collect();
        assert_eq!(weekly_hours(&team), 2.0);
        assert_eq!(weekly_hours(&[p(7, 45)]), 0.8);
        assert_eq!(weekly_minutes(&team), 120);
        assert_eq!(weekly_minutes(&[p(7, 45)]), 45);
        assert_eq!(weekly_minutes(&[]), 0);
    }
}
