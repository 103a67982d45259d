//! What the web dashboard shows: a week's report, where meetings sit in the week, and the
//! activities of the week with the rule behind each.

use crate::error::Result;
use crate::report::{self, Period};
use crate::rules_file::RuleSource;
use fulcrum_core::report::{Heatmap, Report, meeting_heatmap};
use fulcrum_core::{Activity, ActivityKind, Category, time};
use fulcrum_store::Store;
use jiff::Timestamp;
use serde::Serialize;

/// Weeks of meetings the heatmap looks back over.
pub const HEATMAP_WEEKS: i64 = 8;

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    /// The ISO week shown, e.g. `2026-W48`.
    pub week: String,
    pub report: Report,
    /// Meeting minutes per weekday and hour over the last eight weeks up to the shown week.
    pub heatmap: Heatmap,
}

pub async fn build(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    period: &Period,
    now: Timestamp,
) -> Result<Dashboard> {
    let ctx = report::load(store, rules, period, now).await?;
    let report = ctx.report(now);
    let tz = ctx.profile.tz();
    let end = time::add_days(time::week_start(time::add_days(ctx.to, -1)), 7);
    let heatmap = meeting_heatmap(
        &ctx.loaded.activities,
        &tz,
        time::add_days(end, -7 * HEATMAP_WEEKS),
        end,
        now,
    );
    Ok(Dashboard {
        week: time::iso_week_label(ctx.from),
        report,
        heatmap,
    })
}

/// One activity of the week as the timeline shows it.
#[derive(Debug, Clone, Serialize)]
pub struct WeekActivity {
    pub title: String,
    pub category: Category,
    pub kind: ActivityKind,
    pub source: String,
    pub rule: String,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Local wall-clock times in the user's zone, `YYYY-MM-DDTHH:MM`.
    pub local_start: String,
    pub local_end: String,
    pub others: u32,
    pub one_on_one: bool,
    /// The manual entry behind a `manual` activity, so the timeline can edit it.
    pub manual_id: Option<i64>,
}

/// An all-day event of the week, for the timeline's all-day row.
#[derive(Debug, Clone, Serialize)]
pub struct AllDayItem {
    pub title: String,
    /// First local date and the date after the last (exclusive), clipped to the week.
    pub from: jiff::civil::Date,
    pub to: jiff::civil::Date,
    /// "away", "conference", or null for a note that changes nothing.
    pub marks: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekView {
    pub week: String,
    pub from: jiff::civil::Date,
    pub to: jiff::civil::Date,
    pub timezone: String,
    pub previous: String,
    pub next: String,
    pub activities: Vec<WeekActivity>,
    pub all_day: Vec<AllDayItem>,
    /// Time logged by hand this week, editable on the timeline.
    pub manual: Vec<crate::manual::ManualView>,
}

/// The activities of one ISO week, sorted by start: calendar events and coding sessions.
pub async fn week(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    monday: jiff::civil::Date,
    now: Timestamp,
) -> Result<WeekView> {
    let ctx = report::load(store, rules, &Period::Week(monday), now).await?;
    let tz = ctx.profile.tz();
    let from = time::day_start(ctx.from, &tz);
    let to = time::day_start(ctx.to, &tz);
    let local = |t: Timestamp| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let mut activities: Vec<&Activity> = ctx
        .loaded
        .activities
        .iter()
        .filter(|a| a.start < to && a.end > from)
        .collect();
    activities.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.title.cmp(&b.title)));
    let manual: Vec<crate::manual::ManualView> = store
        .manual_entries_between(from.as_second(), to.as_second())
        .await?
        .iter()
        .map(|e| crate::manual::view(e, &tz, now))
        .collect();
    let manual_id = |a: &Activity| {
        (a.kind == ActivityKind::Manual)
            .then(|| {
                manual
                    .iter()
                    .find(|m| m.start == a.start && m.title == a.title)
            })
            .flatten()
            .map(|m| m.id)
    };
    let all_day = all_day_items(&ctx);
    Ok(WeekView {
        week: time::iso_week_label(ctx.from),
        from: ctx.from,
        to: ctx.to,
        timezone: ctx.profile.timezone.clone(),
        previous: time::iso_week_label(time::add_days(ctx.from, -7)),
        next: time::iso_week_label(ctx.to),
        activities: activities
            .into_iter()
            .map(|a| WeekActivity {
                title: a.title.clone(),
                category: a.category,
                kind: a.kind,
                source: a.source.clone(),
                rule: a.rule.clone(),
                start: a.start,
                end: a.end,
                local_start: local(a.start),
                local_end: local(a.end),
                others: a.others,
                one_on_one: a.one_on_one,
                manual_id: manual_id(a),
            })
            .collect(),
        all_day,
        manual,
    })
}

/// The all-day events touching the week, with what each makes of its days.
fn all_day_items(ctx: &report::Context) -> Vec<AllDayItem> {
    use fulcrum_core::away::{DayMark, mark_of};
    let mut items: Vec<AllDayItem> = ctx
        .loaded
        .all_day
        .iter()
        .filter(|e| e.from < ctx.to && e.to > ctx.from)
        .map(|e| AllDayItem {
            title: e.title.clone(),
            from: e.from.max(ctx.from),
            to: e.to.min(ctx.to),
            marks: mark_of(e, &ctx.profile).map(|m| match m {
                DayMark::Away { .. } => "away",
                DayMark::Conference { .. } => "conference",
            }),
        })
        .collect();
    items.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.title.cmp(&b.title)));
    items.dedup_by(|a, b| a.title == b.title && a.from == b.from && a.to == b.to);
    items
}
