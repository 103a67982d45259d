//! Tech debt: the wall's items, added and changed one write each; the wall by priority; the
//! team's policy (the agreed share and the debt words); and the share of build time a period
//! actually spent on debt. The CLI, the pages and the coach call these.

use crate::error::{AppError, Result};
use crate::profile;
use crate::projects::{clean, known, names};
use crate::report::Period;
use crate::rules_file::RuleSource;
use fulcrum_core::debt::{
    self, Allocation, COACH_WEEKS, DebtError, DebtFacts, DebtItem, DebtPolicy, DebtType, Keyed,
    Quadrant, Scores, Status,
};
use fulcrum_core::time;
use fulcrum_store::{Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// An item as the wall shows it: the record, its priority and quadrant, its champion's name.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    #[serde(flatten)]
    pub item: Keyed<DebtItem>,
    pub priority: f64,
    pub quadrant: Quadrant,
    pub champion_name: Option<String>,
}

/// A new item, as the flags and the form give it.
#[derive(Debug, Clone)]
pub struct NewDebt {
    pub title: String,
    pub kind: DebtType,
    pub area: String,
    pub context: Option<String>,
    pub impact: Option<String>,
    pub links: Vec<String>,
    pub scores: Scores,
    pub champion: Option<i64>,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DebtEdit {
    pub title: Option<String>,
    pub kind: Option<DebtType>,
    pub area: Option<String>,
    pub context: Option<String>,
    pub impact: Option<String>,
    /// Replaces every link.
    pub links: Option<Vec<String>>,
    pub effort: Option<u8>,
    pub value: Option<u8>,
    pub risk: Option<u8>,
    pub frequency: Option<u8>,
    pub alignment: Option<u8>,
    /// `Some(None)` takes the champion away.
    pub champion: Option<Option<i64>>,
}

/// A debt error, naming the field of the form and the flag of the command.
fn refused(e: DebtError) -> AppError {
    AppError::invalid(e.field(), e.to_string())
}

fn trimmed_links(links: Vec<String>) -> Vec<String> {
    links.into_iter().map(|l| l.trim().to_string()).collect()
}

async fn checked_write(store: &dyn Store, id: Option<i64>, item: &DebtItem) -> Result<i64> {
    item.check().map_err(refused)?;
    if let Some(c) = item.champion {
        known(&names(store).await?, "champion", &[c])?;
    }
    match id {
        Some(id) => {
            store.update(id, item).await?;
            Ok(id)
        }
        None => Ok(store.add(item).await?.id),
    }
}

/// Puts an item on the wall, listed, created today.
pub async fn add(store: &dyn Store, new: NewDebt, now: Timestamp) -> Result<Keyed<DebtItem>> {
    let item = DebtItem {
        title: new.title.trim().to_string(),
        kind: new.kind,
        area: new.area.trim().to_string(),
        context: clean(new.context).unwrap_or_default(),
        impact: clean(new.impact).unwrap_or_default(),
        links: trimmed_links(new.links),
        scores: new.scores,
        status: Status::Listed,
        tolerated_reason: None,
        champion: new.champion,
        created_on: profile::today(store, now).await?,
        done_on: None,
    };
    let id = checked_write(store, None, &item).await?;
    Ok(Keyed { id, record: item })
}

fn line(item: Keyed<DebtItem>, names: &BTreeMap<i64, String>) -> Line {
    Line {
        priority: item.record.priority(),
        quadrant: item.record.quadrant(),
        champion_name: item
            .record
            .champion
            .map(|c| names.get(&c).cloned().unwrap_or_else(|| format!("#{c}"))),
        item,
    }
}

/// The wall by priority, highest first (only items with `status` and `kind` when given).
pub async fn list(
    store: &dyn Store,
    status: Option<Status>,
    kind: Option<DebtType>,
) -> Result<Vec<Line>> {
    let names = names(store).await?;
    let mut items: Vec<Keyed<DebtItem>> = store
        .all::<DebtItem>()
        .await?
        .into_iter()
        .filter(|i| status.is_none_or(|s| i.record.status == s))
        .filter(|i| kind.is_none_or(|k| i.record.kind == k))
        .collect();
    debt::by_priority(&mut items);
    Ok(items.into_iter().map(|i| line(i, &names)).collect())
}

pub async fn show(store: &dyn Store, id: i64) -> Result<Line> {
    let item = store.get::<DebtItem>(id).await?;
    Ok(line(item, &names(store).await?))
}

/// Changes what `edit` gives.
pub async fn edit(store: &dyn Store, id: i64, edit: DebtEdit) -> Result<Keyed<DebtItem>> {
    let mut item = store.get::<DebtItem>(id).await?;
    let r = &mut item.record;
    if let Some(t) = edit.title {
        r.title = t.trim().to_string();
    }
    if let Some(k) = edit.kind {
        r.kind = k;
    }
    if let Some(a) = edit.area {
        r.area = a.trim().to_string();
    }
    if let Some(c) = edit.context {
        r.context = c.trim().to_string();
    }
    if let Some(i) = edit.impact {
        r.impact = i.trim().to_string();
    }
    if let Some(l) = edit.links {
        r.links = trimmed_links(l);
    }
    let s = &mut r.scores;
    for (score, new) in [
        (&mut s.effort, edit.effort),
        (&mut s.value, edit.value),
        (&mut s.risk, edit.risk),
        (&mut s.frequency, edit.frequency),
        (&mut s.alignment, edit.alignment),
    ] {
        if let Some(n) = new {
            *score = n;
        }
    }
    if let Some(c) = edit.champion {
        r.champion = c;
    }
    checked_write(store, Some(id), &item.record).await?;
    Ok(item)
}

/// Sets the status. Tolerated needs its reason, and a reason goes with tolerated only; done
/// is dated today; leaving either forgets the date or the reason.
pub async fn set_status(
    store: &dyn Store,
    id: i64,
    status: Status,
    reason: Option<String>,
    now: Timestamp,
) -> Result<Keyed<DebtItem>> {
    let reason = clean(reason);
    if reason.is_some() && status != Status::Tolerated {
        return Err(AppError::invalid(
            "reason",
            format!(
                "a reason goes with tolerated only: leave it out to mark the item {}",
                status.as_str()
            ),
        ));
    }
    let today = profile::today(store, now).await?;
    let mut item = store.get::<DebtItem>(id).await?;
    let r = &mut item.record;
    r.status = status;
    r.tolerated_reason = reason;
    r.done_on = (status == Status::Done).then(|| r.done_on.unwrap_or(today));
    checked_write(store, Some(id), &item.record).await?;
    Ok(item)
}

pub async fn delete(store: &dyn Store, id: i64) -> Result<()> {
    store.get::<DebtItem>(id).await?;
    Ok(store.delete::<DebtItem>(id).await?)
}

/// The team's policy: the one kept, or the defaults.
pub async fn policy(store: &dyn Store) -> Result<DebtPolicy> {
    Ok(store
        .all::<DebtPolicy>()
        .await?
        .into_iter()
        .next()
        .map(|p| p.record)
        .unwrap_or_default())
}

/// Changes the target, the words (a comma-separated list) or both, in one write.
pub async fn set_policy(
    store: &dyn Store,
    target_percent: Option<u8>,
    words: Option<&str>,
) -> Result<DebtPolicy> {
    let kept = store.all::<DebtPolicy>().await?.into_iter().next();
    let mut p = kept.as_ref().map(|k| k.record.clone()).unwrap_or_default();
    if let Some(t) = target_percent {
        p.target_percent = t;
    }
    if let Some(w) = words {
        p.words = DebtPolicy::parse_words(w);
    }
    p.check().map_err(refused)?;
    match kept {
        Some(k) => store.update(k.id, &p).await?,
        None => {
            store.add(&p).await?;
        }
    }
    Ok(p)
}

/// The share of build time `period` spent on debt work, against the kept policy.
pub async fn allocation(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    period: &Period,
    now: Timestamp,
) -> Result<Allocation> {
    let policy = policy(store).await?;
    let ctx = crate::report::load(store, rules, period, now).await?;
    Ok(debt::allocation(
        &ctx.loaded.activities,
        &policy,
        &ctx.profile.tz(),
        (ctx.from, ctx.to),
        now,
    ))
}

/// What the coach reads: the wall, and the allocation of the complete weeks before
/// `this_week` (none on a wall with no items: there is nothing to spend time on).
pub async fn facts(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    this_week: Date,
    now: Timestamp,
) -> Result<DebtFacts> {
    let items = store.all::<DebtItem>().await?;
    if items.is_empty() {
        return Ok(DebtFacts::default());
    }
    let period = Period::Dates {
        from: time::add_days(this_week, -7 * COACH_WEEKS),
        to: this_week,
    };
    Ok(DebtFacts {
        allocation: Some(allocation(store, rules, &period, now).await?),
        items,
    })
}

/// A score from a form or flag: a whole number from 1 to 5, or an error naming `field`.
pub fn parse_score(field: &'static str, s: &str) -> Result<u8> {
    match s.trim().parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(AppError::invalid(
            field,
            format!(
                "{field} is \"{}\": score it from 1 (least) to 5 (most)",
                s.trim()
            ),
        )),
    }
}

/// A debt type by its word, or an error listing the words.
pub fn parse_type(field: &'static str, s: &str) -> Result<DebtType> {
    DebtType::parse(s).ok_or_else(|| {
        AppError::invalid(
            field,
            format!(
                "\"{}\" is not a debt type: choose {}",
                s.trim(),
                DebtType::words()
            ),
        )
    })
}

/// A status by its word, or an error listing the words.
pub fn parse_status(field: &'static str, s: &str) -> Result<Status> {
    Status::parse(s).ok_or_else(|| {
        AppError::invalid(
            field,
            format!(
                "\"{}\" is not a debt status: choose {}",
                s.trim(),
                Status::words()
            ),
        )
    })
}
