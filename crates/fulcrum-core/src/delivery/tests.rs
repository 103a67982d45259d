use super::*;
use jiff::civil::date;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A full 40-character hash, distinct for each `n`: `hash(3)` is `0303…03`.
fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(20)
}

fn deploy(at: &str, commit: &str, service: Option<&str>, status: DeployStatus) -> Deploy {
    Deploy {
        deployed_at: ts(at),
        commit: commit.into(),
        service: service.map(str::to_string),
        status,
    }
}

fn error(text: &str) -> String {
    parse_deploys(text).unwrap_err().to_string()
}

// Reading a deploy log: CSV.

#[test]
fn csv_columns_come_in_any_order_and_extra_ones_are_ignored() {
    let text = "status,commit,environment,deployed_at,service\n\
                ,3F9C2A1,prod,2026-03-02T14:05:00Z,api\n\
                FAILURE,abcdef0123,prod,2026-03-03T09:00:00Z,\n";
    let deploys = parse_deploys(text).unwrap();
    assert_eq!(
        deploys,
        vec![
            deploy(
                "2026-03-02T14:05:00Z",
                "3f9c2a1",
                Some("api"),
                DeployStatus::Success
            ),
            deploy(
                "2026-03-03T09:00:00Z",
                "abcdef0123",
                None,
                DeployStatus::Failure
            ),
        ]
    );
}

#[test]
fn csv_without_service_or_status_columns_is_all_successes() {
    let deploys = parse_deploys("deployed_at,commit\n2026-03-02T14:05:00Z,3f9c2a1\n").unwrap();
    assert_eq!(deploys.len(), 1);
    assert_eq!(deploys[0].service, None);
    assert_eq!(deploys[0].status, DeployStatus::Success);
}

#[test]
fn csv_quoted_fields_hold_commas_quotes_and_line_breaks() {
    let text = "deployed_at,commit,service,note\n\
                2026-03-02T14:05:00Z,3f9c2a1,\"api, eu\",\"said \"\"hi\"\"\"\n\
                \"2026-03-03T09:00:00Z\",\"abcd\",web,\"two\nlines\"\n\
                2026-03-04T09:00:00Z,zzzz,web,\n";
    // The third record starts on line 5: the second one spans lines 3 and 4.
    assert_eq!(
        error(text),
        "line 5: commit \"zzzz\" is not a commit hash: write 4 to 40 hexadecimal characters, \
         such as 3f9c2a1"
    );
    let ok = text.rsplit_once("2026-03-04").unwrap().0;
    let deploys = parse_deploys(ok).unwrap();
    assert_eq!(deploys[0].service.as_deref(), Some("api, eu"));
    assert_eq!(deploys[1].commit, "abcd");
    assert_eq!(deploys[1].deployed_at, ts("2026-03-03T09:00:00Z"));
}

#[test]
fn csv_reads_crlf_a_byte_order_mark_and_blank_lines() {
    let text = "\u{feff}deployed_at,commit\r\n\r\n2026-03-02T14:05:00Z,3f9c2a1\r\n\
                2026-03-03T14:05:00Z,3f9c2a2\r\n\r\n";
    let deploys = parse_deploys(text).unwrap();
    assert_eq!(deploys.len(), 2);
    assert_eq!(
        deploys[0].commit, "3f9c2a1",
        "no \\r left on the last field"
    );
    // The header's first column is found although the mark precedes it.
    assert_eq!(
        error("\u{feff}deployed_at,commit\r\n2026-03-02T14:05:00Z,xyz\r\n"),
        "line 2: commit \"xyz\" is not a commit hash: write 4 to 40 hexadecimal characters, \
         such as 3f9c2a1"
    );
}

#[test]
fn times_take_an_offset_and_a_space_only_with_one() {
    let at = |t: &str| {
        parse_deploys(&format!("deployed_at,commit\n{t},3f9c2a1\n")).map(|d| d[0].deployed_at)
    };
    let utc = ts("2026-03-02T14:05:00Z");
    assert_eq!(at("2026-03-02T15:05:00+01:00").unwrap(), utc);
    assert_eq!(at("2026-03-02T09:05:00-05:00").unwrap(), utc);
    assert_eq!(at("2026-03-02 15:05:00+01:00").unwrap(), utc);
    assert_eq!(at("2026-03-02T14:05Z").unwrap(), utc);
    assert_eq!(
        at("2026-03-02T14:05:00.250Z").unwrap(),
        utc.checked_add(jiff::SignedDuration::from_millis(250))
            .unwrap()
    );
    // Without an offset the instant depends on a zone the log does not name.
    for bad in [
        "2026-03-02 14:05:00",
        "2026-03-02T14:05:00",
        "2026-03-02",
        "2026-03-02T14Z",
        "2026-03-02T14:05:00Z[Europe/Paris]",
        "2026-13-02T14:05:00Z",
    ] {
        assert_eq!(
            at(bad).unwrap_err(),
            DeployError::Time {
                line: 2,
                value: bad.into()
            },
            "{bad}"
        );
    }
}

#[test]
fn status_is_success_or_failure_in_any_case() {
    let text = "deployed_at,commit,status\n\
                2026-03-02T14:05:00Z,aaaa,Success\n\
                2026-03-02T15:05:00Z,bbbb, failure \n\
                2026-03-02T16:05:00Z,cccc,\n";
    let statuses: Vec<DeployStatus> = parse_deploys(text)
        .unwrap()
        .into_iter()
        .map(|d| d.status)
        .collect();
    assert_eq!(
        statuses,
        [
            DeployStatus::Success,
            DeployStatus::Failure,
            DeployStatus::Success
        ]
    );
}

#[test]
fn csv_errors_name_the_line_and_the_field() {
    let header = "deployed_at,commit,status\n";
    let with = |rows: &str| error(&format!("{header}2026-03-02T14:05:00Z,aaaa,\n{rows}"));
    assert_eq!(
        with("2026-03-02T14:05:00Z,bbbb,\n yesterday ,cccc,\n"),
        "line 4: deployed_at \"yesterday\" is not an RFC 3339 time such as 2026-03-02T14:05:00Z"
    );
    assert_eq!(
        with("2026-03-02T14:05:00Z,a1b,\n"),
        "line 3: commit \"a1b\" is not a commit hash: write 4 to 40 hexadecimal characters, \
         such as 3f9c2a1"
    );
    assert_eq!(
        with(&format!("2026-03-02T14:05:00Z,{}a,\n", hash(1))),
        format!(
            "line 3: commit \"{}a\" is not a commit hash: write 4 to 40 hexadecimal \
             characters, such as 3f9c2a1",
            hash(1)
        ),
        "41 characters is one too many"
    );
    assert_eq!(
        with("2026-03-02T14:05:00Z,bbbb,ok\n"),
        "line 3: status \"ok\" is neither success nor failure: leave it empty for a success"
    );
    assert_eq!(
        with(",bbbb,\n"),
        "line 3: deployed_at is empty: every deployment needs deployed_at and commit"
    );
    assert_eq!(
        with("2026-03-02T14:05:00Z, ,\n"),
        "line 3: commit is empty: every deployment needs deployed_at and commit"
    );
    assert_eq!(
        with("2026-03-02T14:05:00Z,bbbb,success,extra\n"),
        "line 3: 4 fields where the header has 3 columns: put a field that holds a comma in \
         double quotes"
    );
    assert_eq!(
        with("2026-03-02T14:05:00Z,\"bbbb,\n\n"),
        "line 3: a quoted field is not closed: end it with a double quote (write \"\" for a \
         quote inside it)"
    );
}

#[test]
fn the_header_needs_deployed_at_and_commit_once_each() {
    assert_eq!(
        error("deployed_at,sha\n2026-03-02T14:05:00Z,aaaa\n"),
        "the header has no \"commit\" column: a deploy log needs deployed_at and commit"
    );
    assert_eq!(
        error("2026-03-02T14:05:00Z,aaaa\n"),
        "the header has no \"deployed_at\" column: a deploy log needs deployed_at and commit"
    );
    assert_eq!(
        error("deployed_at,commit, Commit\n"),
        "the header has two \"commit\" columns: keep one"
    );
    assert_eq!(parse_deploys(" \n\r\n"), Err(DeployError::Empty));
    assert_eq!(parse_deploys(""), Err(DeployError::Empty));
    assert_eq!(parse_deploys("Deployed_At,COMMIT\n").unwrap(), vec![]);
}

// Reading a deploy log: JSON lines.

#[test]
fn json_lines_skip_blank_lines_and_ignore_other_keys() {
    let text = "\u{feff}{\"commit\": \"3F9C2A1\", \"deployed_at\": \"2026-03-02T15:05:00+01:00\", \"by\": \"ci\"}\r\n\
                \r\n\
                {\"deployed_at\": \"2026-03-03T09:00:00Z\", \"commit\": \"abcd\", \"service\": \"api\", \"status\": \"Failure\"}\n\
                {\"deployed_at\": \"2026-03-04T09:00:00Z\", \"commit\": \"abce\", \"service\": null, \"status\": null}\n";
    assert_eq!(
        parse_deploys(text).unwrap(),
        vec![
            deploy(
                "2026-03-02T14:05:00Z",
                "3f9c2a1",
                None,
                DeployStatus::Success
            ),
            deploy(
                "2026-03-03T09:00:00Z",
                "abcd",
                Some("api"),
                DeployStatus::Failure
            ),
            deploy("2026-03-04T09:00:00Z", "abce", None, DeployStatus::Success),
        ]
    );
}

#[test]
fn json_line_errors_name_the_line_and_the_field() {
    let first = "{\"deployed_at\": \"2026-03-02T14:05:00Z\", \"commit\": \"aaaa\"}\n\n";
    let with = |line: &str| error(&format!("{first}{line}\n"));
    assert_eq!(
        with("{\"deployed_at\": \"yesterday\", \"commit\": \"aaaa\"}"),
        "line 3: deployed_at \"yesterday\" is not an RFC 3339 time such as 2026-03-02T14:05:00Z"
    );
    assert_eq!(
        with("{\"deployed_at\": \"2026-03-02T14:05:00Z\"}"),
        "line 3: commit is empty: every deployment needs deployed_at and commit"
    );
    assert_eq!(
        with("{\"deployed_at\": \"2026-03-02T14:05:00Z\", \"commit\": 1234}"),
        "line 3: commit is not a string: write it in double quotes"
    );
    assert_eq!(
        with(
            "{\"deployed_at\": \"2026-03-02T14:05:00Z\", \"commit\": \"aaaa\", \"status\": \"broken\"}"
        ),
        "line 3: status \"broken\" is neither success nor failure: leave it empty for a success"
    );
    assert_eq!(
        with("{\"deployed_at\": \"2026-03-02T14:05:00Z\" \"commit\": \"aaaa\"}"),
        "line 3: not a JSON object (unreadable at column 40): write one object a line, such as \
         {\"deployed_at\": \"2026-03-02T14:05:00Z\", \"commit\": \"3f9c2a1\"}"
    );
    assert!(
        with("\"2026-03-02T14:05:00Z\"").starts_with("line 3: not a JSON object (not an object)")
    );
    assert_eq!(
        error("[{\"deployed_at\": \"2026-03-02T14:05:00Z\", \"commit\": \"aaaa\"}]"),
        "the deploy log is a JSON array: write one object a line (JSON lines) without the \
         surrounding [ ]"
    );
}

#[test]
fn a_repeated_deployment_is_kept_once() {
    let text = "deployed_at,commit,service\n\
                2026-03-02T14:05:00Z,aaaa,api\n\
                2026-03-02T15:05:00+01:00,AAAA,api\n\
                2026-03-02T14:05:00Z,aaaa,web\n\
                2026-03-02T14:05:00Z,aaaa,\n\
                2026-03-02T14:05:00Z,aaaa,\n";
    let deploys = parse_deploys(text).unwrap();
    let services: Vec<Option<&str>> = deploys.iter().map(|d| d.service.as_deref()).collect();
    assert_eq!(services, [Some("api"), Some("web"), None]);
    // Merging two imports of the same log changes nothing.
    let twice = [deploys.clone(), deploys.clone()].concat();
    assert_eq!(dedupe(twice), deploys);
}

#[test]
fn a_deploy_serialises_with_its_words() {
    let d = deploy("2026-03-02T14:05:00Z", "aaaa", None, DeployStatus::Failure);
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"deployed_at": "2026-03-02T14:05:00Z", "commit": "aaaa", "status": "failure"})
    );
    let back: Deploy =
        serde_json::from_str(r#"{"deployed_at": "2026-03-02T14:05:00Z", "commit": "aaaa"}"#)
            .unwrap();
    assert_eq!(back.status, DeployStatus::Success);
}

// Resolving an abbreviated commit.

fn three_deploys() -> Vec<Deploy> {
    vec![
        deploy(
            "2026-03-02T10:00:00Z",
            "3f9c2a1b",
            None,
            DeployStatus::Success,
        ),
        deploy(
            "2026-03-03T10:00:00Z",
            "3f9d0000",
            None,
            DeployStatus::Success,
        ),
        deploy(
            "2026-03-04T10:00:00Z",
            "3f9c2a1b",
            None,
            DeployStatus::Success,
        ),
    ]
}

#[test]
fn a_unique_prefix_names_the_latest_deployment_of_its_commit() {
    let deploys = three_deploys();
    // 3f9c2a1b was deployed twice: one commit, so no ambiguity, and the later deployment.
    assert_eq!(resolve_commit("3F9C", &deploys), Ok(2));
    assert_eq!(resolve_commit("3f9d", &deploys), Ok(1));
    // A full hash finds the deployment whose log abbreviated it.
    assert_eq!(resolve_commit("3f9d0000ffffffff", &deploys), Ok(1));
}

#[test]
fn an_ambiguous_or_unknown_prefix_says_so() {
    let deploys = three_deploys();
    let err = resolve_commit("3f9", &deploys).unwrap_err();
    assert_eq!(
        err,
        ResolveError::NotAHash("3f9".into()),
        "three characters are too few"
    );
    let err = resolve_commit("3F9c2a1c", &deploys);
    assert_eq!(err, Err(ResolveError::NoMatch("3f9c2a1c".into())));
    // Longer than the log's abbreviation, and starting with it: that commit.
    assert_eq!(resolve_commit("3f9c2a1b0", &deploys), Ok(2));
    let deploys = [
        three_deploys(),
        vec![deploy(
            "2026-03-05T10:00:00Z",
            "3f9d0001",
            None,
            DeployStatus::Success,
        )],
    ]
    .concat();
    let err = resolve_commit("3f9d", &deploys).unwrap_err();
    assert_eq!(
        err.to_string(),
        "3f9d matches 2 deployed commits (3f9d0000, 3f9d0001): give more characters"
    );
    assert_eq!(
        resolve_commit("g00d", &deploys).unwrap_err().to_string(),
        "\"g00d\" is not a commit: give at least 4 hexadecimal characters of its hash, such as \
         3f9c2a1"
    );
    assert_eq!(
        resolve_commit("abcd", &deploys).unwrap_err().to_string(),
        "no deployment has a commit starting with abcd: check the hash, or import the deploy log \
         that has it"
    );
}

// The four keys, worked by hand.
//
// The period is the four weeks from Monday 2 March to Sunday 29 March 2026: 28 days, 4 weeks.
//
// Deployments of `api` (the deployed commit, and the commits it contains for the first time):
//
//   D0  26 Feb 10:00  c0          before the period
//   D1   3 Mar 10:00  c1 c2
//   D2   6 Mar 16:00  c3
//   D3  10 Mar 09:00  c4 c5       status failure
//   D4  10 Mar 15:00  c6
//   D5  18 Mar 11:00  c7 c8       named by an incident
//   D6  27 Mar 14:00  c9 c10
//   D7  30 Mar 09:00  c11         after the period
//
// and one deployment of `web` on 12 March, which the `api` figures leave out. The history
// gives each deployment every commit reachable from it, the earlier ones' too, as `git
// rev-list` would: the first deployment containing a commit is what counts.
//
// Commits, their author times and lead times (first deployment − author time):
//
//   c0   25 Feb 09:00  D0, before the period: not measured
//   c1    2 Mar 10:00  D1  3 Mar 10:00   24 h
//   c2    3 Mar 08:00  D1  3 Mar 10:00    2 h
//   c3    4 Mar 16:00  D2  6 Mar 16:00   48 h   (listed twice, measured once)
//   c4    9 Mar 13:00  D3 10 Mar 09:00   20 h   (the failed deployment delivered it)
//   c5   10 Mar 08:00  D3 10 Mar 09:00    1 h
//   c6   10 Mar 14:00  D4 10 Mar 15:00    1 h
//   c7   11 Mar 11:00  D5 18 Mar 11:00  168 h
//   c8   16 Mar 11:00  D5 18 Mar 11:00   48 h
//   c9   27 Mar 15:00  D6 27 Mar 14:00   −1 h, a clock ahead: counted as 0 h
//   c10  20 Mar 14:00  D6 27 Mar 14:00  168 h
//   c11  29 Mar 12:00  D7, after the period: not measured
//   c12  29 Mar 18:00  never deployed: not measured
//
// Incidents:
//
//   I0  26 Feb 12:00 → 26 Feb 13:00   names D0 (c0)   started before the period: left out
//   I1  10 Mar 09:30 → 10 Mar 15:00   names D3 (c5)   5.5 h
//   I2  18 Mar 13:00 → 18 Mar 15:30   names D5 (c8)   2.5 h
//   I3  24 Mar 22:00 → 25 Mar 04:00   no deployment   6 h
//   I4  28 Mar 10:00 → still open                     no restore time yet
//
// So:
//
// - deployments: D1…D6 = 6; per week 6 / 4 = 1.5. Days per deployment 28 / 6 ≈ 4.7: not
//   under 1 (elite), up to 7: high.
// - lead time: 10 commits measured (c1…c10). Sorted hours 0 1 1 2 20 24 48 48 168 168; the
//   middle two are 20 and 24, the median 22 h: under 24, elite.
// - change failure rate: D3 (failure, and named by I1: counted once) and D5 (named by I2):
//   2 of 6 = 0.333…; 33 % is above 15 %: low.
// - time to restore: I1, I2, I3 = 5.5, 2.5, 6 h; sorted 2.5 5.5 6, the median 5.5 h: not
//   under 1 h, under 24 h: high.

struct Fixture {
    deploys: Vec<Deploy>,
    commits: Vec<Commit>,
    history: History,
    incidents: Vec<IncidentFacts>,
}

fn commit(n: u8, author_time: &str) -> Commit {
    Commit {
        hash: hash(n),
        author_time: ts(author_time),
    }
}

fn incident(started: &str, resolved: Option<&str>, deploy: Option<u8>) -> IncidentFacts {
    IncidentFacts {
        started: ts(started),
        resolved: resolved.map(ts),
        deploy: deploy.map(hash),
    }
}

fn fixture() -> Fixture {
    let api = |at: &str, n: u8, status| deploy(at, &hash(n), Some("api"), status);
    let ok = DeployStatus::Success;
    let deploys = vec![
        api("2026-02-26T10:00:00Z", 0, ok),
        api("2026-03-03T10:00:00Z", 2, ok),
        api("2026-03-06T16:00:00Z", 3, ok),
        api("2026-03-10T09:00:00Z", 5, DeployStatus::Failure),
        api("2026-03-10T15:00:00Z", 6, ok),
        deploy(
            "2026-03-12T12:00:00Z",
            &hash(20),
            Some("web"),
            DeployStatus::Success,
        ),
        api("2026-03-18T11:00:00Z", 8, ok),
        api("2026-03-27T14:00:00Z", 10, ok),
        api("2026-03-30T09:00:00Z", 11, ok),
    ];
    // Each deployed commit with what it adds; what it contains is that and all before it.
    let adds: [(u8, &[u8]); 8] = [
        (0, &[0]),
        (2, &[1, 2]),
        (3, &[3]),
        (5, &[4, 5]),
        (6, &[6]),
        (8, &[7, 8]),
        (10, &[9, 10]),
        (11, &[11]),
    ];
    let mut history = History::new();
    let mut reachable = Vec::new();
    for (tip, new) in adds {
        reachable.extend(new.iter().map(|&n| hash(n)));
        history.insert(&hash(tip), &reachable);
    }
    history.insert(&hash(20), [hash(20)]);
    let commits = vec![
        commit(0, "2026-02-25T09:00:00Z"),
        commit(1, "2026-03-02T10:00:00Z"),
        commit(2, "2026-03-03T08:00:00Z"),
        commit(3, "2026-03-04T16:00:00Z"),
        commit(3, "2026-03-04T16:00:00Z"),
        commit(4, "2026-03-09T13:00:00Z"),
        commit(5, "2026-03-10T08:00:00Z"),
        commit(6, "2026-03-10T14:00:00Z"),
        commit(7, "2026-03-11T11:00:00Z"),
        commit(8, "2026-03-16T11:00:00Z"),
        commit(9, "2026-03-27T15:00:00Z"),
        commit(10, "2026-03-20T14:00:00Z"),
        commit(11, "2026-03-29T12:00:00Z"),
        commit(12, "2026-03-29T18:00:00Z"),
    ];
    let incidents = vec![
        incident(
            "2026-02-26T12:00:00Z",
            Some("2026-02-26T13:00:00Z"),
            Some(0),
        ),
        incident(
            "2026-03-10T09:30:00Z",
            Some("2026-03-10T15:00:00Z"),
            Some(5),
        ),
        incident(
            "2026-03-18T13:00:00Z",
            Some("2026-03-18T15:30:00Z"),
            Some(8),
        ),
        incident("2026-03-24T22:00:00Z", Some("2026-03-25T04:00:00Z"), None),
        incident("2026-03-28T10:00:00Z", None, None),
    ];
    Fixture {
        deploys,
        commits,
        history,
        incidents,
    }
}

fn dora_of(f: &Fixture, service: Option<&str>, from: Date, to: Date) -> Result<Dora, PeriodError> {
    dora(&DoraInput {
        deploys: &f.deploys,
        service,
        commits: &f.commits,
        history: &f.history,
        incidents: &f.incidents,
        from,
        to,
    })
}

#[test]
fn the_worked_example_gives_the_hand_computed_keys() {
    let f = fixture();
    let d = dora_of(&f, Some("api"), date(2026, 3, 2), date(2026, 3, 29)).unwrap();
    assert_eq!(d.days, 28);
    assert_eq!(d.deployments, 6);
    assert_eq!(
        d.deploys_per_week,
        Ratio {
            value: Some(1.5),
            numerator: 6,
            denominator: 4.0,
            tier: Some(Tier::High),
        }
    );
    assert_eq!(
        d.lead_time_median_hours,
        Median {
            value: Some(22.0),
            count: 10,
            tier: Some(Tier::Elite),
        }
    );
    assert_eq!(
        d.change_failure_rate,
        Ratio {
            value: Some(2.0 / 6.0),
            numerator: 2,
            denominator: 6,
            tier: Some(Tier::Low),
        }
    );
    assert_eq!(
        d.time_to_restore_median_hours,
        Median {
            value: Some(5.5),
            count: 3,
            tier: Some(Tier::High),
        }
    );
    assert_eq!(d.thresholds_year, 2023);
    assert_eq!(d.service.as_deref(), Some("api"));
}

#[test]
fn the_worked_example_serialises_to_json_ready_fields() {
    let f = fixture();
    let d = dora_of(&f, Some("api"), date(2026, 3, 2), date(2026, 3, 29)).unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["deployments"], 6);
    assert_eq!(json["deploys_per_week"]["value"], 1.5);
    assert_eq!(json["deploys_per_week"]["tier"], "high");
    assert_eq!(json["change_failure_rate"]["numerator"], 2);
    assert_eq!(json["change_failure_rate"]["denominator"], 6);
    assert_eq!(json["lead_time_median_hours"]["count"], 10);
    assert_eq!(json["time_to_restore_median_hours"]["tier"], "high");
    assert_eq!(json["from"], "2026-03-02");
    assert_eq!(json["thresholds_year"], 2023);
}

#[test]
fn without_a_service_every_deployment_counts() {
    let f = fixture();
    let all = dora_of(&f, None, date(2026, 3, 2), date(2026, 3, 29)).unwrap();
    // The web deployment joins: 7 deployments, none of them failed besides D3 and D5.
    assert_eq!(all.deployments, 7);
    assert_eq!(all.change_failure_rate.denominator, 7);
    assert_eq!(all.change_failure_rate.numerator, 2);
    assert_eq!(all.service, None);
    // A service is matched ignoring case; one no deployment has gives none.
    let upper = dora_of(&f, Some("API"), date(2026, 3, 2), date(2026, 3, 29)).unwrap();
    assert_eq!(upper.deployments, 6);
    let none = dora_of(&f, Some("batch"), date(2026, 3, 2), date(2026, 3, 29)).unwrap();
    assert_eq!(none.deployments, 0);
}

#[test]
fn the_period_counts_both_its_days_in_utc() {
    let f = fixture();
    // 10 March alone: D3 at 09:00 and D4 at 15:00.
    let day = dora_of(&f, Some("api"), date(2026, 3, 10), date(2026, 3, 10)).unwrap();
    assert_eq!(day.days, 1);
    assert_eq!(day.deployments, 2);
    // Two deployments in one day is more than one a day: elite frequency.
    assert_eq!(day.deploys_per_week.tier, Some(Tier::Elite));
    assert_eq!(day.deploys_per_week.value, Some(14.0));
    // c4, c5 (D3) and c6 (D4): 20, 1 and 1 hours.
    assert_eq!(day.lead_time_median_hours.value, Some(1.0));
    assert_eq!(day.lead_time_median_hours.count, 3);
    // D3 failed: one in two.
    assert_eq!(day.change_failure_rate.value, Some(0.5));
    // I1 started that day.
    assert_eq!(day.time_to_restore_median_hours.count, 1);
    assert_eq!(day.time_to_restore_median_hours.value, Some(5.5));
    // A period ending 29 March leaves D7 (30 March, 09:00) out; one ending 30 March has it.
    let longer = dora_of(&f, Some("api"), date(2026, 3, 2), date(2026, 3, 30)).unwrap();
    assert_eq!(longer.deployments, 7);
    assert_eq!(
        longer.lead_time_median_hours.count, 11,
        "c11 is measured now"
    );
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused() {
    let f = fixture();
    let err = dora_of(&f, None, date(2026, 3, 29), date(2026, 3, 2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the period ends on 2026-03-02, before it starts on 2026-03-29: swap the two dates"
    );
}

#[test]
fn without_deployments_or_incidents_nothing_is_guessed() {
    let history = History::new();
    let d = dora(&DoraInput {
        deploys: &[],
        service: None,
        commits: &[commit(1, "2026-03-02T10:00:00Z")],
        history: &history,
        incidents: &[incident("2026-03-05T10:00:00Z", None, None)],
        from: date(2026, 3, 2),
        to: date(2026, 3, 8),
    })
    .unwrap();
    assert_eq!(d.deployments, 0);
    assert_eq!(d.deploys_per_week.value, Some(0.0));
    assert_eq!(d.deploys_per_week.tier, Some(Tier::Low));
    assert_eq!(d.change_failure_rate.value, None);
    assert_eq!(d.change_failure_rate.tier, None);
    assert_eq!(
        d.lead_time_median_hours,
        Median {
            value: None,
            count: 0,
            tier: None
        }
    );
    assert_eq!(d.time_to_restore_median_hours.value, None);
    assert_eq!(d.time_to_restore_median_hours.tier, None);
}

#[test]
fn an_incident_names_the_deployment_running_when_it_started() {
    // c1 goes out on 27 Feb (before the period), c2 on 3 Mar, c1 again on 5 Mar (a rollback).
    let deploys = vec![
        deploy(
            "2026-02-27T10:00:00Z",
            &hash(1),
            None,
            DeployStatus::Success,
        ),
        deploy(
            "2026-03-03T10:00:00Z",
            &hash(2),
            None,
            DeployStatus::Success,
        ),
        deploy(
            "2026-03-05T10:00:00Z",
            &hash(1)[..7],
            None,
            DeployStatus::Success,
        ),
    ];
    let history = History::new();
    let rate = |incidents: &[IncidentFacts]| {
        dora(&DoraInput {
            deploys: &deploys,
            service: None,
            commits: &[],
            history: &history,
            incidents,
            from: date(2026, 3, 1),
            to: date(2026, 3, 31),
        })
        .unwrap()
        .change_failure_rate
    };
    // On 6 March the rollback (abbreviated in the log) was running: it is to blame, in the
    // period.
    let after = rate(&[incident("2026-03-06T08:00:00Z", None, Some(1))]);
    assert_eq!((after.numerator, after.denominator), (1, 2));
    // On 4 March the 27 February deployment was: it is outside the period.
    let before = rate(&[incident("2026-03-04T08:00:00Z", None, Some(1))]);
    assert_eq!(before.numerator, 0);
    // Before any deployment of the commit, the first one is named.
    let early = rate(&[incident("2026-02-20T08:00:00Z", None, Some(2))]);
    assert_eq!(early.numerator, 1);
    // Two incidents on one deployment fail it once.
    let twice = rate(&[
        incident("2026-03-06T08:00:00Z", None, Some(1)),
        incident("2026-03-07T08:00:00Z", None, Some(1)),
    ]);
    assert_eq!(twice.numerator, 1);
}

#[test]
fn medians_take_the_middle_or_the_mean_of_the_two_middles() {
    assert_eq!(median(vec![]), None);
    assert_eq!(median(vec![7]), Some(7.0));
    assert_eq!(median(vec![9, 1, 5]), Some(5.0));
    assert_eq!(median(vec![10, 1, 4, 3]), Some(3.5));
    assert_eq!(median(vec![i64::MAX, i64::MAX]), Some(i64::MAX as f64));
}

// The tiers, at each boundary.

#[test]
fn deployment_frequency_tiers_at_their_boundaries() {
    // 28 days: more than 28 deployments is more than one a day.
    assert_eq!(frequency_tier(29, 28), Tier::Elite);
    assert_eq!(frequency_tier(28, 28), Tier::High, "exactly once a day");
    // Once a week exactly is high; a little less often is medium.
    assert_eq!(frequency_tier(4, 28), Tier::High);
    assert_eq!(frequency_tier(1, 7), Tier::High);
    assert_eq!(frequency_tier(1, 8), Tier::Medium);
    assert_eq!(frequency_tier(3, 28), Tier::Medium);
    // Once in 30 days is medium; once in 31 low.
    assert_eq!(frequency_tier(1, 30), Tier::Medium);
    assert_eq!(frequency_tier(1, 31), Tier::Low);
    assert_eq!(frequency_tier(0, 28), Tier::Low);
}

#[test]
fn lead_time_tiers_at_their_boundaries() {
    assert_eq!(lead_time_tier(0.0), Tier::Elite);
    assert_eq!(lead_time_tier(23.99), Tier::Elite);
    assert_eq!(lead_time_tier(24.0), Tier::High, "a day is high");
    assert_eq!(lead_time_tier(168.0), Tier::High, "a week is still high");
    assert_eq!(lead_time_tier(168.01), Tier::Medium);
    assert_eq!(
        lead_time_tier(720.0),
        Tier::Medium,
        "30 days is still medium"
    );
    assert_eq!(lead_time_tier(720.01), Tier::Low);
}

#[test]
fn change_failure_rate_tiers_at_their_boundaries() {
    assert_eq!(failure_tier(0, 10), Some(Tier::Elite));
    assert_eq!(failure_tier(1, 20), Some(Tier::Elite), "5 % is elite");
    assert_eq!(failure_tier(6, 100), Some(Tier::High));
    assert_eq!(failure_tier(1, 10), Some(Tier::High), "10 % is high");
    assert_eq!(failure_tier(11, 100), Some(Tier::Medium));
    assert_eq!(failure_tier(3, 20), Some(Tier::Medium), "15 % is medium");
    assert_eq!(failure_tier(16, 100), Some(Tier::Low));
    assert_eq!(failure_tier(1, 3), Some(Tier::Low));
    assert_eq!(failure_tier(0, 0), None);
}

#[test]
fn time_to_restore_tiers_at_their_boundaries() {
    assert_eq!(restore_tier(0.99), Tier::Elite);
    assert_eq!(restore_tier(1.0), Tier::High, "an hour is high");
    assert_eq!(restore_tier(23.99), Tier::High);
    assert_eq!(restore_tier(24.0), Tier::Medium, "a day is medium");
    assert_eq!(restore_tier(168.0), Tier::Medium, "a week is still medium");
    assert_eq!(restore_tier(168.01), Tier::Low);
}

#[test]
fn tiers_are_words() {
    assert_eq!(Tier::parse("Elite"), Some(Tier::Elite));
    assert_eq!(Tier::words(), "elite, high, medium, low");
    assert_eq!(serde_json::to_value(Tier::Medium).unwrap(), "medium");
}

// Tags as deployments.

#[test]
fn globs_match_stars_and_question_marks() {
    assert!(glob_matches("v*", "v1.2.0"));
    assert!(glob_matches("v*", "v"));
    assert!(!glob_matches("v*", "release-1"));
    assert!(glob_matches("v?.?", "v1.2"));
    assert!(!glob_matches("v?.?", "v1.10"));
    assert!(!glob_matches("v?", "v"));
    assert!(glob_matches("release-*-prod", "release-2026-03-prod"));
    assert!(!glob_matches("release-*-prod", "release-2026-03-staging"));
    assert!(glob_matches("*/prod", "api/prod"));
    assert!(glob_matches("a*b*c", "axxbyybzc"));
    assert!(!glob_matches("a*b*c", "axxbyybz"));
    assert!(glob_matches("**", ""));
    assert!(!glob_matches("V*", "v1"), "case counts");
    assert!(glob_matches("v1.0", "v1.0"));
    assert!(!glob_matches("v1.0", "v1.0.1"));
    assert!(glob_matches("é*ü", "éclatü"));
}

#[test]
fn tags_matching_the_pattern_are_deployments_one_a_commit() {
    let tag = |name: &str, n: u8, time: &str| Tag {
        name: name.into(),
        commit: hash(n).to_ascii_uppercase(),
        time: ts(time),
    };
    let tags = vec![
        tag("v1.1.0", 2, "2026-03-05T10:00:00Z"),
        tag("v1.0.0", 1, "2026-03-01T10:00:00Z"),
        tag("nightly-42", 3, "2026-03-06T02:00:00Z"),
        tag("v1.1", 2, "2026-03-05T11:00:00Z"),
    ];
    let deploys = deploys_from_tags(&tags, Some("v*"));
    assert_eq!(
        deploys,
        vec![
            deploy(
                "2026-03-01T10:00:00Z",
                &hash(1),
                None,
                DeployStatus::Success
            ),
            deploy(
                "2026-03-05T10:00:00Z",
                &hash(2),
                None,
                DeployStatus::Success
            ),
        ]
    );
    let all = deploys_from_tags(&tags, None);
    let commits: Vec<String> = all.into_iter().map(|d| d.commit).collect();
    assert_eq!(commits, [hash(1), hash(2), hash(3)]);
    assert!(deploys_from_tags(&tags, Some("release-*")).is_empty());
}

#[test]
fn durations_that_run_backwards_count_as_zero() {
    // A commit authored an hour after the deployment that contains it, and an incident
    // resolved an hour before it started: both are 0 hours, not −1.
    let deploys = [deploy(
        "2026-03-03T10:00:00Z",
        &hash(1),
        None,
        DeployStatus::Success,
    )];
    let mut history = History::new();
    history.insert(&hash(1), [hash(1)]);
    let d = dora(&DoraInput {
        deploys: &deploys,
        service: None,
        commits: &[commit(1, "2026-03-03T11:00:00Z")],
        history: &history,
        incidents: &[incident(
            "2026-03-04T10:00:00Z",
            Some("2026-03-04T09:00:00Z"),
            None,
        )],
        from: date(2026, 3, 2),
        to: date(2026, 3, 8),
    })
    .unwrap();
    assert_eq!(d.lead_time_median_hours.value, Some(0.0));
    assert_eq!(d.lead_time_median_hours.count, 1);
    assert_eq!(d.time_to_restore_median_hours.value, Some(0.0));
    assert_eq!(d.time_to_restore_median_hours.tier, Some(Tier::Elite));
}

#[test]
fn deployments_are_counted_per_iso_week_with_the_empty_weeks() {
    let deploys = [
        deploy(
            "2026-03-02T10:00:00Z",
            &hash(1),
            None,
            DeployStatus::Success,
        ),
        deploy(
            "2026-03-08T23:00:00Z",
            &hash(2),
            None,
            DeployStatus::Failure,
        ),
        deploy(
            "2026-03-23T10:00:00Z",
            &hash(3),
            None,
            DeployStatus::Success,
        ),
        // Outside the period on either side.
        deploy(
            "2026-02-27T10:00:00Z",
            &hash(4),
            None,
            DeployStatus::Success,
        ),
        deploy(
            "2026-03-26T10:00:00Z",
            &hash(5),
            None,
            DeployStatus::Success,
        ),
    ];
    let weeks = weekly_counts(&deploys, date(2026, 3, 1), date(2026, 3, 25));
    let counts: Vec<(Date, u32, u32)> = weeks
        .iter()
        .map(|w| (w.monday, w.deployments, w.failures))
        .collect();
    assert_eq!(
        counts,
        vec![
            (date(2026, 2, 23), 0, 0),
            (date(2026, 3, 2), 2, 1),
            (date(2026, 3, 9), 0, 0),
            (date(2026, 3, 16), 0, 0),
            (date(2026, 3, 23), 1, 0),
        ]
    );
}
