use super::*;
use jiff::civil::datetime;

fn run(rule: &str, start: DateTime, n: usize) -> Vec<String> {
    let r = RRule::parse(rule).unwrap();
    RuleIter::new(&r, start, datetime(2100, 1, 1, 0, 0, 0, 0))
        .take(n)
        .map(|d| d.to_string())
        .collect()
}

/// Asserts that `rule` from `start` yields exactly `expected` (at most `n` asked for).
fn assert_runs(what: &str, rule: &str, start: DateTime, n: usize, expected: &[&str]) {
    assert_eq!(run(rule, start, n), expected, "{what} {rule} from {start}");
}

#[test]
fn last_friday_monthly() {
    assert_runs(
        "The last Friday of the month.",
        "FREQ=MONTHLY;BYDAY=-1FR",
        datetime(2024, 1, 26, 10, 0, 0, 0),
        3,
        &[
            "2024-01-26T10:00:00",
            "2024-02-23T10:00:00",
            "2024-03-29T10:00:00",
        ],
    );
}

#[test]
fn rfc_examples() {
    let cases: &[(&str, &str, DateTime, usize, &[&str])] = &[
        (
            "Last work day of the month.",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            datetime(1997, 9, 30, 9, 0, 0, 0),
            3,
            &[
                "1997-09-30T09:00:00",
                "1997-10-31T09:00:00",
                "1997-11-28T09:00:00",
            ],
        ),
        (
            "Monday of week 20.",
            "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            datetime(1997, 5, 12, 9, 0, 0, 0),
            3,
            &[
                "1997-05-12T09:00:00",
                "1998-05-11T09:00:00",
                "1999-05-17T09:00:00",
            ],
        ),
        (
            "WKST changes the result.",
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            datetime(1997, 8, 5, 9, 0, 0, 0),
            10,
            &[
                "1997-08-05T09:00:00",
                "1997-08-17T09:00:00",
                "1997-08-19T09:00:00",
                "1997-08-31T09:00:00",
            ],
        ),
        (
            "Every 20th Monday of the year.",
            "FREQ=YEARLY;BYDAY=20MO",
            datetime(1997, 5, 19, 9, 0, 0, 0),
            2,
            &["1997-05-19T09:00:00", "1998-05-18T09:00:00"],
        ),
        (
            "Feb 30 never happens, but Jan 30 does.",
            "FREQ=MONTHLY;BYMONTHDAY=30",
            datetime(2024, 1, 30, 9, 0, 0, 0),
            2,
            &["2024-01-30T09:00:00", "2024-03-30T09:00:00"],
        ),
    ];
    for &(what, rule, start, n, expected) in cases {
        assert_runs(what, rule, start, n, expected);
    }
}

#[test]
fn rejects_garbage() {
    assert!(RRule::parse("FREQ=FORTNIGHTLY").is_err());
    assert!(RRule::parse("FREQ=WEEKLY;BYDAY=XX").is_err());
    assert!(RRule::parse("BYDAY=MO").is_err());
    assert!(RRule::parse("FREQ=DAILY;INTERVAL=0").is_err());
    assert!(RRule::parse("FREQ=DAILY;BYDAY=é").is_err());
}
