//! Turning what the store holds (calendar occurrences, commits) into categorised activities.

use crate::error::Result;
use fulcrum_core::rules::{EventFacts, RuleSet};
use fulcrum_core::sessions;
use fulcrum_core::{Activity, ActivityKind, Category, Interval, Profile};
use fulcrum_store::{Store, StoredEvent};
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};

/// The rules whose match means the event is a 1:1.
const ONE_ON_ONE_RULES: [&str; 2] = ["1:1s", "manager 1:1"];
const HIRING_RULE: &str = "hiring";
/// The source shown for coding sessions, which may span several repositories.
pub const COMMITS_SOURCE: &str = "git commits";

/// Activities and commit instants of a span of time.
pub struct Loaded {
    pub activities: Vec<Activity>,
    pub commits: Vec<Timestamp>,
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
pub fn from_events(
    events: &[StoredEvent],
    source_names: &HashMap<i64, String>,
    profile: &Profile,
    rules: &RuleSet,
) -> Vec<Activity> {
    let mut seen: HashSet<(&str, &str, i64)> = HashSet::new();
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        if !counts_as_time(e, profile) || !seen.insert((&e.uid, &e.recurrence_id, e.start_at)) {
            continue;
        }
        let source = source_names.get(&e.source_id).map_or("", String::as_str);
        out.push(to_activity(e, source, rules));
    }
    out
}

pub fn to_activity(e: &StoredEvent, source: &str, rules: &RuleSet) -> Activity {
    let m = rules.categorise(&EventFacts {
        title: &e.title,
        others: e.others,
        attendee_emails: &e.attendees,
        organizer: e.organizer.as_deref(),
        calendar: source,
    });
    // A lead-category meeting with one other person is a 1:1 in all but name (mentoring, a
    // feedback session) — unless it is an interview, where the other person is a candidate.
    let one_on_one = ONE_ON_ONE_RULES.contains(&m.rule.as_str())
        || (e.others == 1 && m.category == Category::Lead && m.rule != HIRING_RULE);
    Activity {
        start: ts(e.start_at),
        end: ts(e.end_at),
        title: e.title.clone(),
        category: m.category,
        kind: if e.others > 0 {
            ActivityKind::Meeting
        } else {
            ActivityKind::Block
        },
        source: source.to_string(),
        rule: m.rule,
        others: e.others,
        one_on_one,
    }
}

fn ts(s: i64) -> Timestamp {
    Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH)
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
    let names: HashMap<i64, String> = store
        .sources()
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let events = store.events_between(a, b).await?;
    let mut activities = from_events(&events, &names, profile, rules);
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
        activities,
        commits: times
            .into_iter()
            .filter(|t| *t >= from && *t < to)
            .collect(),
    })
}
