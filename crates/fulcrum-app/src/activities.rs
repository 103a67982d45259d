//! Turning what the store holds (calendar occurrences, commits) into categorised activities.

use crate::error::Result;
use fulcrum_core::people::Directory;
use fulcrum_core::rules::{EventFacts, RuleSet};
use fulcrum_core::sessions;
use fulcrum_core::{Activity, ActivityKind, Interval, Profile, time};
use fulcrum_store::{Store, StoredEvent};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
/// The source shown for coding sessions, which may span several repositories.
pub const COMMITS_SOURCE: &str = "git commits";

/// Activities and commit instants of a span of time.
pub struct Loaded {
    pub activities: Vec<Activity>,
    pub commits: Vec<Timestamp>,
    /// All-day events, which are not time spent but may mark days away
    /// (`fulcrum_core::away`).
    pub all_day: Vec<fulcrum_core::away::AllDayEvent>,
}

/// Whether an occurrence is time the user spent: not cancelled, not declined, not an all-day
/// marker, and tentative only if the user counts tentative answers.
pub fn counts_as_time(e: &StoredEvent, profile: &Profile) -> bool {
    if e.all_day || e.status == "cancelled" || e.end_at <= e.start_at {
        return false;
    }
    match e.my_response.as_str() {
        "declined" => false,
        "tentative" => profile.count_tentative,
        _ => true,
    }
}

/// Categorises calendar occurrences. The same instance seen in two calendars counts once.
/// `people` (the people records and the user's addresses) decides which are 1:1s.
pub fn from_events(
    events: &[StoredEvent],
    source_names: &HashMap<i64, String>,
    profile: &Profile,
    rules: &RuleSet,
    people: &Directory<'_>,
) -> Vec<Activity> {
    let mut seen: HashSet<(&str, &str, i64)> = HashSet::new();
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        if !counts_as_time(e, profile) || !seen.insert((&e.uid, &e.recurrence_id, e.start_at)) {
            continue;
        }
        let source = source_names.get(&e.source_id).map_or("", String::as_str);
        out.push(to_activity(e, source, rules, people));
    }
    out
}

/// One occurrence as an activity. It is a 1:1 exactly when `one-on-ones` would list it for
/// someone in `people` (`Directory::one_on_one_with`, the one detection there is); the rules
/// then see who it is with, so the defaults file it as lead, or align for the user's manager.
pub fn to_activity(
    e: &StoredEvent,
    source: &str,
    rules: &RuleSet,
    people: &Directory<'_>,
) -> Activity {
    let with = people.one_on_one_with(&e.title, &e.attendees);
    // A 1:1 known from its title alone still had someone there.
    let others = if with.is_some() {
        e.others.max(1)
    } else {
        e.others
    };
    let m = rules.categorise(&EventFacts {
        title: &e.title,
        others,
        attendee_emails: &e.attendees,
        organizer: e.organizer.as_deref(),
        calendar: source,
        relations: people.relations(&e.attendees, with),
        one_on_one: with.map(|p| p.relation),
    });
    Activity {
        start: ts(e.start_at),
        end: ts(e.end_at),
        title: e.title.clone(),
        category: m.category,
        kind: if others > 0 {
            ActivityKind::Meeting
        } else {
            ActivityKind::Block
        },
        source: source.to_string(),
        rule: m.rule,
        others,
        one_on_one: with.is_some(),
    }
}

fn ts(s: i64) -> Timestamp {
    Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Each source's name by its id.
pub(crate) async fn source_names(store: &dyn Store) -> Result<HashMap<i64, String>> {
    Ok(store
        .sources()
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// Everything in `[from, to)`: calendar activities, then coding sessions filling the free time.
pub async fn load(
    store: &dyn Store,
    profile: &Profile,
    rules: &RuleSet,
    from: Timestamp,
    to: Timestamp,
) -> Result<Loaded> {
    // Sessions near the edges need the commits and meetings just outside the window.
    let pad = (profile.session_gap_minutes + profile.session_lead_minutes) * 60 + 86_400;
    let (a, b) = (from.as_second() - pad, to.as_second() + pad);
    let names = source_names(store).await?;
    let events = store.events_between(a, b).await?;
    let people = store.people().await?;
    let directory = Directory::new(&people, &profile.emails);
    let mut activities = from_events(&events, &names, profile, rules, &directory);
    let commits = store.commits_between(a, b).await?;
    let times: Vec<Timestamp> = commits.iter().map(|c| ts(c.author_at)).collect();
    let spans = sessions::sessions(
        &times,
        profile.session_gap_minutes,
        profile.session_lead_minutes,
    );
    let busy: Vec<Interval> = activities.iter().map(Activity::interval).collect();
    activities.extend(sessions::coding_activities(&spans, &busy, COMMITS_SOURCE));
    Ok(Loaded {
        all_day: crate::days_away::all_day_events(&events, &names, profile),
        activities,
        commits: times
            .into_iter()
            .filter(|t| *t >= from && *t < to)
            .collect(),
    })
}

/// The days (in the user's zone) with commits, per repository, from `from` to `to` (both
/// included), each pair once: what a streak of work on one codebase is read from.
pub async fn commit_days(store: &dyn Store, from: Date, to: Date) -> Result<Vec<(String, Date)>> {
    let profile = crate::profile::require(store).await?;
    let tz = profile.tz();
    let (a, b) = (
        time::day_start(from, &tz).as_second(),
        time::day_start(time::add_days(to, 1), &tz).as_second(),
    );
    let names = source_names(store).await?;
    let mut days: Vec<(String, Date)> = store
        .commits_between(a, b)
        .await?
        .iter()
        .filter(|c| c.author_at < b)
        .map(|c| {
            let repo = names
                .get(&c.source_id)
                .cloned()
                .unwrap_or_else(|| format!("source {}", c.source_id));
            (repo, time::local_date(ts(c.author_at), &tz))
        })
        .collect();
    days.sort();
    days.dedup();
    Ok(days)
}
