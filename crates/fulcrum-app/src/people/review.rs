//! Markdown about a person: review preparation over a period (their 1:1s, the feedback they
//! got, what was delegated to them and how it went) and a summary of their page. Private
//! notes appear only when asked for.

use super::{PersonPage, Records};
use crate::error::{AppError, Result};
use crate::markdown::plural;
use fulcrum_core::delegation::{Delegation, Status};
use fulcrum_core::feedback::{Balance, Direction, Feedback, Polarity};
use fulcrum_core::one_on_one::Topic;
use fulcrum_core::people::{OneOnOneState, Person};
use fulcrum_core::privacy::Privacy;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

fn sbi(f: &Feedback) -> String {
    let mut s = format!("{}: {}", f.situation.trim(), f.behaviour.trim());
    if !f.impact.trim().is_empty() {
        let _ = write!(s, " — {}", f.impact.trim());
    }
    s
}

fn in_period(d: Date, from: Date, to: Date) -> bool {
    d >= from && d < to
}

fn delegation_line(d: &Delegation) -> String {
    let mut s = format!("- **{}** ({}, {})", d.title, d.style, d.status);
    if let Some(o) = d.outcome {
        let _ = write!(s, ": outcome {o}");
    }
    if let Some(m) = &d.expectations.measurable {
        let _ = write!(s, "\n  - Measured by: {m}");
    }
    for (label, v) in [
        ("What worked", &d.follow_up.what_worked),
        ("Challenges", &d.follow_up.challenges),
        ("Next time", &d.follow_up.do_better),
        ("Their view of your support", &d.follow_up.their_feedback),
    ] {
        if let Some(v) = v {
            let _ = write!(s, "\n  - {label}: {v}");
        }
    }
    s
}

/// The period a review looks at when none is given: the year up to and including `today`,
/// or the year before `to`. `to` is exclusive.
pub fn period(from: Option<Date>, to: Option<Date>, today: Date) -> (Date, Date) {
    let to = to.unwrap_or_else(|| fulcrum_core::time::add_days(today, 1));
    (
        from.unwrap_or_else(|| fulcrum_core::time::add_days(to, -365)),
        to,
    )
}

/// Review preparation for one person over `[from, to)`, from the period's 1:1s, feedback
/// and delegations.
pub async fn review_prep(
    store: &dyn Store,
    person_id: i64,
    from: Date,
    to: Date,
    now: Timestamp,
    privacy: Privacy,
) -> Result<String> {
    if to <= from {
        return Err(AppError::invalid(
            "--to",
            format!("the period {from} – {to} is empty: --to is the day after the last day"),
        ));
    }
    let r = Records::load_since(store, now, Some(from))
        .await?
        .with_private(store, privacy)
        .await?;
    let p = r.person(person_id)?.clone();
    let o = privacy.apply(r.one_on_ones(&p));
    let mut s = format!("# Review preparation: {}\n\n", p.name);
    let _ = writeln!(
        s,
        "Period {from} to {to} (exclusive) · {}{}\n",
        p.relation,
        team_part(&p)
    );

    s.push_str("## 1:1s\n\n");
    let entries: Vec<_> = o
        .history
        .iter()
        .filter(|e| in_period(e.on, from, to))
        .collect();
    let count = |st: OneOnOneState| {
        entries
            .iter()
            .filter(|e| e.meeting.as_ref().is_some_and(|m| m.state == st))
            .count()
    };
    let logged = entries.iter().filter(|e| e.note.is_some()).count();
    let _ = writeln!(
        s,
        "{} held, {} moved, {} cancelled, {} declined in the calendar; {logged} with notes.\n",
        count(OneOnOneState::Held),
        count(OneOnOneState::Moved),
        count(OneOnOneState::Cancelled),
        count(OneOnOneState::Declined),
    );
    let notes: Vec<_> = entries.iter().filter_map(|e| e.note.as_ref()).collect();
    let mut topics: Vec<(Topic, usize)> = Topic::ALL
        .iter()
        .map(|t| (*t, notes.iter().filter(|n| n.topics.contains(t)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    topics.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    if !topics.is_empty() {
        let list: Vec<String> = topics
            .iter()
            .map(|(t, n)| format!("{} ×{n}", t.label()))
            .collect();
        let _ = writeln!(s, "Themes: {}.\n", list.join(", "));
    }
    for n in &notes {
        if let Some(shared) = &n.shared_notes {
            let _ = writeln!(s, "- {}: {}", n.held_on, shared.trim());
        }
        if let Some(private) = &n.private_notes {
            let _ = writeln!(s, "  - Private: {}", private.trim());
        }
    }
    if !notes.is_empty() {
        s.push('\n');
    }

    let given: Vec<&Feedback> = r
        .feedback
        .iter()
        .filter(|f| f.person_id == Some(p.id) && f.direction == Direction::Given)
        .filter(|f| f.delivered_on.is_some_and(|d| in_period(d, from, to)))
        .collect();
    for (title, polarity) in [
        ("Positive feedback given", Polarity::Positive),
        ("Constructive feedback given", Polarity::Constructive),
    ] {
        let these: Vec<&&Feedback> = given
            .iter()
            .filter(|f| f.polarity == Some(polarity))
            .collect();
        let _ = writeln!(s, "## {title} ({})\n", these.len());
        if these.is_empty() {
            s.push_str("None in this period.\n\n");
            continue;
        }
        for f in these {
            let _ = writeln!(s, "- {} — {}", f.delivered_on.unwrap_or(f.event_on), sbi(f));
            if polarity == Polarity::Constructive {
                match (&f.followed_up_on, &f.follow_up_note) {
                    (Some(d), note) => {
                        let _ = writeln!(
                            s,
                            "  - Followed up {d}{}",
                            note.as_deref()
                                .map_or_else(String::new, |n| format!(": {n}"))
                        );
                    }
                    (None, _) => s.push_str("  - Not followed up yet.\n"),
                }
            }
        }
        s.push('\n');
    }

    let delegated: Vec<&Delegation> = r
        .delegations
        .iter()
        .filter(|d| d.person_id == p.id && d.status != Status::Cancelled)
        .filter(|d| in_period(d.handed_over_on.unwrap_or(d.created_on), from, to))
        .collect();
    let _ = writeln!(
        s,
        "## Delegated to {} ({})\n",
        p.first_name(),
        delegated.len()
    );
    if delegated.is_empty() {
        s.push_str("Nothing in this period.\n");
    }
    for d in &delegated {
        let _ = writeln!(s, "{}", delegation_line(d));
    }
    s.push('\n');

    if let Some(n) = &privacy.apply(p.clone()).private_notes {
        let _ = writeln!(s, "## Your private notes\n\n{}\n", n.trim());
    }
    if !p.growth_goals.is_empty() {
        s.push_str("## Growth goals\n\n");
        for g in &p.growth_goals {
            let _ = writeln!(s, "- {g}");
        }
        s.push('\n');
    }
    let energy: Vec<u8> = r
        .observations
        .iter()
        .filter(|x| x.person_id == p.id && in_period(x.on, from, to))
        .map(|x| x.energy)
        .collect();
    if !energy.is_empty() {
        let avg = energy.iter().map(|e| f64::from(*e)).sum::<f64>() / energy.len() as f64;
        let _ = writeln!(
            s,
            "## Energy\n\n{}, {avg:.1} on average (1–5).\n",
            plural(energy.len(), "observation", "observations")
        );
    }
    s.push_str("## To prepare\n\n");
    for q in [
        "Which examples above best show their impact, and which show where to grow?",
        "What do they expect from this review, and does it match what you can give?",
        "Which growth goal should the next period's plan be built around?",
    ] {
        let _ = writeln!(s, "- {q}");
    }
    Ok(s)
}

/// " · Payments" after the relation of someone on a team, nothing for anyone else.
fn team_part(p: &Person) -> String {
    p.team
        .as_deref()
        .map_or_else(String::new, |t| format!(" · {t}"))
}

/// What the lead keeps about someone, as labelled texts in the order a page shows them:
/// interests, what they know, growth goals, working style, how they like feedback and the
/// private notes (when not hidden), each only when there is something to say.
pub fn about(p: &Person) -> Vec<(&'static str, String)> {
    let lists = [
        ("Interests", &p.interests),
        ("Knows", &p.knowledge),
        ("Growth goals", &p.growth_goals),
    ];
    let mut out: Vec<(&'static str, String)> = lists
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(label, list)| (label, list.join(", ")))
        .collect();
    let texts = [
        ("Working style", p.working_style.map(|w| w.to_string())),
        ("Likes feedback", p.feedback_style.clone()),
        ("Private notes", p.private_notes.clone()),
    ];
    out.extend(texts.into_iter().filter_map(|(label, t)| Some((label, t?))));
    out
}

/// "; last positive 12 days ago", to follow the counts of feedback given; nothing when no
/// praise was ever given.
pub fn last_positive(b: &Balance) -> String {
    b.days_since_positive.map_or_else(String::new, |d| {
        format!("; last positive {} ago", plural(d, "day", "days"))
    })
}

/// A person's page as Markdown, times in `tz`.
pub fn page_markdown(page: &PersonPage, tz: &jiff::tz::TimeZone) -> String {
    let p = &page.person;
    let mut s = format!("# {}\n\n", p.name);
    let _ = writeln!(
        s,
        "{}{} · 1:1 every {}, {} · {}\n",
        p.relation,
        team_part(p),
        plural(p.cadence_days, "day", "days"),
        plural(p.duration_minutes, "minute", "minutes"),
        p.emails.join(", ")
    );
    for (label, text) in about(p) {
        let _ = writeln!(s, "- {label}: {text}");
    }
    s.push('\n');
    if !page.signals.is_empty() {
        s.push_str("## Needs attention\n\n");
        for x in &page.signals {
            let _ = writeln!(s, "- {x}");
        }
        s.push('\n');
    }
    s.push_str("## Next 1:1\n\n");
    match &page.one_on_ones.next {
        Some(n) => {
            let at = tz.to_datetime(n.start).strftime("%Y-%m-%d %H:%M");
            let _ = writeln!(s, "{at} — {}\n", n.title);
        }
        None => s.push_str("Nothing booked.\n\n"),
    }
    for (label, items) in [
        ("Their topics", &page.agenda.theirs),
        ("Your topics", &page.agenda.mine),
    ] {
        for i in items {
            let _ = writeln!(s, "- {label}: {}", i.text);
        }
    }
    for a in &page.agenda.actions {
        let _ = writeln!(
            s,
            "- Action ({}): {}{}",
            a.item.owner,
            a.item.text,
            if a.carried > 0 {
                format!(" — carried {}", plural(a.carried, "time", "times"))
            } else {
                String::new()
            }
        );
    }
    if let Some(sug) = &page.topics.suggestion {
        let _ = writeln!(s, "\n{}", sug.why);
        for q in &sug.prompts {
            let _ = writeln!(s, "- {q}");
        }
    }
    s.push_str("\n## 1:1 history\n\n");
    let past = page.one_on_ones.history.iter().filter(|e| {
        e.meeting
            .as_ref()
            .is_none_or(|m| m.state != OneOnOneState::Upcoming)
    });
    for e in past.rev().take(12) {
        let state = e.meeting.as_ref().map_or("logged", |m| m.state.as_str());
        let _ = write!(s, "- {} {state}", e.on);
        if let Some(n) = &e.note {
            if let Some(shared) = &n.shared_notes {
                let _ = write!(s, ": {}", shared.trim());
            }
            if let Some(private) = &n.private_notes {
                let _ = write!(s, " (private: {})", private.trim());
            }
        }
        s.push('\n');
    }
    let b = &page.balance;
    let _ = writeln!(
        s,
        "\n## Feedback\n\n{} positive, {} constructive given{}.",
        b.positive,
        b.constructive,
        last_positive(b)
    );
    if !page.delegations.is_empty() {
        s.push_str("\n## Delegations\n\n");
        for d in &page.delegations {
            let _ = writeln!(s, "{}", delegation_line(d));
        }
    }
    s
}
