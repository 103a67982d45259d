//! The user's rules file: any text must be read as rules or refused with a message, never
//! panic; rules that load must categorise any event, agree with their own explanation, and
//! survive being written back (the web's rule editor saves what it loaded).
//!
//! Input: the rules file, then optionally a NUL byte and the event to categorise: a byte for
//! the number of other people, then lines for title, organiser, calendar and attendee e-mails.
#![no_main]

use fulcrum_app::rules_file;
use fulcrum_core::EventFacts;
use fulcrum_core::people::Relation;
use fulcrum_core::rules::{FALLBACK_RULE, Rule, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Where the round trip writes: inside the fuzz crate's ignored `target/`, one file per
/// process so parallel jobs do not share it.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/rules-roundtrip");
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir.join(format!("rules-{}.toml", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let (toml, event) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(toml);
    let Ok(rules) = rules_file::parse(&text, "rules.toml") else {
        return;
    };
    let set = RuleSet::new(rules.clone()).expect("rules that parse compile");

    let (others, rest) = event.split_first().map_or((0, &[][..]), |(n, r)| (*n, r));
    let rest = String::from_utf8_lossy(rest);
    let mut lines = rest.split('\n');
    let title = lines.next().unwrap_or("");
    let organizer = lines.next();
    let calendar = lines.next().unwrap_or("");
    let emails: Vec<String> = lines.map(str::to_string).collect();
    // Who is there, as the people records would say: each address's first byte picks a
    // relation or none; a 1:1 when exactly one known person is there.
    let relations: Vec<Option<Relation>> = emails
        .iter()
        .map(|e| {
            let i = usize::from(e.bytes().next().unwrap_or(0)) % (Relation::ALL.len() + 1);
            Relation::ALL.get(i).copied()
        })
        .collect();
    let one_on_one = match relations.as_slice() {
        [Some(r)] => Some(*r),
        _ => None,
    };
    let facts = EventFacts {
        title,
        others: u32::from(others),
        attendee_emails: &emails,
        organizer,
        calendar,
        relations,
        one_on_one,
    };
    let winner = set.categorise(&facts);
    let checks = set.explain(&facts);
    match checks.iter().find(|c| c.matched) {
        Some(first) => assert_eq!(
            (first.rule.as_str(), first.origin),
            (winner.rule.as_str(), winner.origin),
            "the first matching rule wins"
        ),
        None => assert_eq!(winner.rule, FALLBACK_RULE),
    }

    let path = scratch();
    rules_file::save(path, &rules).expect("rules that loaded can be saved");
    // Read back with the file's own shape but without `load`, which would compile every
    // pattern a fourth time: compiling the defaults is most of each run's time.
    let saved = std::fs::read_to_string(path).expect("the saved file");
    let back: Saved = toml::from_str(&saved).expect("saved rules are TOML");
    assert_eq!(back.rule, rules, "saved rules read back the same");
});

/// The rules file as `rules_file` reads it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    #[serde(default)]
    rule: Vec<Rule>,
}
