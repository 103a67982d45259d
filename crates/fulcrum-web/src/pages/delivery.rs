//! `/delivery`: the four DORA keys over a period (each with what it is counted from and its
//! tier), deployments per week as a chart, and the period's deployments with the incidents
//! they caused. The period is chosen with `from` and `to` (UTC days), by default the last
//! four complete ISO weeks.

use super::technical;
use crate::components::form_field;
use crate::layout::{self, Nav, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::delivery::{self, DeliveryView};
use fulcrum_core::delivery::{Median, Ratio, Tier};
use maud::{Markup, html};

query! {
    DeliveryQuery { from, to, service }
}

fn tier_badge(t: Option<Tier>) -> Markup {
    match t {
        Some(t) => {
            html! { span class=(format!("badge tier-{}", t.as_str())) data-tier=(t.as_str()) { (t.as_str()) } }
        }
        None => html! { span.badge.muted data-tier="none" { "not measured" } },
    }
}

fn median_row(id: &str, label: &str, m: &Median, what: &str) -> Markup {
    html! {
        tr data-key=(id) data-value=[m.value.map(|v| format!("{v:.2}"))] {
            th scope="row" { (label) }
            td.num { (m.value.map_or("—".into(), |v| if v < 48.0 { format!("{v:.1} h") } else { format!("{:.1} days", v / 24.0) })) }
            td { "median of " (m.count) " " (what) }
            td { (tier_badge(m.tier)) }
        }
    }
}

fn ratio_row<D: std::fmt::Display>(
    id: &str,
    label: &str,
    r: &Ratio<D>,
    value: String,
    counted: String,
) -> Markup {
    html! {
        tr data-key=(id) data-value=[r.value.map(|v| format!("{v:.3}"))] data-numerator=(r.numerator) data-denominator=(r.denominator.to_string()) {
            th scope="row" { (label) }
            td.num { (value) }
            td { (counted) }
            td { (tier_badge(r.tier)) }
        }
    }
}

fn keys_table(v: &DeliveryView) -> Markup {
    let d = &v.report.dora;
    let f = &d.deploys_per_week;
    let c = &d.change_failure_rate;
    html! {
        table #dora-table {
            thead { tr { th scope="col" { "Key" } th.num scope="col" { "Value" } th scope="col" { "Counted from" } th scope="col" { "Tier" } } }
            tbody {
                (ratio_row("deploys_per_week", "Deployment frequency", f,
                    f.value.map_or("—".into(), |x| format!("{x:.2} a week")),
                    format!("{} deployments in {:.2} weeks", f.numerator, f.denominator)))
                (median_row("lead_time", "Lead time for changes", &d.lead_time_median_hours, "commits"))
                (ratio_row("change_failure_rate", "Change failure rate", c,
                    c.value.map_or("—".into(), |x| format!("{:.0} %", x * 100.0)),
                    format!("{} of {} deployments failed or caused an incident", c.numerator, c.denominator)))
                (median_row("time_to_restore", "Time to restore", &d.time_to_restore_median_hours, "incidents"))
            }
        }
    }
}

/// `GET /delivery`
pub async fn page(State(s): State<AppState>, Query(q): Query<DeliveryQuery>) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let day = |name: &str, v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| {
                    fulcrum_core::time::parse_date(t).map_err(|_| {
                        Failure::bad_request(format!(
                            "{name} = {t:?}: give a date such as 2026-03-02"
                        ))
                    })
                })
                .transpose()
        };
        let (from, to) = (day("from", &q.from)?, day("to", &q.to)?);
        let service = q
            .service
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        Ok::<_, Failure>(delivery::delivery_view(s.store.as_ref(), from, to, service, now).await?)
    }
    .await;
    let v = match loaded {
        Ok(v) => v,
        Err(f) => return layout::failure_page(&s, Nav::Technical, &f),
    };
    let d = &v.report.dora;
    let body = html! {
        (technical::sub_nav(technical::Sub::Delivery))
        div.page-head {
            (page_title("Delivery", html! {
                "How often, how fast and how safely the team ships: the four DORA keys from the deploy log ("
                code { "fulcrum import deploys" } "), the repositories' commits and the incidents. Tiers are the DORA State of DevOps "
                (d.thresholds_year) " clusters."
            }))
        }
        form.inline-form #period-form method="get" action="/delivery" {
            (form_field("period-from", "From", html! { input #period-from type="date" name="from" value=(d.from.to_string()); }))
            (form_field("period-to", "To", html! { input #period-to type="date" name="to" value=(d.to.to_string()); }))
            (form_field("period-service", "Service", html! { input #period-service type="text" name="service" value=[d.service.as_deref()] placeholder="all"; }))
            button.btn.small type="submit" #period-form-submit { "Show" }
        }
        section.card #dora-card data-from=(d.from.to_string()) data-to=(d.to.to_string()) {
            h2 { (fmt::range(d.from, d.to)) " · " (d.days) " days" @if let Some(svc) = &d.service { " · " (svc) } }
            (keys_table(&v))
            @if v.report.unmeasured_deployments > 0 {
                p.muted #unmeasured { (v.report.unmeasured_deployments) " deployments name a commit in no imported repository: their lead time is not measured (" code { "fulcrum import git PATH" } ")." }
            }
            @for u in &v.report.unreadable { p.muted { "Not read: " (u) } }
        }
        section.card #deploys-week-card { (charts::deploys_per_week(&v.weeks)) }
        section.card #deployments-card data-count=(v.deployments.len()) {
            h2 { "Deployments in the period" }
            @if v.deployments.is_empty() {
                p.muted #no-deployments { "No deployment in this period." }
            } @else {
                table #deployments-table {
                    thead { tr { th scope="col" { "Deployed (UTC)" } th scope="col" { "Commit" } th scope="col" { "Service" } th scope="col" { "Status" } th scope="col" { "Incidents" } } }
                    tbody {
                        @for l in v.deployments.iter().take(50) {
                            tr.deployment data-commit=(l.deploy.commit) data-status=(l.deploy.status.as_str()) data-incidents=(l.incidents.len()) {
                                td { (l.deploy.deployed_at.strftime("%Y-%m-%d %H:%M").to_string()) }
                                td { code { (&l.deploy.commit[..l.deploy.commit.len().min(10)]) } }
                                td { (l.deploy.service.as_deref().unwrap_or("—")) }
                                td { @if l.deploy.status.as_str() == "failure" { span.badge.step-overdue { "failed" } } @else { "ok" } }
                                td {
                                    @for (id, title, sev) in &l.incidents {
                                        a href=(format!("/incidents/{id}")) { "S" (sev) " " (title) } " "
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        frame(&s, "Delivery", Nav::Technical, &[], body),
    )
}

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/delivery", axum::routing::get(page))
}
