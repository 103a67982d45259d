//! Tech debt: less build time spent on debt than the team agreed, while debt is open.

use super::*;
use crate::debt::{Allocation, COACH_WEEKS, DebtItem, Keyed, top_open};

pub(super) const DEBT_ALLOCATION_BELOW: FnRule = FnRule {
    info: RuleInfo {
        id: "debt-allocation-below",
        module: "technical",
        practice: "B9",
        why: "Debt paid only when there is time left over is never paid: a share of build time agreed up front keeps it under control.",
        looks_for: "over the last four complete weeks, less build time spent on debt work than the agreed share, while the wall has open items (neither done nor tolerated)",
    },
    check: debt_allocation_below,
};

fn debt_allocation_below(s: &Snapshot) -> Vec<Finding> {
    let Some(a) = s.debt.allocation.as_ref().filter(|a| a.below_target) else {
        return Vec::new();
    };
    let open = s
        .debt
        .items
        .iter()
        .filter(|i| i.record.status.is_open())
        .count();
    let Some(top) = top_open(&s.debt.items) else {
        return Vec::new();
    };
    vec![finding(s, a, open, top)]
}

fn finding(s: &Snapshot, a: &Allocation, open: usize, top: &Keyed<DebtItem>) -> Finding {
    let share = a.share_percent.unwrap_or(0.0);
    let target = f64::from(a.target_percent);
    // The minutes a week that would have met the target, rounded up to a quarter hour.
    let weekly_build = a.build_minutes / COACH_WEEKS.max(1);
    let book = ((weekly_build * i64::from(a.target_percent) / 100 + 14) / 15 * 15).max(30);
    let item = &top.record;
    let mut evidence = vec![Evidence::new(
        format!(
            "{} of {} build minutes from {} to {} went to debt work: {share:.1} % against the agreed {} %",
            a.debt_minutes,
            a.build_minutes,
            a.from,
            add_days(a.to, -1),
            a.target_percent
        ),
        Link::Debt,
    )];
    evidence.extend(a.weeks.iter().filter(|w| w.build_minutes > 0).map(|w| {
        Evidence::new(
            format!(
                "{}: {} of {} build minutes on debt ({:.1} %)",
                w.week,
                w.debt_minutes,
                w.build_minutes,
                w.share_percent.unwrap_or(0.0)
            ),
            Link::week(w.monday),
        )
    }));
    evidence.push(Evidence::new(
        format!(
            "{open} open debt items; the first to take is \"{}\" ({}, priority {:.2})",
            item.title,
            item.quadrant().label().to_lowercase(),
            item.priority()
        ),
        Link::DebtItem { id: top.id },
    ));
    Finding {
        subject: "debt".into(),
        severity: if share < target / 2.0 {
            Severity::Warn
        } else {
            Severity::Info
        },
        title: format!(
            "Debt got {share:.1} % of build time, under the agreed {} %",
            a.target_percent
        ),
        evidence,
        since: a.from,
        weeks: a.weeks.iter().filter(|w| w.below_target).count() as u32,
        through: s.today,
        action: Action {
            text: format!(
                "Book {book} minutes of debt time next week and spend them on \"{}\".",
                item.title
            ),
            offer: Offer::task(
                format!("Debt work: {}", item.title),
                Category::Build,
                (true, false),
                Some(book),
            ),
        },
    }
}
