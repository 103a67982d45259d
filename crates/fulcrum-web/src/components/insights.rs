//! What the coach sees, as a panel: each insight with its evidence (linked), why it matters,
//! the next step, and the buttons that do it, snooze it or dismiss it.

use crate::AppState;
use crate::layout::csrf_field;
use crate::pages::people::plural;
use fulcrum_app::insights::Shown;
use fulcrum_core::insights::{Link, Offer};
use fulcrum_core::time;
use maud::{Markup, html};

/// Where a piece of evidence leads on the pages.
pub fn href(link: &Link) -> String {
    let week = |d: jiff::civil::Date| time::iso_week_label(time::week_start(d));
    match link {
        Link::Week { week, .. } => format!("/?week={week}"),
        Link::Day { date } | Link::Event { date, .. } => format!("/week?week={}", week(*date)),
        Link::Person { person_id, .. } => format!("/people/{person_id}"),
        Link::Task { .. } | Link::Tasks => "/tasks".into(),
        Link::Delegation { delegation_id } => format!("/delegation/{delegation_id}"),
        Link::Feedback { .. } => "/feedback".into(),
        Link::Commitment { .. } => "/relationships".into(),
        Link::Ritual { .. } => "/journal".into(),
        Link::Inbox => "/inbox".into(),
        Link::People => "/people".into(),
        Link::GrowthPlan { plan_id } => format!("/growth/plans/{plan_id}"),
        Link::Career => "/career".into(),
        Link::Decision { number } => format!("/decisions/{number}"),
        Link::Project { id } => format!("/projects/{id}"),
        Link::Risk { id } => format!("/risks/{id}"),
        Link::Incident { id } => format!("/incidents/{id}"),
        Link::Debt => "/debt".into(),
        Link::DebtItem { id } => format!("/debt/{id}"),
    }
}

/// What the action button says.
fn offer_label(offer: &Offer) -> &'static str {
    match offer {
        Offer::AddTask { .. } => "Add the task",
        Offer::AddHabit { .. } => "Plan it every week",
        Offer::AgendaItem { .. } => "Add to the next 1:1",
        Offer::DraftPraise { .. } => "Draft the praise",
    }
}

/// A panel of `insights` (`id` names it), each with its forms; after a form the browser comes
/// back to `back`. `empty` is said when there is nothing.
pub fn panel(
    s: &AppState,
    id: &str,
    title: &str,
    insights: &[&Shown],
    back: &str,
    empty: &str,
) -> Markup {
    html! {
        section.card.insights #(id) aria-labelledby=(format!("{id}-title")) data-count=(insights.len()) {
            h2 #(format!("{id}-title")) { (title) }
            @if insights.is_empty() {
                p.empty { (empty) }
            }
            @for i in insights { (card(s, i, back)) }
            p.more { a href="/insights" { "Every insight, and those you dismissed →" } }
        }
    }
}

fn card(s: &AppState, shown: &Shown, back: &str) -> Markup {
    let i = &shown.insight;
    html! {
        article.insight data-insight=(i.id) data-rule=(i.rule) data-severity=(i.severity.as_str()) data-status=(shown.status) {
            header {
                span class=(format!("badge sev-{}", i.severity)) { (i.severity) }
                h3 { (i.title) }
                span.meta { (plural(i.weeks as usize, "week", "weeks")) " · since " (i.since.to_string()) }
            }
            ul.evidence {
                @for e in &i.evidence { li { a href=(href(&e.link)) { (e.text) } } }
            }
            p.why { span.practice { (i.practice) } " " (i.why) }
            p.next { strong { "Next: " } (i.action.text) }
            @if let Some(v) = &shown.verdict {
                p.verdict { (v.kind) " on " (v.on.to_string()) @if let Some(r) = &v.reason { ": " (r) } }
                (form(s, "/insights/undo", i, back, html! {}, "Show it again", "undo"))
            } @else {
                div.insight-actions {
                    @if let Some(o) = &i.action.offer {
                        (form(s, "/insights/act", i, back, html! {}, offer_label(o), "act"))
                    }
                    (form(s, "/insights/snooze", i, back, html! {
                        label { "until " input type="date" name="until" required value=(time::add_days(shown.insight.through, 14).to_string()); }
                    }, "Snooze", "snooze"))
                    (form(s, "/insights/dismiss", i, back, html! {
                        label { "why " input type="text" name="reason" required placeholder="it does not apply because …"; }
                    }, "Dismiss", "dismiss"))
                }
            }
        }
    }
}

fn form(
    s: &AppState,
    action: &str,
    i: &fulcrum_core::insights::Insight,
    back: &str,
    fields: Markup,
    label: &str,
    kind: &str,
) -> Markup {
    html! {
        form.inline method="post" action=(action) data-action=(kind) {
            (csrf_field(s))
            input type="hidden" name="id" value=(i.id);
            input type="hidden" name="back" value=(back);
            (fields)
            button.btn type="submit" { (label) }
        }
    }
}

/// The panel of a module's page: today's open insights of `modules`, most pressing first.
/// Nothing at all when there are none, or when they cannot be read (the page says enough).
pub async fn for_page(s: &AppState, modules: &[&str], back: &str) -> Markup {
    let of_module = |i: &Shown| modules.contains(&i.insight.module.as_str());
    open_panel(
        s,
        "page-insights",
        "What the coach sees here",
        back,
        of_module,
    )
    .await
}

/// The panel of a page about one kind of record (the debt wall, the risk log, one incident
/// …): today's open insights whose evidence points at such a record, so that each technical
/// page shows what concerns it rather than every technical finding.
pub async fn for_records(s: &AppState, back: &str, about: impl Fn(&Link) -> bool) -> Markup {
    let points_at = |i: &Shown| i.insight.evidence.iter().any(|e| about(&e.link));
    open_panel(
        s,
        "page-insights",
        "What the coach sees here",
        back,
        points_at,
    )
    .await
}

/// The panel of a person's page: today's open insights about them (their 1:1s, feedback,
/// delegations, contact).
pub async fn for_person(s: &AppState, person_id: i64) -> Markup {
    let back = format!("/people/{person_id}");
    let about = |i: &Shown| {
        i.insight
            .evidence
            .iter()
            .any(|e| matches!(e.link, Link::Person { person_id: p, .. } if p == person_id))
    };
    open_panel(s, "person-insights", "What the coach sees", &back, about).await
}

/// Today's open insights that `keep` keeps, as a panel; nothing when there are none or they
/// cannot be read (the page says enough).
async fn open_panel(
    s: &AppState,
    id: &str,
    title: &str,
    back: &str,
    keep: impl Fn(&Shown) -> bool,
) -> Markup {
    let now = crate::cache::now(&s.clock);
    let Ok(list) = crate::cache::insights(s, now).await else {
        return html! {};
    };
    let shown: Vec<&Shown> = list
        .insights
        .iter()
        .filter(|i| i.status == "open" && keep(i))
        .collect();
    if shown.is_empty() {
        return html! {};
    }
    panel(s, id, title, &shown, back, "")
}
