//! The risk register: add risks and change them, each change one write; review them, say who
//! was told, mark one happened (linked to its incident) or closed; list them with their score,
//! band and whether their review is due. The CLI and the pages call these (docs/risks.md).

use crate::error::{AppError, Result};
use crate::projects::{clean, names};
use crate::{people, profile};
use fulcrum_core::incidents::Incident;
use fulcrum_core::risks::{
    Audience, Band, Category, Keyed, Owner, Risk, RiskError, Status, Strategy,
};
use fulcrum_store::{Records, Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Someone told of a risk, by name, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToldLine {
    /// The person's name, or the group.
    pub who: String,
    /// The person's id when it was a person.
    pub person: Option<i64>,
    pub on: Date,
}

/// A risk as the lists and pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub id: i64,
    /// "EVENT might lead to CONSEQUENCE".
    pub statement: String,
    pub event: String,
    pub consequence: String,
    pub category: Category,
    pub probability: u8,
    pub impact: u8,
    pub score: u8,
    pub band: Band,
    pub strategy: Option<Strategy>,
    pub plan: Option<String>,
    /// "me", the person's name, or none.
    pub owner: Option<String>,
    /// The owner's id in People, when it is one of the user's people.
    pub owner_id: Option<i64>,
    pub status: Status,
    pub identified_on: Date,
    pub review_on: Option<Date>,
    pub reviewed_on: Option<Date>,
    /// Live and its review date is reached.
    pub review_due: bool,
    /// Live, high, and never told to anyone.
    pub untold: bool,
    pub told: Vec<ToldLine>,
    /// The incident it became.
    pub incident: Option<i64>,
}

/// A new risk, as the flags and the form give it.
#[derive(Debug, Clone, Default)]
pub struct NewRisk {
    pub event: String,
    pub consequence: String,
    /// Delivery when not said.
    pub category: Option<Category>,
    pub probability: u8,
    pub impact: u8,
    pub strategy: Option<Strategy>,
    pub plan: Option<String>,
    /// "me", a person's name or id; blank or none is nobody.
    pub owner: Option<String>,
    /// The first review; required when accepted, else the default for its band.
    pub review: Option<Date>,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct RiskEdit {
    pub event: Option<String>,
    pub consequence: Option<String>,
    pub category: Option<Category>,
    pub probability: Option<u8>,
    pub impact: Option<u8>,
    pub strategy: Option<Strategy>,
    pub plan: Option<String>,
    /// "me", a person's name or id; blank takes the owner away.
    pub owner: Option<String>,
    pub review: Option<Date>,
}

/// Who is told: a person (by name or id) or a group.
#[derive(Debug, Clone)]
pub enum Whom {
    Person(String),
    Group(String),
}

/// A risk error, naming the field of the form and the flag of the command.
fn refused(e: RiskError) -> AppError {
    AppError::invalid(e.field(), e.to_string())
}

/// The owner `text` names: "me", one of the user's people, or nobody when blank.
pub async fn owner(store: &dyn Store, text: &str) -> Result<Option<Owner>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if ["me", "myself", "self"].contains(&text.to_lowercase().as_str()) {
        return Ok(Some(Owner::Me));
    }
    Ok(Some(Owner::Person(people::named(store, text).await?.id)))
}

fn name(names: &BTreeMap<i64, String>, id: i64) -> String {
    names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

fn line(k: Keyed<Risk>, names: &BTreeMap<i64, String>, today: Date) -> Line {
    let r = &k.record;
    let told = r
        .told
        .iter()
        .map(|t| match &t.who {
            Audience::Person(id) => ToldLine {
                who: name(names, *id),
                person: Some(*id),
                on: t.on,
            },
            Audience::Group(g) => ToldLine {
                who: g.clone(),
                person: None,
                on: t.on,
            },
        })
        .collect();
    let (owner, owner_id) = match r.owner {
        Some(Owner::Me) => (Some("me".to_string()), None),
        Some(Owner::Person(id)) => (Some(name(names, id)), Some(id)),
        None => (None, None),
    };
    Line {
        id: k.id,
        statement: r.statement(),
        score: r.score(),
        band: r.band(),
        review_due: r.review_due(today),
        untold: r.untold(),
        told,
        owner,
        owner_id,
        event: r.event.clone(),
        consequence: r.consequence.clone(),
        category: r.category,
        probability: r.probability,
        impact: r.impact,
        strategy: r.strategy,
        plan: r.plan.clone(),
        status: r.status,
        identified_on: r.identified_on,
        review_on: r.review_on,
        reviewed_on: r.reviewed_on,
        incident: r.incident,
    }
}

/// Checks and writes a risk (one write), then returns its line.
async fn save(store: &dyn Store, id: Option<i64>, r: Risk, today: Date) -> Result<Line> {
    r.check().map_err(refused)?;
    let id = match id {
        Some(id) => {
            store.update(id, &r).await?;
            id
        }
        None => store.add(&r).await?.id,
    };
    Ok(line(Keyed { id, record: r }, &names(store).await?, today))
}

async fn load(store: &dyn Store, id: i64) -> Result<Keyed<Risk>> {
    Ok(store.get::<Risk>(id).await?)
}

/// Adds a risk identified today. Without a review date, an accepted risk is refused; any
/// other gets the default next review for its band.
pub async fn add(store: &dyn Store, new: NewRisk, now: Timestamp) -> Result<Line> {
    let today = profile::today(store, now).await?;
    let owner = owner(store, new.owner.as_deref().unwrap_or("")).await?;
    let mut r = Risk {
        event: new.event.trim().to_string(),
        consequence: new.consequence.trim().to_string(),
        category: new.category.unwrap_or(Category::Delivery),
        probability: new.probability,
        impact: new.impact,
        strategy: None,
        plan: clean(new.plan),
        owner,
        status: Status::Open,
        identified_on: today,
        review_on: new.review,
        reviewed_on: None,
        told: vec![],
        incident: None,
    };
    r.set_strategy(new.strategy);
    r.check().map_err(refused)?;
    if r.review_on.is_none() {
        r.review_on = Some(fulcrum_core::risks::next_review(r.band(), today));
    }
    save(store, None, r, today).await
}

/// The risks (only those with `status`, or in `band`, when given): by score, highest first,
/// then by id; closed and happened ones last.
pub async fn list(
    store: &dyn Store,
    status: Option<Status>,
    band: Option<Band>,
    now: Timestamp,
) -> Result<Vec<Line>> {
    let today = profile::today(store, now).await?;
    let names = names(store).await?;
    let mut lines: Vec<Line> = store
        .all::<Risk>()
        .await?
        .into_iter()
        .filter(|k| status.is_none_or(|s| k.record.status == s))
        .filter(|k| band.is_none_or(|b| k.record.band() == b))
        .map(|k| line(k, &names, today))
        .collect();
    lines.sort_by_key(|l| (!l.status.live(), std::cmp::Reverse(l.score), l.id));
    Ok(lines)
}

/// Every risk, with its id: what the coach reads.
pub async fn all(store: &dyn Store) -> Result<Vec<Keyed<Risk>>> {
    Ok(store.all::<Risk>().await?)
}

/// One risk.
pub async fn show(store: &dyn Store, id: i64, now: Timestamp) -> Result<Line> {
    let today = profile::today(store, now).await?;
    Ok(line(load(store, id).await?, &names(store).await?, today))
}

/// Changes what `edit` gives, in one write.
pub async fn edit(store: &dyn Store, id: i64, edit: RiskEdit, now: Timestamp) -> Result<Line> {
    let today = profile::today(store, now).await?;
    let mut k = load(store, id).await?;
    if let Some(o) = &edit.owner {
        k.record.owner = owner(store, o).await?;
    }
    let r = &mut k.record;
    if let Some(e) = edit.event {
        r.event = e.trim().to_string();
    }
    if let Some(c) = edit.consequence {
        r.consequence = c.trim().to_string();
    }
    if let Some(c) = edit.category {
        r.category = c;
    }
    if let Some(p) = edit.probability {
        r.probability = p;
    }
    if let Some(i) = edit.impact {
        r.impact = i;
    }
    if let Some(p) = edit.plan {
        r.plan = clean(Some(p));
    }
    if let Some(d) = edit.review {
        r.review_on = Some(d);
    }
    if let Some(s) = edit.strategy {
        r.set_strategy(Some(s));
    }
    save(store, Some(id), k.record, today).await
}

/// Reviewed today: the next review is `next`, or the default for its band. A next review
/// before today is refused.
pub async fn review(
    store: &dyn Store,
    id: i64,
    next: Option<Date>,
    now: Timestamp,
) -> Result<Line> {
    let today = profile::today(store, now).await?;
    if let Some(d) = next
        && d <= today
    {
        return Err(AppError::invalid(
            "next",
            format!("the next review ({d}) must come after today ({today}): give a later date"),
        ));
    }
    let mut k = load(store, id).await?;
    k.record.reviewed(today, next);
    save(store, Some(id), k.record, today).await
}

/// `whom` was told of the risk on `on` (today when not said); a day after today is refused.
pub async fn tell(
    store: &dyn Store,
    id: i64,
    whom: Whom,
    on: Option<Date>,
    now: Timestamp,
) -> Result<Line> {
    let today = profile::today(store, now).await?;
    let on = on.unwrap_or(today);
    if on > today {
        return Err(AppError::invalid(
            "on",
            format!("{on} is after today ({today}): say who was told once they were"),
        ));
    }
    let who = match whom {
        Whom::Person(text) => Audience::Person(people::named(store, &text).await?.id),
        Whom::Group(g) => Audience::Group(g.trim().to_string()),
    };
    let mut k = load(store, id).await?;
    k.record.told.push(fulcrum_core::risks::Told { who, on });
    save(store, Some(id), k.record, today).await
}

/// It happened: it became incident `incident`, which must be in the register.
pub async fn happened(store: &dyn Store, id: i64, incident: i64, now: Timestamp) -> Result<Line> {
    let today = profile::today(store, now).await?;
    let mut k = load(store, id).await?;
    match store.get::<Incident>(incident).await {
        Ok(_) => {}
        Err(StoreError::NotFound { .. }) => {
            return Err(AppError::invalid(
                "incident",
                format!(
                    "there is no incident {incident}: log it first (fulcrum incident add), or give the id of one in the register"
                ),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    k.record.happened(incident);
    save(store, Some(id), k.record, today).await
}

/// Closed: it can no longer happen, or no longer matters.
pub async fn close(store: &dyn Store, id: i64, now: Timestamp) -> Result<Line> {
    let today = profile::today(store, now).await?;
    let mut k = load(store, id).await?;
    k.record.status = Status::Closed;
    save(store, Some(id), k.record, today).await
}
