//! All-day events as the report reads them: which days they cover and whether they are the
//! user's own (`fulcrum_core::away` decides what they make of the day).

use fulcrum_core::away::{AllDayEvent, ShowAs};
use fulcrum_core::{Profile, time};
use fulcrum_store::StoredEvent;
use jiff::Timestamp;
use std::collections::HashMap;

/// Whether an all-day event speaks of the user's own day: an invitation they did not decline,
/// one they organised, or a note nobody else is on (their own entry or a holiday feed). A
/// colleague's absence organised by the colleague says nothing of the user's.
fn is_mine(e: &StoredEvent) -> bool {
    if e.status == "cancelled" {
        return false;
    }
    match e.my_response.as_str() {
        "declined" => false,
        "none" => e.others == 0 && e.organizer.is_none(),
        _ => true,
    }
}

pub fn all_day_events(
    events: &[StoredEvent],
    source_names: &HashMap<i64, String>,
    profile: &Profile,
) -> Vec<AllDayEvent> {
    let tz = profile.tz();
    let date = |s: i64| time::local_date(Timestamp::from_second(s).unwrap_or_default(), &tz);
    events
        .iter()
        .filter(|e| e.all_day)
        .map(|e| {
            let from = date(e.start_at);
            AllDayEvent {
                from,
                to: date(e.end_at).max(time::add_days(from, 1)),
                title: e.title.clone(),
                calendar: source_names.get(&e.source_id).cloned().unwrap_or_default(),
                show_as: ShowAs::parse(&e.show_as),
                mine: is_mine(e),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(response: &str, others: u32, organizer: Option<&str>) -> StoredEvent {
        StoredEvent {
            source_id: 1,
            uid: "u".into(),
            recurrence_id: String::new(),
            start_at: 1_764_543_600, // 2025-12-01 00:00 in Berlin
            end_at: 1_764_543_600 + 2 * 86_400,
            all_day: true,
            show_as: "away".into(),
            title: "OOO".into(),
            status: "confirmed".into(),
            my_response: response.into(),
            others,
            attendees: vec![],
            organizer: organizer.map(str::to_string),
        }
    }

    #[test]
    fn own_notes_and_invitations_are_mine_a_colleagues_absence_is_not() {
        assert!(is_mine(&event("none", 0, None)));
        assert!(is_mine(&event("accepted", 3, Some("kim@example.com"))));
        assert!(is_mine(&event("organizer", 0, Some("me@example.com"))));
        assert!(!is_mine(&event("declined", 3, Some("kim@example.com"))));
        assert!(!is_mine(&event("none", 0, Some("kim@example.com"))));
    }

    #[test]
    fn an_all_day_event_covers_its_local_dates() {
        let p = Profile::new(
            vec!["me@example.com".into()],
            "Europe/Berlin",
            fulcrum_core::RolePreset::TechLead,
        )
        .unwrap();
        let names = HashMap::from([(1, "work.ics".to_string())]);
        let e = &all_day_events(&[event("none", 0, None)], &names, &p)[0];
        assert_eq!(
            (e.from, e.to),
            (
                jiff::civil::date(2025, 12, 1),
                jiff::civil::date(2025, 12, 3)
            )
        );
        assert_eq!(e.show_as, ShowAs::Away);
        assert_eq!(e.calendar, "work.ics");
    }
}
