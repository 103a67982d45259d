//! Every title of `titles.tsv` must get its category from the default rules: a corpus of
//! realistic meeting titles (1:1s, rituals, hiring, incidents, German, French and Spanish
//! forms …) that keeps "specific wins" true as the defaults change.

use fulcrum_core::Category;
use fulcrum_core::rules::{EventFacts, RuleSet};

const CORPUS: &str = include_str!("titles.tsv");

struct Case {
    line: usize,
    want: Category,
    others: u32,
    title: &'static str,
}

fn cases() -> Vec<Case> {
    CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut cols = l.splitn(3, '\t');
            let (Some(cat), Some(others), Some(title)) = (cols.next(), cols.next(), cols.next())
            else {
                panic!(
                    "titles.tsv:{}: expected category, others and title: {l:?}",
                    i + 1
                );
            };
            Case {
                line: i + 1,
                want: cat
                    .parse()
                    .unwrap_or_else(|e| panic!("titles.tsv:{}: {e}", i + 1)),
                others: others
                    .parse()
                    .unwrap_or_else(|e| panic!("titles.tsv:{}: others: {e}", i + 1)),
                title,
            }
        })
        .collect()
}

#[test]
fn the_default_rules_put_every_corpus_title_in_place() {
    let rules = RuleSet::defaults();
    let cases = cases();
    assert!(cases.len() >= 150, "only {} titles", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let m = rules.categorise(&EventFacts {
                title: c.title,
                others: c.others,
                ..Default::default()
            });
            (m.category != c.want).then(|| {
                format!(
                    "titles.tsv:{}: {:?} with {} others is {} (rule '{}', {}), expected {}",
                    c.line, c.title, c.others, m.category, m.rule, m.reason, c.want
                )
            })
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_corpus_covers_every_category_and_no_title_twice() {
    let cases = cases();
    for c in Category::ALL {
        assert!(cases.iter().any(|k| k.want == c), "no title for {c}");
    }
    let mut seen = std::collections::HashSet::new();
    for c in &cases {
        assert!(
            seen.insert((c.title.to_lowercase(), c.others)),
            "titles.tsv:{}: {:?} is there twice",
            c.line,
            c.title
        );
    }
}
