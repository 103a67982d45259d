//! The person page's observations: how they seemed over time, and noting how they seem now.

use super::{Ctx, form};
use crate::components::{form_field, wide_form_field};
use crate::pages::Fields;
use crate::{AppState, Failure, charts, fmt};
use fulcrum_app::people::{self, NewObservation};
use fulcrum_core::observations::Context;
use maud::{Markup, html};

pub(super) fn observations(c: &Ctx) -> Markup {
    let t = &c.p.trend;
    let mut recent: Vec<_> = c.p.observations.iter().collect();
    recent.sort_by_key(|o| std::cmp::Reverse((o.on, o.id)));
    html! {
        section.card #observations aria-labelledby="observations-title" data-count=(recent.len())
            data-direction=(t.direction.as_str()) data-latest=(t.latest.map(|e| e.to_string()).unwrap_or_default()) {
            h2 #observations-title { "Observations" }
            p.hint {
                "How " (c.first()) " seemed, 1 (drained) to 5 (energised). "
                @match (t.recent_average, t.previous_average) {
                    (Some(r), Some(p)) => { "Lately " (format!("{r:.1}")) " against " (format!("{p:.1}")) " before: " strong { (t.direction) } "." }
                    (Some(r), None) => { "Average " (format!("{r:.1}")) "; a few more to see a trend." }
                    _ => "None yet: a quick note after a standup or a 1:1 is enough.",
                }
            }
            @if let Some(pr) = &t.prompt { p.field-error #energy-prompt { (pr) } }
            (charts::energy_sparkline(&t.points))
            @if !recent.is_empty() {
                ul.plain.observation-list {
                    @for o in recent.iter().take(5) {
                        li data-observation-id=(o.id) data-energy=(o.energy) {
                            strong { (o.energy) "/5" } " · " (fmt::day(o.on)) " · " (o.context)
                            @if let Some(n) = &o.note { " — " (n) }
                        }
                    }
                }
            }
            form #observe-form method="post" action=(c.action("observe")) {
                (c.hidden("observe"))
                div.fields {
                    fieldset.field.checks.wide {
                        legend { "Energy" }
                        @for e in 1..=5u8 {
                            span.check {
                                input type="radio" name="energy" value=(e) id=(format!("energy-{e}")) required
                                    checked[c.ticked("observe", "energy", &e.to_string())];
                                label for=(format!("energy-{e}")) {
                                    (e) @match e { 1 => " drained", 3 => " as usual", 5 => " energised", _ => "" }
                                }
                            }
                        }
                    }
                    (form_field("observe-context", "Where", html! {
                        select #observe-context name="context" {
                            @for x in Context::ALL {
                                option value=(x.as_str()) selected[c.ticked("observe", "context", x.as_str())] { (x) }
                            }
                        }
                    }))
                    (form_field("observe-date", "On", html! {
                        input #observe-date type="date" name="on" value=(c.val("observe", "on", c.here.today.to_string()))
                            max=(c.here.today.to_string());
                    }))
                    (wide_form_field("observe-note", "Note", html! {
                        input #observe-note type="text" name="note" placeholder="quiet in standup, cameras off"
                            value=(c.val("observe", "note", ""));
                    }))
                }
                button.btn #observe-submit type="submit" { "Note it" }
            }
        }
    }
}

/// `POST /people/{id}/observe`: `energy` (1–5), `context`, `note`, `on`.
async fn observe(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let energy = f.number::<u8>("energy", "energy")?.ok_or_else(|| {
        Failure::bad_request("choose an energy from 1 (drained) to 5 (energised)")
    })?;
    let o = NewObservation {
        person_id: id,
        energy,
        context: f
            .word("context", Context::parse, &Context::words())?
            .unwrap_or(Context::Other),
        note: f.get("note"),
        on: f.date("on")?,
    };
    people::observe(s.store.as_ref(), o, crate::cache::now(&s.clock)).await?;
    Ok("observed".into())
}

/// The forms of this part of the page.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/people/{id}/observe", form("observations", observe))
}
