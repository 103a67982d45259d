use super::*;
use jiff::civil::date;

fn risk(probability: u8, impact: u8) -> Risk {
    Risk {
        event: "A server crash during peak hours".into(),
        consequence: "data loss".into(),
        category: Category::Operations,
        probability,
        impact,
        strategy: None,
        plan: None,
        owner: Some(Owner::Me),
        status: Status::Open,
        identified_on: date(2026, 3, 2),
        review_on: None,
        reviewed_on: None,
        told: vec![],
        incident: None,
    }
}

#[test]
fn the_statement_reads_event_might_lead_to_consequence() {
    assert_eq!(
        risk(2, 3).statement(),
        "A server crash during peak hours might lead to data loss"
    );
}

#[test]
fn bands_split_at_8_and_15() {
    assert_eq!(risk(1, 1).band(), Band::Low);
    assert_eq!(risk(1, 7).score(), 7);
    assert_eq!(band(7), Band::Low);
    assert_eq!(band(8), Band::Medium);
    assert_eq!(risk(2, 4).band(), Band::Medium);
    assert_eq!(band(14), Band::Medium);
    assert_eq!(risk(3, 5).band(), Band::High);
    assert_eq!(risk(5, 5).score(), 25);
    assert_eq!(risk(5, 5).band(), Band::High);
}

#[test]
fn a_risk_is_checked_field_by_field() {
    let mut r = risk(3, 3);
    assert_eq!(r.check(), Ok(()));
    r.probability = 6;
    assert_eq!(r.check().unwrap_err().field(), "probability");
    r.probability = 0;
    assert_eq!(r.check(), Err(RiskError::Probability(0)));
    r.probability = 3;
    r.impact = 9;
    assert_eq!(r.check().unwrap_err().field(), "impact");
    r.impact = 3;
    r.consequence = "  ".into();
    assert_eq!(r.check().unwrap_err().field(), "consequence");
    r.event = String::new();
    assert_eq!(r.check(), Err(RiskError::NoEvent));
    let mut r = risk(3, 3);
    r.told.push(Told {
        who: Audience::Group(" ".into()),
        on: date(2026, 3, 3),
    });
    assert_eq!(r.check().unwrap_err().field(), "group");
    let mut r = risk(3, 3);
    r.status = Status::Happened;
    assert_eq!(r.check().unwrap_err().field(), "incident");
    r.incident = Some(2);
    assert_eq!(r.check(), Ok(()));
}

#[test]
fn an_accepted_risk_needs_a_review_date() {
    let mut r = risk(2, 2);
    r.set_strategy(Some(Strategy::Accept));
    assert_eq!(r.status, Status::Accepted);
    let e = r.check().unwrap_err();
    assert_eq!(e, RiskError::NoReview);
    assert_eq!(e.field(), "review");
    r.review_on = Some(date(2026, 4, 1));
    assert_eq!(r.check(), Ok(()));
    // Other strategies do not need one.
    r.review_on = None;
    r.set_strategy(Some(Strategy::Transfer));
    assert_eq!(r.check(), Ok(()));
}

#[test]
fn the_status_follows_the_strategy_while_the_risk_is_live() {
    let mut r = risk(2, 2);
    r.set_strategy(Some(Strategy::Mitigate));
    assert_eq!(r.status, Status::Mitigating);
    r.set_strategy(Some(Strategy::Avoid));
    assert_eq!(r.status, Status::Mitigating);
    r.set_strategy(Some(Strategy::Transfer));
    assert_eq!(r.status, Status::Transferred);
    r.set_strategy(None);
    assert_eq!(r.status, Status::Open);
    r.happened(4);
    r.set_strategy(Some(Strategy::Mitigate));
    assert_eq!(r.status, Status::Happened);
    assert_eq!(r.incident, Some(4));
}

#[test]
fn a_review_is_due_from_its_date_while_the_risk_is_live() {
    let mut r = risk(2, 2);
    let today = date(2026, 4, 1);
    assert!(!r.review_due(today), "no review date, nothing due");
    r.review_on = Some(date(2026, 4, 2));
    assert!(!r.review_due(today));
    r.review_on = Some(today);
    assert!(r.review_due(today), "due on the day itself");
    r.review_on = Some(date(2026, 3, 1));
    assert!(r.review_due(today));
    r.status = Status::Closed;
    assert!(!r.review_due(today));
    r.status = Status::Happened;
    assert!(!r.review_due(today));
}

#[test]
fn the_default_review_is_a_sprint_for_high_risks_and_a_month_for_others() {
    let today = date(2026, 4, 1);
    assert_eq!(next_review(Band::High, today), date(2026, 4, 15));
    assert_eq!(next_review(Band::Medium, today), date(2026, 4, 29));
    assert_eq!(next_review(Band::Low, today), date(2026, 4, 29));
    let mut r = risk(5, 4);
    r.reviewed(today, None);
    assert_eq!(r.reviewed_on, Some(today));
    assert_eq!(r.review_on, Some(date(2026, 4, 15)));
    r.reviewed(today, Some(date(2026, 6, 1)));
    assert_eq!(r.review_on, Some(date(2026, 6, 1)));
}

#[test]
fn unowned_and_untold_look_at_the_band_and_the_status() {
    let mut r = risk(2, 3);
    r.owner = None;
    assert!(!r.unowned(), "a low risk may wait for an owner");
    r.impact = 4;
    assert!(r.unowned(), "medium, live and nobody owns it");
    r.status = Status::Closed;
    assert!(!r.unowned());
    let mut r = risk(4, 4);
    assert!(r.untold());
    r.told.push(Told {
        who: Audience::Group("leadership".into()),
        on: date(2026, 3, 3),
    });
    assert!(!r.untold());
    assert!(!risk(2, 4).untold(), "only high risks must be told");
}

#[test]
fn the_people_a_risk_names_are_its_owner_then_those_told_once() {
    let mut r = risk(2, 2);
    r.owner = Some(Owner::Person(3));
    let on = date(2026, 3, 3);
    r.told = vec![
        Told {
            who: Audience::Person(5),
            on,
        },
        Told {
            who: Audience::Group("leadership".into()),
            on,
        },
        Told {
            who: Audience::Person(3),
            on,
        },
    ];
    assert_eq!(r.people(), vec![3, 5]);
    r.owner = Some(Owner::Me);
    assert_eq!(r.people(), vec![5, 3]);
}

#[test]
fn owners_and_audiences_serialise_as_words_or_ids() {
    let json = serde_json::to_value(Owner::Me).unwrap();
    assert_eq!(json, serde_json::json!("me"));
    let json = serde_json::to_value(Audience::Person(2)).unwrap();
    assert_eq!(json, serde_json::json!({"person": 2}));
    let back: Audience =
        serde_json::from_value(serde_json::json!({"group": "leadership"})).unwrap();
    assert_eq!(back, Audience::Group("leadership".into()));
}
