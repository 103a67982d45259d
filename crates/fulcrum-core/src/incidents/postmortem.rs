//! The blameless postmortem as a Markdown document: written out with one `##` section each
//! (summary, impact, detection, response, recovery, timeline, contributing factors, what went
//! well, actions), and read back after it was edited, section by section.

use super::{Action, Incident, Postmortem, action_due};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The sections, in the order the document has them: (heading, what it asks).
pub const SECTIONS: [(&str, &str); 9] = [
    ("Summary", "What happened, in a few sentences."),
    (
        "Impact",
        "Who and what was affected, how, and for how long.",
    ),
    (
        "Detection",
        "How the problem was noticed: an alert, a customer, someone on the team.",
    ),
    (
        "Response",
        "What was done, by whom, to understand and contain it.",
    ),
    ("Recovery", "How service was restored."),
    (
        "Timeline",
        "Key events with their times; left as written from the incident's timeline, it follows it.",
    ),
    (
        "Contributing factors",
        "What made it possible or worse: conditions and decisions, never people. One per line.",
    ),
    (
        "What went well",
        "What helped and should be kept. One per line.",
    ),
    (
        "Actions",
        "One per line: - [ ] what to do. Tick it when done; owners and dates are set with the incident's actions.",
    ),
];

/// Why an edited postmortem cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostmortemError {
    #[error(
        "\"## {0}\" is not a section of a postmortem: use the headings summary, impact, detection, response, recovery, timeline, contributing factors, what went well, actions"
    )]
    UnknownSection(String),
    #[error(
        "no section found: a postmortem is written under \"## Summary\", \"## Impact\" and the other headings"
    )]
    NoSections,
}

/// An action as the document lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLine {
    pub text: String,
    pub done: bool,
}

/// What an edited document says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Edited {
    /// The sections, actions left out (they are in `actions`).
    pub sections: Postmortem,
    pub actions: Vec<ActionLine>,
}

/// A time as the lead reads it: the local day and minute.
pub fn local_time(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// The timeline told from the incident's entries, oldest first: `- time — text (who)`.
pub fn timeline_from_entries(
    incident: &Incident,
    name: &dyn Fn(i64) -> String,
    tz: &TimeZone,
) -> String {
    let mut entries: Vec<_> = incident.timeline.iter().collect();
    entries.sort_by_key(|e| e.at);
    entries
        .iter()
        .map(|e| {
            let who = e.by.map(|p| format!(" ({})", name(p))).unwrap_or_default();
            format!("- {} — {}{who}", local_time(e.at, tz), e.text.trim())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The postmortem as Markdown; an incident without one gets the template, each section
/// with what it asks as a comment.
pub fn to_markdown(
    id: i64,
    incident: &Incident,
    name: &dyn Fn(i64) -> String,
    tz: &TimeZone,
    resolved_on: Option<Date>,
) -> String {
    let blank = Postmortem::default();
    let p = incident.postmortem.as_ref().unwrap_or(&blank);
    let mut out = format!("# Postmortem: {}\n\n", incident.title.trim());
    out.push_str(&facts(id, incident, name, tz));
    let timeline = if p.timeline.trim().is_empty() {
        timeline_from_entries(incident, name, tz)
    } else {
        p.timeline.trim().to_string()
    };
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("- {}", i.trim()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let actions = p
        .actions
        .iter()
        .map(|a| action_line(a, name, action_due(a, resolved_on)))
        .collect::<Vec<_>>()
        .join("\n");
    let bodies = [
        p.summary.trim().to_string(),
        p.impact.trim().to_string(),
        p.detection.trim().to_string(),
        p.response.trim().to_string(),
        p.recovery.trim().to_string(),
        timeline,
        list(&p.contributing_factors),
        list(&p.went_well),
        actions,
    ];
    for ((heading, asks), body) in SECTIONS.iter().zip(bodies) {
        out.push_str(&format!("\n## {heading}\n\n"));
        if body.is_empty() {
            out.push_str(&format!("<!-- {asks} -->\n"));
        } else {
            out.push_str(&body);
            out.push('\n');
        }
    }
    out
}

/// The lines under the title: severity, times, roles.
fn facts(id: i64, i: &Incident, name: &dyn Fn(i64) -> String, tz: &TimeZone) -> String {
    let mut s = format!(
        "Incident {id} · severity {} · started {}",
        i.severity,
        local_time(i.started, tz)
    );
    match (i.resolved, i.restore_hours()) {
        (Some(r), Some(h)) => {
            s.push_str(&format!(" · resolved {} ({:.1} h)", local_time(r, tz), h))
        }
        _ => s.push_str(" · still open"),
    }
    s.push_str("  \n");
    let mut roles = Vec::new();
    if let Some(o) = i.owner {
        roles.push(format!("Owner: {}", name(o)));
    }
    if !i.solvers.is_empty() {
        let names: Vec<String> = i.solvers.iter().map(|p| name(*p)).collect();
        roles.push(format!("Solvers: {}", names.join(", ")));
    }
    if let Some(c) = i.communicator {
        roles.push(format!("Communicator: {}", name(c)));
    }
    if !roles.is_empty() {
        s.push_str(&roles.join(" · "));
        s.push('\n');
    }
    s.push_str("\nWritten without blame: it asks what in the system let this happen, not who.\n");
    s
}

fn action_line(a: &Action, name: &dyn Fn(i64) -> String, due: Option<Date>) -> String {
    let mut s = format!(
        "- [{}] {}",
        if a.done_on.is_some() { "x" } else { " " },
        a.text.trim()
    );
    if let Some(o) = a.owner {
        s.push_str(&format!(" · {}", name(o)));
    }
    match (a.done_on, due) {
        (Some(d), _) => s.push_str(&format!(" · done {d}")),
        (None, Some(d)) => s.push_str(&format!(" · due {d}")),
        (None, None) => {}
    }
    if a.priority {
        s.push_str(" · priority");
    }
    s
}

/// Reads an edited document: the text under each known `##` heading (comments dropped).
/// Text before the first heading (the title and facts) is not read: those are kept on the
/// incident itself.
pub fn read(markdown: &str) -> Result<Edited, PostmortemError> {
    let mut edited = Edited::default();
    let mut found = false;
    for (heading, body) in split_sections(&strip_comments(markdown)) {
        found = true;
        let body = body.trim();
        let p = &mut edited.sections;
        match heading.to_ascii_lowercase().as_str() {
            "summary" => p.summary = body.into(),
            "impact" => p.impact = body.into(),
            "detection" => p.detection = body.into(),
            "response" => p.response = body.into(),
            "recovery" => p.recovery = body.into(),
            "timeline" => p.timeline = body.into(),
            "contributing factors" => p.contributing_factors = items(body),
            "what went well" | "went well" => p.went_well = items(body),
            "actions" | "follow-up actions" => edited.actions = action_lines(body),
            _ => return Err(PostmortemError::UnknownSection(heading)),
        }
    }
    if found {
        Ok(edited)
    } else {
        Err(PostmortemError::NoSections)
    }
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `(heading, body)` for every `## ` heading.
fn split_sections(text: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            sections.push((
                h.trim().trim_end_matches('#').trim().to_string(),
                String::new(),
            ));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    sections
}

/// List items, one per bullet; a line without a bullet continues the item above it.
fn items(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            Some(item) => out.push(item.trim().to_string()),
            None => match out.last_mut() {
                Some(last) => {
                    last.push(' ');
                    last.push_str(line);
                }
                None => out.push(line.to_string()),
            },
        }
    }
    out
}

/// `- [ ] text · owner · due …`: the text before the first ` · `, and whether it is ticked.
fn action_lines(body: &str) -> Vec<ActionLine> {
    items(body)
        .into_iter()
        .map(|item| {
            let (done, rest) = if let Some(r) = item
                .strip_prefix("[x]")
                .or_else(|| item.strip_prefix("[X]"))
            {
                (true, r)
            } else {
                (false, item.strip_prefix("[ ]").unwrap_or(&item))
            };
            let text = rest.split(" · ").next().unwrap_or_default().trim();
            ActionLine {
                text: text.to_string(),
                done,
            }
        })
        .filter(|a| !a.text.is_empty())
        .collect()
}

/// The postmortem after an edit: the edited sections, the actions kept (an action matched by
/// its text is ticked done on `today` or opened again as the document says; a new line is a
/// new action; an action the document leaves out is kept, since owners and dates live on
/// it). A timeline left as it was told from the entries stays blank, so it keeps following
/// them.
pub fn apply(
    existing: Option<&Postmortem>,
    edited: Edited,
    told_from_entries: &str,
    today: Date,
) -> Postmortem {
    let mut p = edited.sections;
    if p.timeline.trim() == told_from_entries.trim() {
        p.timeline = String::new();
    }
    p.actions = existing.map(|e| e.actions.clone()).unwrap_or_default();
    for line in edited.actions {
        match p
            .actions
            .iter_mut()
            .find(|a| a.text.trim().eq_ignore_ascii_case(&line.text))
        {
            Some(a) => match (line.done, a.done_on) {
                (true, None) => a.done_on = Some(today),
                (false, Some(_)) => a.done_on = None,
                _ => {}
            },
            None => p.actions.push(Action {
                text: line.text,
                owner: None,
                due: None,
                done_on: line.done.then_some(today),
                priority: false,
            }),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::TimelineEntry;
    use jiff::civil::date;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn name(id: i64) -> String {
        ["", "Ada", "Grace", "Linus"][id as usize].to_string()
    }

    fn incident() -> Incident {
        let mut i = Incident::new("Checkout down", 1, at("2026-03-02T22:05:00Z"));
        i.resolved = Some(at("2026-03-02T23:35:00Z"));
        i.owner = Some(1);
        i.solvers = vec![2];
        i.communicator = Some(3);
        i.timeline = vec![
            TimelineEntry {
                at: at("2026-03-02T22:40:00Z"),
                text: "Rolled back".into(),
                by: Some(2),
            },
            TimelineEntry {
                at: at("2026-03-02T22:05:00Z"),
                text: "Alert on error rate".into(),
                by: None,
            },
        ];
        i
    }

    #[test]
    fn a_template_has_every_section_and_the_timeline_from_the_entries() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let md = to_markdown(7, &incident(), &name, &tz, None);
        for (h, _) in SECTIONS {
            assert!(md.contains(&format!("\n## {h}\n")), "{h} missing:\n{md}");
        }
        assert!(md.contains("Owner: Ada · Solvers: Grace · Communicator: Linus"));
        // Oldest first, in the lead's zone (an hour ahead of UTC in March).
        let first = md.find("2026-03-02 23:05 — Alert on error rate").unwrap();
        let second = md.find("2026-03-02 23:40 — Rolled back (Grace)").unwrap();
        assert!(first < second);
        assert!(md.contains("<!-- What happened, in a few sentences. -->"));
        // The template read back is an empty postmortem whose timeline follows the entries.
        let edited = read(&md).unwrap();
        assert_eq!(edited.sections.summary, "");
        let told = timeline_from_entries(&incident(), &name, &tz);
        let p = apply(None, edited, &told, date(2026, 3, 4));
        assert_eq!(p.timeline, "");
        assert_eq!(p, Postmortem::default());
    }

    #[test]
    fn an_edited_document_is_read_back_into_its_sections_and_actions() {
        let tz = TimeZone::UTC;
        let mut i = incident();
        i.postmortem = Some(Postmortem {
            actions: vec![Action {
                text: "Alert on queue depth".into(),
                owner: Some(2),
                due: None,
                done_on: None,
                priority: true,
            }],
            ..Postmortem::default()
        });
        let md = to_markdown(7, &i, &name, &tz, Some(date(2026, 3, 2)));
        assert!(
            md.contains("- [ ] Alert on queue depth · Grace · due 2026-03-30 · priority"),
            "{md}"
        );
        let edited_md = md
            .replace(
                "<!-- What happened, in a few sentences. -->",
                "Checkout failed for everyone.\n\nA second paragraph.",
            )
            .replace("- [ ] Alert on queue depth", "- [x] Alert on queue depth")
            .replace(
                "<!-- What made it possible or worse: conditions and decisions, never people. One per line. -->",
                "- The canary saw no traffic\n  at night\n* Retries hid the errors",
            )
            + "- [ ] Write the rollback runbook\n";
        let edited = read(&edited_md).unwrap();
        assert_eq!(
            edited.sections.summary,
            "Checkout failed for everyone.\n\nA second paragraph."
        );
        assert_eq!(
            edited.sections.contributing_factors,
            vec![
                "The canary saw no traffic at night",
                "Retries hid the errors"
            ]
        );
        let told = timeline_from_entries(&i, &name, &tz);
        let p = apply(i.postmortem.as_ref(), edited, &told, date(2026, 3, 5));
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[0].done_on, Some(date(2026, 3, 5)));
        assert_eq!(p.actions[0].owner, Some(2), "the owner is kept");
        assert_eq!(p.actions[1].text, "Write the rollback runbook");
        assert_eq!(p.actions[1].done_on, None);
    }

    #[test]
    fn a_timeline_written_by_hand_is_kept_and_unknown_headings_are_refused() {
        let edited = read("## Timeline\n\n- 22:05 paged\n").unwrap();
        let p = apply(None, edited, "- something else", date(2026, 3, 5));
        assert_eq!(p.timeline, "- 22:05 paged");
        assert_eq!(
            read("## Sumary\ntext"),
            Err(PostmortemError::UnknownSection("Sumary".into()))
        );
        assert_eq!(read("just text"), Err(PostmortemError::NoSections));
    }
}
