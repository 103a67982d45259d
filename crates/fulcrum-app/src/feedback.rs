//! Feedback: noting it as situation, behaviour and impact, delivering it while it matters,
//! following up on constructive feedback, the balance each person gets, and the lead's own
//! feedback ("my feedback") grouped by theme.

use crate::error::{AppError, Result};
use crate::lookup::{find, save};
use crate::people::{Records, non_empty};
use crate::profile::today;
use fulcrum_core::feedback::{
    self, Balance, Direction, Feedback, LintFinding, Polarity, ThemeGroup,
};
use fulcrum_core::people::Relation;
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::fmt::Write as _;

pub struct NewFeedback {
    pub person_id: Option<i64>,
    /// The other side when they are not among your people.
    pub who: Option<String>,
    pub direction: Direction,
    pub polarity: Option<Polarity>,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub theme: Option<String>,
    /// `None`: today.
    pub event_on: Option<Date>,
    /// `None`: not delivered yet (given), not answered yet (requested), today (received).
    pub delivered_on: Option<Date>,
    /// `None`: two weeks after delivery, for constructive feedback given.
    pub follow_up_due: Option<Date>,
}

/// A stored piece of feedback and what the lint found in it.
#[derive(Debug, Clone, Serialize)]
pub struct Noted {
    pub feedback: Feedback,
    pub lint: Vec<LintFinding>,
}

/// What the check finds to sharpen in `f` before it is delivered: only feedback given is
/// checked, so received and requested feedback find nothing.
pub fn lint_of(f: &Feedback) -> Vec<LintFinding> {
    if f.direction == Direction::Given {
        feedback::lint(f.polarity, &f.situation, &f.behaviour, &f.impact)
    } else {
        Vec::new()
    }
}

/// Stores a piece of feedback. What the lint finds is advice, returned with it, not a refusal.
pub async fn add(store: &dyn Store, new: NewFeedback, now: Timestamp) -> Result<Noted> {
    let r = Records::load(store, now).await?;
    if let Some(id) = new.person_id {
        r.person(id)?;
    }
    let who = non_empty(new.who);
    if new.person_id.is_none() && who.is_none() {
        return Err(AppError::invalid(
            "--person",
            "whose feedback is it? Name a person (--person ID) or someone else (--who NAME)",
        ));
    }
    let polarity = match (new.direction, new.polarity) {
        (Direction::Requested, p) => p,
        (_, Some(p)) => Some(p),
        (_, None) => {
            return Err(AppError::invalid(
                "--positive",
                "is it positive (reinforcing) or constructive (asking for a change)? Say \
                 --positive or --constructive",
            ));
        }
    };
    let situation = new.situation.trim().to_string();
    let behaviour = new.behaviour.trim().to_string();
    if new.direction != Direction::Requested && behaviour.is_empty() {
        return Err(AppError::invalid(
            "--behaviour",
            "say what they did or said (--behaviour): that is the feedback",
        ));
    }
    if new.direction == Direction::Requested && situation.is_empty() {
        return Err(AppError::invalid(
            "--situation",
            "say what you asked for feedback on (--situation), so the request is specific",
        ));
    }
    let event_on = new.event_on.unwrap_or(r.today);
    let delivered_on = match new.direction {
        Direction::Received => Some(new.delivered_on.unwrap_or(event_on)),
        _ => new.delivered_on,
    };
    for (what, d) in [
        ("it happened", Some(event_on)),
        ("it was delivered", delivered_on),
    ] {
        if let Some(d) = d.filter(|d| *d > r.today) {
            return Err(AppError::invalid(
                "--date",
                format!("{d} is still to come: note feedback once {what}"),
            ));
        }
    }
    if delivered_on.is_some_and(|d| d < event_on) {
        return Err(AppError::invalid(
            "--delivered",
            "it cannot be delivered before it happened: check --date and --delivered",
        ));
    }
    let f = Feedback {
        id: 0,
        person_id: new.person_id,
        who,
        direction: new.direction,
        polarity,
        situation,
        behaviour,
        impact: new.impact.trim().to_string(),
        theme: non_empty(new.theme).map(|t| t.to_lowercase()),
        event_on,
        delivered_on,
        follow_up_due: new
            .follow_up_due
            .or_else(|| follow_up_for(new.direction, polarity, delivered_on)),
        followed_up_on: None,
        follow_up_note: None,
    };
    let f = store.add_feedback(&f).await?;
    Ok(Noted {
        lint: lint_of(&f),
        feedback: f,
    })
}

fn follow_up_for(
    direction: Direction,
    polarity: Option<Polarity>,
    delivered: Option<Date>,
) -> Option<Date> {
    (direction == Direction::Given && polarity == Some(Polarity::Constructive))
        .then_some(delivered)
        .flatten()
        .map(feedback::default_follow_up)
}

/// Marks noted feedback as delivered (given) or answered (requested), on `on` or today.
pub async fn deliver(
    store: &dyn Store,
    id: i64,
    on: Option<Date>,
    now: Timestamp,
) -> Result<Feedback> {
    let today = today(store, now).await?;
    let mut f: Feedback = find(store, id).await?;
    let on = on.unwrap_or(today);
    if on > today || on < f.event_on {
        return Err(AppError::invalid(
            "--on",
            format!("{on} must lie between the event ({}) and today", f.event_on),
        ));
    }
    f.delivered_on = Some(on);
    if f.follow_up_due.is_none() {
        f.follow_up_due = follow_up_for(f.direction, f.polarity, f.delivered_on);
    }
    save(store, f).await
}

/// Records the follow-up on constructive feedback: what has happened since.
pub async fn follow_up(
    store: &dyn Store,
    id: i64,
    note: Option<String>,
    now: Timestamp,
) -> Result<Feedback> {
    let today = today(store, now).await?;
    let mut f: Feedback = find(store, id).await?;
    if f.delivered_on.is_none() {
        return Err(AppError::conflict(
            "undelivered feedback",
            format!("feedback {id} has not been delivered yet: deliver it first"),
        ));
    }
    f.followed_up_on = Some(today);
    f.follow_up_note = non_empty(note);
    save(store, f).await
}

/// Which feedback to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub person_id: Option<i64>,
    pub direction: Option<Direction>,
    /// Event on or after.
    pub from: Option<Date>,
    /// Event before.
    pub to: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub feedback: Feedback,
    /// The person's name, or who it was.
    pub name: Option<String>,
    pub delay_days: Option<i64>,
    pub timely: Option<bool>,
    pub lint: Vec<LintFinding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NamedBalance {
    pub name: String,
    #[serde(flatten)]
    pub balance: Balance,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedbackView {
    /// Newest first.
    pub items: Vec<Line>,
    /// For each active report, and anyone else who got feedback.
    pub balances: Vec<NamedBalance>,
    /// Constructive feedback whose follow-up date has come.
    pub follow_ups_due: Vec<Line>,
    /// Observations waiting too long to be delivered.
    pub waiting: Vec<Line>,
    pub warnings: Vec<String>,
}

fn line(r: &Records, f: &Feedback) -> Line {
    Line {
        name: r.name_of(f.person_id).or_else(|| f.who.clone()),
        delay_days: f.delay_days(),
        timely: f.is_timely(),
        lint: lint_of(f),
        feedback: f.clone(),
    }
}

pub async fn list(store: &dyn Store, filter: Filter, now: Timestamp) -> Result<FeedbackView> {
    let r = Records::load(store, now).await?;
    if let Some(id) = filter.person_id {
        r.person(id)?;
    }
    let mut items: Vec<Line> = r
        .feedback
        .iter()
        .filter(|f| filter.person_id.is_none() || f.person_id == filter.person_id)
        .filter(|f| filter.direction.is_none_or(|d| f.direction == d))
        .filter(|f| filter.from.is_none_or(|d| f.event_on >= d))
        .filter(|f| filter.to.is_none_or(|d| f.event_on < d))
        .map(|f| line(&r, f))
        .collect();
    items.sort_by_key(|l| std::cmp::Reverse((l.feedback.event_on, l.feedback.id)));
    let balances: Vec<NamedBalance> = r
        .active()
        .filter(|p| filter.person_id.is_none_or(|id| p.id == id))
        .filter(|p| {
            p.relation == Relation::Report
                || r.feedback
                    .iter()
                    .any(|f| f.person_id == Some(p.id) && f.direction == Direction::Given)
        })
        .map(|p| NamedBalance {
            name: p.name.clone(),
            balance: r.balance(p),
        })
        .collect();
    let follow_ups_due = r
        .feedback
        .iter()
        .filter(|f| f.follow_up_overdue(r.today).is_some_and(|d| d >= 0))
        .map(|f| line(&r, f))
        .collect();
    let waiting = r
        .feedback
        .iter()
        .filter(|f| f.is_stale(r.today))
        .map(|f| line(&r, f))
        .collect();
    let since = time::add_days(r.today, -90);
    let attention: Vec<(String, usize)> = r
        .active()
        .filter(|p| p.relation == Relation::Report)
        .map(|p| {
            let n = r
                .feedback
                .iter()
                .filter(|f| f.person_id == Some(p.id) && f.direction == Direction::Given)
                .filter(|f| f.delivered_on.is_some_and(|d| d >= since))
                .count();
            (p.first_name().to_string(), n)
        })
        .collect();
    let mut warnings: Vec<String> = balances
        .iter()
        .flat_map(|b| b.balance.warnings.clone())
        .collect();
    warnings.extend(feedback::uneven_attention(&attention));
    Ok(FeedbackView {
        items,
        balances,
        follow_ups_due,
        waiting,
        warnings,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct MyFeedback {
    pub themes: Vec<ThemeGroup>,
    /// Requests still waiting for an answer.
    pub open_requests: Vec<Line>,
}

/// What others told the lead, by theme, and the requests still open.
pub async fn mine(store: &dyn Store, now: Timestamp) -> Result<MyFeedback> {
    let r = Records::load(store, now).await?;
    Ok(MyFeedback {
        themes: feedback::my_feedback(&r.feedback),
        open_requests: r
            .feedback
            .iter()
            .filter(|f| f.direction == Direction::Requested && f.delivered_on.is_none())
            .map(|f| line(&r, f))
            .collect(),
    })
}

/// "My feedback" as Markdown, a document to reread before a review.
pub fn mine_markdown(m: &MyFeedback, names: &dyn Fn(&Feedback) -> String) -> String {
    let mut s = String::from("# My feedback\n\n");
    if m.themes.is_empty() {
        s.push_str(
            "Nothing recorded yet: `fulcrum feedback add --received …` after each conversation.\n",
        );
    }
    for g in &m.themes {
        let _ = writeln!(
            s,
            "## {}{}\n",
            g.theme,
            if g.repeated {
                " (heard more than once)"
            } else {
                ""
            }
        );
        for f in &g.items {
            let _ = writeln!(
                s,
                "- {} — {} ({}): {}{}",
                f.delivered_on.unwrap_or(f.event_on),
                names(f),
                f.polarity.map_or("", |p| p.as_str()),
                f.situation,
                if f.behaviour.is_empty() {
                    String::new()
                } else {
                    format!(": {}", f.behaviour)
                }
            );
        }
        s.push('\n');
    }
    if !m.open_requests.is_empty() {
        s.push_str("## Asked, not answered yet\n\n");
        for l in &m.open_requests {
            let _ = writeln!(
                s,
                "- {} — {}: {}",
                l.feedback.event_on,
                l.name.as_deref().unwrap_or("?"),
                l.feedback.situation
            );
        }
    }
    s
}

/// Names for a Markdown export of feedback.
pub async fn names(store: &dyn Store) -> Result<impl Fn(&Feedback) -> String> {
    let people = store.people().await?;
    Ok(move |f: &Feedback| {
        f.person_id
            .and_then(|id| people.iter().find(|p| p.id == id))
            .map(|p| p.name.clone())
            .or_else(|| f.who.clone())
            .unwrap_or_else(|| "someone".into())
    })
}
