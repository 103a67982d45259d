//! The tables of `fulcrum people list`, `suggest` and `show`.

use super::meetings::agenda_lines;
use fulcrum_app::markdown::{hm, plural};
use fulcrum_app::people::technical::Part;
use fulcrum_app::people::{self, PersonPage};
use fulcrum_core::people::{OneOnOne, Person};
use jiff::tz::TimeZone;
use std::fmt::Write as _;

pub(super) fn people_table(list: &people::PeopleList) -> String {
    let mut s = String::new();
    if list.people.is_empty() {
        s.push_str("Nobody yet: fulcrum people add NAME --email E --relation report\n");
    }
    for p in &list.people {
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<12} {:<14} every {:>2} d, {:>3} min  {}{}",
            p.id,
            p.name,
            p.relation,
            p.team.as_deref().unwrap_or("-"),
            p.cadence_days,
            p.duration_minutes,
            p.emails.join(", "),
            if p.archived { "  (archived)" } else { "" }
        );
        if let Some(n) = &p.private_notes {
            let _ = writeln!(s, "      private: {n}");
        }
    }
    if list.one_on_one_minutes_per_week > 0 {
        let _ = writeln!(
            s,
            "\n1:1s take {} a week at these cadences.",
            hm(list.one_on_one_minutes_per_week)
        );
    }
    for w in &list.warnings {
        let _ = writeln!(s, "\nWarning: {w}");
    }
    s
}

pub(super) fn suggestions_table(list: &[people::Suggestion]) -> String {
    if list.is_empty() {
        return "No one new in your calendar's last 90 days.\n".into();
    }
    let mut s = format!(
        "{:<32} {:<20} {:>8} {:>6}  last seen\n",
        "e-mail", "name (guessed)", "meetings", "alone"
    );
    for x in list {
        let _ = writeln!(
            s,
            "{:<32} {:<20} {:>8} {:>6}  {}",
            x.email, x.name, x.meetings, x.alone, x.last_seen
        );
    }
    s.push_str("\nAdd one with: fulcrum people add \"NAME\" --email E --relation report|peer|stakeholder|…\n");
    s
}

pub(super) fn when(o: Option<&OneOnOne>, tz: &TimeZone) -> String {
    o.map_or_else(
        || "-".into(),
        |o| {
            tz.to_datetime(o.start)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

fn section(s: &mut String, title: &str) {
    let _ = writeln!(s, "\n{title}");
}

/// The technical records the person has a part in, under a heading; nothing without any.
pub(super) fn technical_lines(parts: &[Part]) -> String {
    let mut s = String::new();
    if parts.is_empty() {
        return s;
    }
    section(&mut s, "Technical work");
    for p in parts {
        let _ = writeln!(s, "  {} {} ({}): {}", p.kind.word(), p.id, p.role, p.title);
    }
    s
}

/// The same list as a Markdown section, for `people show --format markdown`.
pub(super) fn technical_markdown(parts: &[Part]) -> String {
    let mut s = String::new();
    if parts.is_empty() {
        return s;
    }
    s.push_str("\n## Technical work\n\n");
    for p in parts {
        let _ = writeln!(s, "- {} {} ({}): {}", p.kind.word(), p.id, p.role, p.title);
    }
    s
}

pub(super) fn page_table(page: &PersonPage, tz: &TimeZone) -> String {
    let p: &Person = &page.person;
    let mut s = format!(
        "{} (id {}) — {}{} · 1:1 every {}, {} min · {}\n",
        p.name,
        p.id,
        p.relation,
        p.team
            .as_deref()
            .map_or_else(String::new, |t| format!(", {t}")),
        plural(p.cadence_days, "day", "days"),
        p.duration_minutes,
        p.emails.join(", ")
    );
    for (label, list) in [
        ("interests", &p.interests),
        ("knows", &p.knowledge),
        ("growth goals", &p.growth_goals),
    ] {
        if !list.is_empty() {
            let _ = writeln!(s, "  {label}: {}", list.join(", "));
        }
    }
    if let Some(w) = p.working_style {
        let _ = writeln!(s, "  working style: {w}");
    }
    if let Some(f) = &p.feedback_style {
        let _ = writeln!(s, "  likes feedback: {f}");
    }
    match &p.private_notes {
        Some(n) => {
            let _ = writeln!(s, "  private notes: {n}");
        }
        None if !page.private_included => {
            s.push_str("  (private notes hidden: --include-private shows them)\n");
        }
        None => {}
    }
    if !page.signals.is_empty() {
        section(&mut s, "Needs attention");
        for x in &page.signals {
            let _ = writeln!(s, "  • {x}");
        }
    }
    let o = &page.one_on_ones;
    section(&mut s, "Next 1:1");
    let _ = writeln!(
        s,
        "  {}   last met {}",
        when(o.next.as_ref(), tz),
        o.last_met.map_or_else(|| "never".into(), |d| d.to_string())
    );
    agenda_lines(&mut s, &page.agenda, &page.topics);
    section(&mut s, "Recent 1:1s");
    let past = o.history.iter().filter(|e| {
        e.meeting
            .as_ref()
            .is_none_or(|m| m.state != fulcrum_core::people::OneOnOneState::Upcoming)
    });
    for e in past.rev().take(8) {
        let _ = write!(
            s,
            "  {}  {:<10}",
            e.on,
            e.meeting.as_ref().map_or("logged", |m| m.state.as_str())
        );
        if let Some(n) = &e.note {
            let topics: Vec<&str> = n.topics.iter().map(|t| t.as_str()).collect();
            if !topics.is_empty() {
                let _ = write!(s, " [{}]", topics.join(", "));
            }
            if let Some(t) = &n.shared_notes {
                let _ = write!(s, " {t}");
            }
            if let Some(t) = &n.private_notes {
                let _ = write!(s, " (private: {t})");
            }
        }
        s.push('\n');
    }
    let b = &page.balance;
    section(&mut s, "Feedback you gave");
    let _ = writeln!(
        s,
        "  {} positive, {} constructive{}{}",
        b.positive,
        b.constructive,
        b.days_since_positive.map_or_else(String::new, |d| format!(
            "; last positive {} ago",
            plural(d, "day", "days")
        )),
        if b.waiting > 0 {
            format!("; {} waiting to be delivered", b.waiting)
        } else {
            String::new()
        }
    );
    let t = &page.trend;
    if let Some(latest) = t.latest {
        section(&mut s, "Energy");
        let _ = writeln!(
            s,
            "  latest {latest}/5, {} ({})",
            t.direction,
            plural(t.points.len(), "observation", "observations")
        );
    }
    if !page.delegations.is_empty() {
        section(&mut s, "Delegations");
        for d in &page.delegations {
            let _ = writeln!(
                s,
                "  [{}] {} — {}, {}{}",
                d.id,
                d.title,
                d.style,
                d.status,
                d.outcome.map_or_else(String::new, |o| format!(", {o}"))
            );
        }
        let _ = writeln!(
            s,
            "  next style: {} — {}",
            page.style.suggested, page.style.why
        );
    }
    let c = &page.contact;
    section(&mut s, "Contact");
    let _ = writeln!(
        s,
        "  last {} ({}), wanted every {}{}",
        c.last_contact
            .map_or_else(|| "never".into(), |d| d.to_string()),
        c.source.map_or("-", |x| x.as_str()),
        plural(c.cadence_days, "day", "days"),
        c.overdue_days.map_or_else(String::new, |d| format!(
            " — due ({} over)",
            plural(d, "day", "days")
        ))
    );
    for cm in page.commitments.iter().filter(|c| c.is_open()) {
        let _ = writeln!(s, "  promised: {} by {}", cm.what, cm.due);
    }
    if let Some(on) = &page.onboarding {
        section(&mut s, "Onboarding");
        let _ = writeln!(
            s,
            "  {}% ({} of {}){}",
            on.progress.percent,
            on.progress.done,
            plural(on.progress.total, "step", "steps"),
            on.progress
                .next
                .as_ref()
                .map_or_else(String::new, |n| format!("; next: {}", n.title))
        );
    }
    s
}
