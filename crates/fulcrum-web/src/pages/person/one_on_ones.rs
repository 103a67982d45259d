//! The person page's 1:1s: the next one's agenda and open actions, logging one, and the history
//! from the calendar and the notes.

use super::{Ctx, form, theirs};
use crate::components::Col::{self, Text};
use crate::components::{columns, form_field, wide_form_field};
use crate::pages::Fields;
use crate::pages::people::{plural, when};
use crate::{AppState, Failure, fmt};
use fulcrum_app::one_on_ones::{self, LogRequest, NewItem};
use fulcrum_app::{ownership, people};
use fulcrum_core::one_on_one::{Item, ItemKind, Owner, Topic};
use fulcrum_core::time;
use maud::{Markup, html};

fn item_li(c: &Ctx, i: &Item, carried: Option<usize>) -> Markup {
    html! {
        li.agenda-item data-item-id=(i.id) data-kind=(i.kind.as_str()) data-owner=(i.owner.as_str())
            data-item-text=(i.text) data-carried=[carried] {
            span.item-main {
                span.item-text { (i.text) }
                span.item-meta {
                    @if i.kind == ItemKind::Action {
                        @if i.owner == Owner::Me { "yours" } @else { (c.first()) "'s" }
                        " · "
                    }
                    "added " (fmt::day(i.created_on))
                    @if let Some(d) = i.due {
                        " · " span.due.overdue[d < c.here.today] { "due " (fmt::day(d)) }
                    }
                    @if let Some(n) = carried.filter(|n| *n > 0) {
                        " · " span.carried.overdue[n >= fulcrum_core::one_on_one::STALE_CARRIES] {
                            "carried through " (plural(n as i64, "1:1", "1:1s"))
                        }
                    }
                }
            }
            form.inline method="post" action=(c.action("items/close")) {
                (c.hidden("close-item"))
                input type="hidden" name="item" value=(i.id);
                button.btn.small type="submit" aria-label=(format!("Mark “{}” done", i.text)) { "Done" }
            }
        }
    }
}

pub(super) fn agenda(c: &Ctx) -> Markup {
    let a = &c.p.agenda;
    let next = c.p.one_on_ones.next.as_ref();
    let next_day = next.map(|n| time::local_date(n.start, &c.here.tz).to_string());
    let topics = &c.p.topics;
    let kind = c.typed("item").and_then(|f| f.get("kind"));
    html! {
        section.card #agenda aria-labelledby="agenda-title" data-next=(next_day.clone().unwrap_or_default())
            data-theirs=(a.theirs.len()) data-mine=(a.mine.len()) data-actions=(a.actions.len()) {
            h2 #agenda-title { "Next 1:1" }
            p #next-one-on-one data-date=(next_day.unwrap_or_default()) {
                @match next {
                    Some(n) => { strong { (when(n.start, &c.here.tz)) } " · " (n.title) }
                    None => span.muted { "Nothing booked in your calendar. Book the next one." }
                }
            }
            h3 { "Their topics" }
            @if a.theirs.is_empty() {
                p.muted.empty { "Nothing from " (c.first()) " yet. The meeting is theirs first: ask them to add topics." }
            } @else {
                ul.agenda #agenda-theirs { @for i in &a.theirs { (item_li(c, i, None)) } }
            }
            h3 { "Your topics" }
            @if a.mine.is_empty() {
                p.muted.empty { "Nothing of yours." }
            } @else {
                ul.agenda #agenda-mine { @for i in &a.mine { (item_li(c, i, None)) } }
            }
            h3 { "Open actions" }
            @if a.actions.is_empty() {
                p.muted.empty { "No open actions." }
            } @else {
                ul.agenda #agenda-actions { @for x in &a.actions { (item_li(c, &x.item, Some(x.carried))) } }
            }
            form #add-item method="post" action=(c.action("items")) {
                (c.hidden("item"))
                div.fields {
                    (wide_form_field("item-text", "Add to the agenda", html! {
                        input #item-text type="text" name="text" required value=(c.val("item", "text", ""))
                            placeholder="How the on-call rotation feels";
                    }))
                    (form_field("item-kind", "Whose is it", html! {
                        select #item-kind name="kind" {
                            @for (v, label) in [("theirs", "their topic"), ("mine", "your topic"),
                                ("action-me", "an action for you"), ("action-them", "an action for them")] {
                                option value=(v) selected[kind.as_deref() == Some(v)] { (label) }
                            }
                        }
                    }))
                    (form_field("item-due", "Due (actions)", html! {
                        input #item-due type="date" name="due" value=(c.val("item", "due", ""));
                    }))
                }
                button.btn #add-item-submit type="submit" { "Add" }
            }
            @if let Some(sug) = &topics.suggestion {
                div.topic-suggestion #topic-suggestion data-topic=(sug.topic.as_str()) {
                    h3 { "A theme to bring back: " (sug.topic.label()) }
                    p { (sug.why) }
                    ul { @for q in &sug.prompts { li { (q) } } }
                }
            }
            @if topics.looked_at > 0 {
                details.numbers #topic-balance {
                    summary { "Themes of the last " (plural(topics.looked_at as i64, "1:1", "1:1s")) }
                    ul.plain.topic-counts {
                        @for t in &topics.counts {
                            li data-topic=(t.topic.as_str()) data-count=(t.count) {
                                (t.topic.label()) ": " (t.count)
                                @if let Some(d) = t.last_on { span.muted { " · last " (fmt::day(d)) } }
                            }
                        }
                    }
                    @if topics.status_heavy {
                        p.field-error { "Status updates crowd out the rest: move them to the team board." }
                    }
                }
            }
        }
    }
}

pub(super) fn log_form(c: &Ctx) -> Markup {
    let open: Vec<&Item> = c.p.agenda.theirs.iter().chain(&c.p.agenda.mine).collect();
    html! {
        section.card #log-one-on-one aria-labelledby="log-title" {
            h2 #log-title { "Log this 1:1" }
            p.hint { "Agenda items count as discussed unless you keep them; open actions carry forward until they are done." }
            form #log-form method="post" action=(c.action("log")) {
                (c.hidden("log"))
                div.fields {
                    (form_field("log-date", "Held on", html! {
                        input #log-date type="date" name="held_on" value=(c.val("log", "held_on", c.here.today.to_string()))
                            max=(c.here.today.to_string());
                    }))
                    (wide_form_field("log-shared", "Shared notes (both of you may see them)", html! {
                        textarea #log-shared name="shared_notes" rows="3" { (c.val("log", "shared_notes", "")) }
                    }))
                    (wide_form_field("log-private", "Private notes (yours only)", html! {
                        textarea #log-private name="private_notes" rows="2" { (c.val("log", "private_notes", "")) }
                    }))
                    fieldset.field.checks.wide {
                        legend { "Themes" }
                        @for t in Topic::ALL {
                            span.check {
                                input type="checkbox" name="topic" value=(t.as_str()) id=(format!("log-topic-{}", t.as_str()))
                                    checked[c.ticked("log", "topic", t.as_str())];
                                label for=(format!("log-topic-{}", t.as_str())) { (t.label()) }
                            }
                        }
                    }
                    (wide_form_field("log-actions", "Actions, one a line: “me: …” or “them: …”", html! {
                        textarea #log-actions name="actions" rows="3" placeholder="me: send the RFC link\nthem: draft the ADR" {
                            (c.val("log", "actions", ""))
                        }
                    }))
                    @if !open.is_empty() {
                        fieldset.field.checks.wide {
                            legend { "Keep for next time (not discussed)" }
                            @for i in &open {
                                span.check {
                                    input type="checkbox" name="keep" value=(i.id) id=(format!("keep-{}", i.id))
                                        checked[c.ticked("log", "keep", &i.id.to_string())];
                                    label for=(format!("keep-{}", i.id)) { (i.text) }
                                }
                            }
                        }
                    }
                }
                button.btn.primary #log-submit type="submit" { "Log the 1:1" }
            }
        }
    }
}

fn who_cancelled(c: &Ctx, by: &str) -> String {
    if c.here.profile.is_me(by) {
        "you".into()
    } else if c.p.person.emails.iter().any(|e| e.eq_ignore_ascii_case(by)) {
        c.first().to_string()
    } else {
        by.to_string()
    }
}

/// The columns of the 1:1 history; private notes only on a page that shows them.
fn history_columns(private: bool) -> Vec<Col<'static>> {
    let mut cols = vec![
        Text("When"),
        Text("What became of it"),
        Text("Themes"),
        Text("Shared notes"),
    ];
    if private {
        cols.push(Text("Private notes"));
    }
    cols
}

pub(super) fn history(c: &Ctx) -> Markup {
    let h = &c.p.one_on_ones.history;
    let counts = &c.p.one_on_ones.counts;
    html! {
        section.card #history aria-labelledby="history-title" data-count=(h.len()) {
            h2 #history-title { "1:1 history " span.count { (h.len()) } }
            p.hint {
                (counts.held) " held, " (counts.moved) " moved, " (counts.cancelled) " cancelled, "
                (counts.declined) " declined, " (counts.upcoming) " coming up; " (counts.logged) " logged with notes. "
                "From your calendar over the last " (plural(people::HISTORY_DAYS, "day", "days")) " and the next " (people::AHEAD_DAYS) "."
                @if c.p.one_on_ones.cancelled_by_me_in_a_row >= fulcrum_core::people::CALLED_OFF_IN_A_ROW {
                    " " span.field-error { "You called off the last " (c.p.one_on_ones.cancelled_by_me_in_a_row) " in a row." }
                }
            }
            @if h.is_empty() {
                p.muted #no-history { "No 1:1s with " (c.first()) " in your calendar, and none logged." }
            } @else {
                div.table-wrap {
                    table #history-table {
                        thead { tr { (columns(&history_columns(c.private))) } }
                        tbody {
                            @for e in h.iter().rev() {
                                @let state = e.meeting.as_ref().map_or("logged", |m| m.state.as_str());
                                tr class=(format!("history-entry state-{state}")) data-state=(state) data-date=(e.on.to_string())
                                    data-logged=(e.note.is_some()) {
                                    td.nowrap {
                                        @match &e.meeting {
                                            Some(m) => (when(m.start, &c.here.tz)),
                                            None => (fmt::day(e.on)),
                                        }
                                    }
                                    td {
                                        span class=(format!("badge state state-{state}")) { (state) }
                                        @if let Some(by) = e.meeting.as_ref().and_then(|m| m.cancelled_by.as_deref()) {
                                            " " span.muted.cancelled-by { "by " (who_cancelled(c, by)) }
                                        }
                                        @if e.meeting.is_some() && e.note.is_some() { " " span.badge.ok { "logged" } }
                                    }
                                    td {
                                        @if let Some(n) = &e.note {
                                            (n.topics.iter().map(|t| t.label()).collect::<Vec<_>>().join(", "))
                                        }
                                    }
                                    td.notes {
                                        @if let Some(t) = e.note.as_ref().and_then(|n| n.shared_notes.as_deref()) { (t) }
                                    }
                                    @if c.private {
                                        td.notes.private-text {
                                            @if let Some(t) = e.note.as_ref().and_then(|n| n.private_notes.as_deref()) { (t) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `POST /people/{id}/items`: `text`, `kind` (theirs, mine, action-me, action-them), `due`.
async fn add_item(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let (kind, owner) = match f.get("kind").as_deref() {
        None | Some("theirs") => (ItemKind::Agenda, Owner::Them),
        Some("mine") => (ItemKind::Agenda, Owner::Me),
        Some("action" | "action-me") => (ItemKind::Action, Owner::Me),
        Some("action-them") => (ItemKind::Action, Owner::Them),
        Some(k) => {
            return Err(Failure::bad_request(format!(
                "kind = {k:?}: choose theirs, mine, action-me or action-them"
            )));
        }
    };
    let new = NewItem {
        person_id: id,
        kind,
        owner,
        text: f.get("text").unwrap_or_default(),
        due: f.date("due")?,
    };
    one_on_ones::add_item(s.store.as_ref(), new, crate::cache::now(&s.clock)).await?;
    Ok("item-added".into())
}

/// `POST /people/{id}/items/close` with `item` (and `reopen=1` to open it again).
async fn close_item(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let item = f.id("item", "item")?;
    let message = format!("item {item} is not on this person's agenda; reload the page");
    theirs(ownership::agenda_item(s.store.as_ref(), id, item), message).await?;
    if f.checked("reopen") {
        one_on_ones::reopen_item(s.store.as_ref(), item).await?;
        Ok("item-reopened".into())
    } else {
        one_on_ones::close_item(s.store.as_ref(), item, crate::cache::now(&s.clock)).await?;
        Ok("item-closed".into())
    }
}

/// `POST /people/{id}/log`: `held_on`, `shared_notes`, `private_notes`, `topic` (repeated),
/// `actions` (one a line), `keep` (repeated item ids).
async fn log(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let topics = one_on_ones::parse_topics(&f.all("topic"))?;
    let actions = f
        .raw("actions")
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(one_on_ones::parse_action)
        .collect::<fulcrum_app::Result<Vec<_>>>()?;
    let keep = f
        .all("keep")
        .iter()
        .map(|k| {
            k.parse::<i64>()
                .map_err(|_| Failure::bad_request(format!("keep = {k:?}: not an item")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let req = LogRequest {
        person_id: id,
        held_on: f.date("held_on")?,
        shared_notes: f.get("shared_notes"),
        private_notes: f.get("private_notes"),
        topics,
        actions,
        keep,
    };
    one_on_ones::log(s.store.as_ref(), req, crate::cache::now(&s.clock)).await?;
    Ok("logged".into())
}

/// The forms of this part of the page.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/people/{id}/items", form("agenda", add_item))
        .route("/people/{id}/items/close", form("agenda", close_item))
        .route("/people/{id}/log", form("history", log))
}
