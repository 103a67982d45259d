use super::*;

fn lines(text: &str) -> Vec<String> {
    let cal = Calendar::parse(text).expect("parse");
    let from: Timestamp = "2024-01-01T00:00:00Z".parse().expect("ts");
    let to: Timestamp = "2025-01-01T00:00:00Z".parse().expect("ts");
    let mut out: Vec<String> = cal
        .expand(from, to, &TimeZone::UTC)
        .iter()
        .map(tsv_line)
        .collect();
    out.extend(cal.warnings().iter().map(|w| w.to_string()));
    out
}

const ZONE: &str = "BEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19700101T000000\n\
                    TZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n";
const EVENTS: &str = "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Custom:20240301T100000\n\
                      RRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\n\
                      DTSTART:20240301T100000\nEND:VEVENT\n";

#[test]
fn zones_after_the_events_read_as_before_them() {
    let before = lines(&format!(
        "BEGIN:VCALENDAR\nX-WR-TIMEZONE:America/New_York\n{ZONE}{EVENTS}END:VCALENDAR\n"
    ));
    assert_eq!(
        before,
        vec![
            "a\t2024-03-01T07:00:00Z\t2024-03-01T07:00:00Z",
            "b\t2024-03-01T15:00:00Z\t2024-03-01T15:00:00Z",
            "a\t2024-03-02T07:00:00Z\t2024-03-02T07:00:00Z",
        ]
    );
    let after = lines(&format!(
        "BEGIN:VCALENDAR\n{EVENTS}{ZONE}X-WR-TIMEZONE:America/New_York\nEND:VCALENDAR\n"
    ));
    assert_eq!(after, before);
    // An unknown X-WR-TIMEZONE is named once, wherever it stands.
    for text in [
        format!("BEGIN:VCALENDAR\nX-WR-TIMEZONE:Mars/Base\n{ZONE}{EVENTS}END:VCALENDAR\n"),
        format!("BEGIN:VCALENDAR\n{ZONE}{EVENTS}X-WR-TIMEZONE:Mars/Base\nEND:VCALENDAR\n"),
    ] {
        let got = lines(&text);
        assert_eq!(
            got.iter().filter(|l| l.contains("Mars/Base")).count(),
            1,
            "{got:#?}"
        );
        assert!(got.contains(&"b\t2024-03-01T10:00:00\t2024-03-01T10:00:00".to_string()));
    }
}
