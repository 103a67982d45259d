//! The demo's words: 1:1 notes, journal entries, observations and feedback composed from
//! varied parts with the seed, the way a lead's notes differ from one week to the next. A
//! [`Unique`] keeps a kind of text from repeating word for word.

use super::Rng;
use std::collections::HashSet;

/// Parts of the payments service the team works on.
pub const AREAS: [&str; 10] = [
    "retry",
    "ledger",
    "webhook",
    "refunds",
    "billing",
    "checkout",
    "fraud check",
    "payout",
    "idempotency",
    "reconciliation",
];

const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(m: i8) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

pub fn one<'a>(items: &[&'a str], rng: &mut Rng) -> &'a str {
    items[rng.below(items.len() as u64) as usize]
}

/// `template` with each `{key}` replaced by its value.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in slots {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// Remembers what was written so a text is never written twice.
#[derive(Default)]
pub struct Unique(HashSet<String>);

impl Unique {
    /// Draws from `make` until it gives a text not written before; after many tries the last
    /// draw is kept with a detail that makes it its own.
    pub fn draw(&mut self, rng: &mut Rng, mut make: impl FnMut(&mut Rng) -> String) -> String {
        let mut text = make(rng);
        for _ in 0..40 {
            if !self.0.contains(&text) {
                break;
            }
            text = make(rng);
        }
        let mut n = 2;
        let base = text.clone();
        while self.0.contains(&text) {
            text = format!("{base} ({n})");
            n += 1;
        }
        self.0.insert(text.clone());
        text
    }
}

impl Unique {
    /// Like [`Unique::draw`] for anything with a debug form (sections of an entry, the parts
    /// of feedback); after many tries a repeat is kept.
    pub fn fresh<T: std::fmt::Debug>(
        &mut self,
        rng: &mut Rng,
        mut make: impl FnMut(&mut Rng) -> T,
    ) -> T {
        let mut value = make(rng);
        for _ in 0..40 {
            if self.0.insert(format!("{value:?}")) {
                break;
            }
            value = make(rng);
        }
        value
    }
}

/// What a 1:1 note can speak of: the person and the moment.
pub struct About<'a> {
    pub name: &'a str,
    pub goals: &'a [&'a str],
    pub interests: &'a [&'a str],
    pub knows: &'a [&'a str],
    /// Their teammates' first names.
    pub peers: &'a [&'a str],
    pub month: &'static str,
}

const OPENINGS: [&str; 14] = [
    "Started with how the week went",
    "Quick check-in on energy first",
    "{name} came in with a list",
    "Short one today",
    "Walked to the café for this one",
    "Picked up where we left off",
    "Began with the sprint that just ended",
    "Opened with weekend stories",
    "Started late; the standup ran over",
    "Good energy today",
    "Started with the {area} incident from {weekday}",
    "Began with last time's action items",
    "{name} wanted to start with something off their chest",
    "Did this one walking around the block",
];

const SUBJECTS: [&str; 18] = [
    "talked through {goal} and what a first small step looks like",
    "went through their {interest} ideas for next quarter",
    "reviewed the {area} change they are leading",
    "discussed the on-call rota for {month}",
    "looked at the feedback from the {area} review together",
    "they asked how others got to {goal}",
    "mapped who besides them knows {knows}",
    "talked about workload: {n} open tickets is too many at once",
    "went over the {month} release and who covers the Friday",
    "talked about pairing more with {peer}",
    "they want to write an RFC on {interest}",
    "discussed how the {area} migration is going",
    "drafted a plan for {goal} this quarter",
    "they raised the meeting load; we dropped one recurring meeting",
    "talked about a conference talk on {interest}",
    "went through the {area} design and its failure modes",
    "they are proud of the {area} fix and should be",
    "talked about what is slowing {peer} and them down on {area}",
];

const NEXT_STEPS: [&str; 15] = [
    "Next: a short doc by {weekday}.",
    "They will pair with {peer} on it.",
    "I owe them an intro to the platform team.",
    "We look at it again in two weeks.",
    "Nothing to follow up this time.",
    "I will ask Sam about the budget.",
    "They will bring a draft to the next 1:1.",
    "Agreed on one small step for the sprint.",
    "I will share the roadmap slides.",
    "They will present it at the team sync.",
    "They take the {area} review next sprint.",
    "Follow-up in the retro.",
    "They will time-box it to two days.",
    "I will check in on {weekday}.",
    "I will find them a mentor outside the team.",
];

pub fn one_on_one_note(rng: &mut Rng, a: &About<'_>) -> String {
    let n = (4 + rng.below(9)).to_string();
    let slots = |rng: &mut Rng| {
        [
            ("name", a.name.to_string()),
            ("goal", one(a.goals, rng).to_string()),
            ("interest", one(a.interests, rng).to_string()),
            ("knows", one(a.knows, rng).to_string()),
            ("peer", one(a.peers, rng).to_string()),
            ("area", one(&AREAS, rng).to_string()),
            ("weekday", one(&WEEKDAYS, rng).to_string()),
            ("month", a.month.to_string()),
            ("n", n.clone()),
        ]
    };
    let s = slots(rng);
    let s: Vec<(&str, &str)> = s.iter().map(|(k, v)| (*k, v.as_str())).collect();
    format!(
        "{}; {}. {}",
        fill(one(&OPENINGS, rng), &s),
        fill(one(&SUBJECTS, rng), &s),
        fill(one(&NEXT_STEPS, rng), &s)
    )
}

const PRIVATE: [&str; 8] = [
    "Seemed tired; keep an eye on the workload.",
    "Mentioned looking at other teams; ask what would make them stay.",
    "Frustrated with the {area} ownership; raise it with Sam.",
    "Much happier since the rota changed.",
    "Sounded flat; check in before Friday.",
    "Wants more visibility but will not ask for it.",
    "Second time the promotion came up; they care about the timeline.",
    "Clashing with {peer} in reviews; watch the next few.",
];

pub fn private_note(rng: &mut Rng, peers: &[&str]) -> String {
    fill(
        one(&PRIVATE, rng),
        &[("area", one(&AREAS, rng)), ("peer", one(peers, rng))],
    )
}

const ACCOMPLISHED: [&str; 14] = [
    "Shipped the {area} fix with {member}",
    "Ran a calm incident review of the {area} outage",
    "Unblocked {member} on the {area} migration",
    "Got the {area} roadmap agreed with product",
    "Paired with {member} on the {area} service",
    "Closed two old tech-debt items in {area}",
    "Gave {member} specific feedback on their {area} design doc",
    "Kept both focus blocks",
    "Merged the {area} refactor behind a flag",
    "Wrote the {area} RFC and got three reviews",
    "Cut the {area} test suite from fourteen to nine minutes",
    "{member} demoed the {area} work to the stakeholders",
    "Handed the {area} on-call questions to {member}",
    "Said no to a {area} request with a clear alternative",
];

const CHALLENGED: [&str; 11] = [
    "Too many ad-hoc requests on {weekday}",
    "Lost the {weekday} focus block to an escalation",
    "Estimates on the {area} work were off again",
    "Hard conversation with {member} about on-call load",
    "Context switching between {area} and the roadmap",
    "Late evening incident in {area}",
    "Three interviews in one day drained me",
    "The {area} review went in circles",
    "Stakeholders asked for {area} dates before we had estimates",
    "Waited two days on the platform team for {area}",
    "{member} was out and the {area} work stalled",
];

const LEARNED: [&str; 13] = [
    "Saying 'let me get back to you' bought me a calmer week",
    "Writing the decision down first shortened the meeting",
    "Pairing onboards faster than code review",
    "Blocking Friday afternoon for thinking works",
    "Delegating the demo environment gave {member} a chance to shine",
    "Smaller pull requests got reviewed within a day",
    "Asking {member} first, before proposing, got a better {area} design",
    "A written agenda halves the stakeholder sync",
    "Saying no to the {area} request early was kinder than later",
    "Protecting mornings for code keeps me sane",
    "Two sentences of context in a ticket save a meeting",
    "Checking in on {weekday} catches slips before Friday",
    "{member} needs the why before the what",
];

/// A weekly journal's accomplishments, challenges and learnings.
pub fn journal(rng: &mut Rng, members: &[&str]) -> Vec<(String, Vec<String>)> {
    let line = |rng: &mut Rng, pool: &[&str]| {
        fill(
            one(pool, rng),
            &[
                ("member", one(members, rng)),
                ("area", one(&AREAS, rng)),
                ("weekday", one(&WEEKDAYS, rng)),
            ],
        )
    };
    let first = line(rng, &ACCOMPLISHED);
    let mut second = line(rng, &ACCOMPLISHED);
    while second == first {
        second = line(rng, &ACCOMPLISHED);
    }
    vec![
        ("accomplishments".into(), vec![first, second]),
        ("challenges".into(), vec![line(rng, &CHALLENGED)]),
        ("learnings".into(), vec![line(rng, &LEARNED)]),
    ]
}

const HANDED: [&str; 6] = [
    "the release process",
    "the on-call rota",
    "dependency updates",
    "the support queue",
    "the sprint demo",
    "the incident reviews",
];

const SKILLS: [&str; 8] = [
    "Practised giving feedback within a day of the event",
    "Ran the architecture review without steering it",
    "Wrote the {area} RFC before the meeting, not after",
    "Said no to two asks with a reason and an alternative",
    "Asked open questions in 1:1s before giving advice",
    "Summarised decisions at the end of every meeting I ran",
    "Coached {member} through the {area} incident instead of taking over",
    "Presented the {area} trade-offs to the directors",
];

const ADJUSTMENTS: [&str; 7] = [
    "Protect Friday thinking time",
    "One fewer recurring meeting",
    "Pair once a week",
    "Block Tuesday mornings for code",
    "Hand one review a week to the team",
    "Book the skip-level conversations",
    "Answer chat twice a day, not all day",
];

/// A monthly check-in; `k` counts the months back, so the promotion case grows over time.
pub fn monthly(
    rng: &mut Rng,
    members: &[&str],
    k: usize,
    month: &str,
) -> Vec<(String, Vec<String>)> {
    let member = one(members, rng);
    let area = one(&AREAS, rng);
    let written = 4usize.saturating_sub(k / 3).max(1);
    vec![
        (
            "progress".into(),
            vec![
                format!("Delegation: handed {} to {member}", one(&HANDED, rng)),
                format!("Staff promotion case: {written} of four examples written"),
                format!(
                    "{month}: {} interviews, {} tech-debt items closed in {area}",
                    1 + rng.below(6),
                    1 + rng.below(5)
                ),
            ],
        ),
        (
            "skills".into(),
            vec![fill(
                one(&SKILLS, rng),
                &[("area", one(&AREAS, rng)), ("member", one(members, rng))],
            )],
        ),
        (
            "adjustments".into(),
            vec![one(&ADJUSTMENTS, rng).to_string()],
        ),
    ]
}

const GAPS: [&str; 4] = [
    "Delegating: I still take the hardest tickets myself",
    "Strategy: I react to the roadmap more than I shape it",
    "Feedback: I give it in writing and skip the conversation",
    "Focus: my coding time goes to reviews by Wednesday",
];

const IMPROVEMENTS: [&str; 4] = [
    "Hand one critical-path task to the team each sprint",
    "Write a one-page strategy for the payments platform",
    "Deliver constructive feedback face to face within two days",
    "Keep Tuesday and Thursday afternoons for building",
];

const ASKED: [&str; 4] = [
    "Asked Sam and Priya to rate me; they see my feedback as better than I do",
    "Asked Mei and Dana; they want more of the why behind decisions",
    "Asked Jonas and Sam; both named delegation first",
    "Asked the whole team anonymously; five of six answered",
];

/// The `k`-th quarterly self-assessment back.
pub fn quarterly(k: usize) -> Vec<(String, Vec<String>)> {
    let at = |pool: &[&str]| pool[k % pool.len()].to_string();
    vec![
        ("gaps".into(), vec![at(&GAPS)]),
        ("improvements".into(), vec![at(&IMPROVEMENTS)]),
        ("feedback".into(), vec![at(&ASKED)]),
    ]
}

const BRIGHT: [&str; 8] = [
    "Demoed the {area} work with a grin",
    "Helped {peer} debug the {area} tests",
    "Volunteered for the {area} release",
    "Full of ideas in the {area} discussion",
    "Back from the weekend with energy",
    "Laughing with {peer} about the {area} flakiness",
    "Took the lead in the {area} planning",
    "Proud of the {area} dashboard they built",
];

const STEADY: [&str; 8] = [
    "Steady; heads down on {area}",
    "Asked sharp questions about {area}",
    "Quietly unblocked {peer} on {area}",
    "Fine, tired after the on-call week",
    "Focused on the {area} tickets",
    "Short update, on track with {area}",
    "Reviewing {peer}'s {area} changes",
    "Calm through the {area} alert",
];

const LOW: [&str; 8] = [
    "Quiet, camera off",
    "Short answers in standup about {area}",
    "Said the {area} work is dragging",
    "Skipped the team lunch",
    "Looked tired; the {area} pages woke them twice",
    "Missed the {weekday} standup",
    "Frustrated with the {area} review comments",
    "Little to say about {area}; usually has plenty",
];

/// An observation's note for an energy from 1 (drained) to 5 (energised).
pub fn observation(rng: &mut Rng, energy: i64, peers: &[&str]) -> String {
    let pool: &[&str] = match energy {
        ..=2 => &LOW,
        3 | 4 => &STEADY,
        _ => &BRIGHT,
    };
    fill(
        one(pool, rng),
        &[
            ("area", one(&AREAS, rng)),
            ("peer", one(peers, rng)),
            ("weekday", one(&WEEKDAYS, rng)),
        ],
    )
}

const WHEN: [&str; 8] = [
    "In Monday's",
    "In Tuesday's",
    "In Wednesday's",
    "In Thursday's",
    "In Friday's",
    "In yesterday's",
    "In this morning's",
    "In last week's",
];

const MEETINGS: [&str; 9] = [
    "planning",
    "standup",
    "architecture review",
    "incident call",
    "sprint demo",
    "stakeholder sync",
    "retro",
    "design review",
    "team sync",
];

const DID_WELL: [&str; 10] = [
    "you kept a written timeline and called out each decision",
    "you explained the {area} change with the dashboard open and took every question",
    "you asked the quiet people what they thought before deciding",
    "you reviewed the new joiner's {area} changes within a day with concrete suggestions",
    "you split the {area} migration into four shippable steps",
    "you named the {area} risk before we committed",
    "you summarised the decisions and owners at the end",
    "you offered to pair with {peer} on the {area} tests",
    "you wrote down the trade-offs of the {area} options",
    "you said what you did not know about {area} and who would",
];

const WENT_WELL: [&str; 8] = [
    "we restored service twenty minutes faster",
    "product signed off without a follow-up meeting",
    "we found the {area} risk before it shipped",
    "{peer} merged a first change the same week",
    "we could commit to the first two steps with confidence",
    "the team left knowing who does what",
    "the decision took ten minutes instead of an hour",
    "{peer} shipped the {area} fix the same day",
];

const DID_BADLY: [&str; 8] = [
    "you committed the team to the {area} date before anyone estimated",
    "you said three services need the {area} change when it is two",
    "the {area} change went in without tests for the refund path",
    "you answered the {area} deadline question with a flat no",
    "you interrupted {peer} twice before the point was made",
    "you merged the {area} change without the agreed review",
    "you took over the {area} ticket {peer} had started",
    "the status update left out the {area} delay",
];

const WENT_BADLY: [&str; 8] = [
    "two people worked late to make it and felt unheard",
    "the team spent an hour planning work that is not needed",
    "QA found two bugs and the release slipped a day",
    "Dana left without knowing what we could offer instead",
    "{peer} stopped contributing for the rest of the meeting",
    "the on-call engineer hit a regression at night",
    "{peer} redid a day of work",
    "product heard about the delay from support first",
];

/// Situation, behaviour and impact of feedback the lead gives.
pub fn feedback(rng: &mut Rng, positive: bool, peers: &[&str]) -> (String, String, String) {
    let area = one(&AREAS, rng);
    let peer = one(peers, rng);
    let slots = [("area", area), ("peer", peer)];
    let situation = format!("{} {}", one(&WHEN, rng), one(&MEETINGS, rng));
    let (did, went) = if positive {
        (one(&DID_WELL, rng), one(&WENT_WELL, rng))
    } else {
        (one(&DID_BADLY, rng), one(&WENT_BADLY, rng))
    };
    (situation, fill(did, &slots), fill(went, &slots))
}

const CHECK_INS: [&str; 6] = [
    "Going fine; one blocker cleared",
    "On track; asked for a review from the platform team",
    "A day behind; scope trimmed together",
    "Ahead of plan; shared the draft early",
    "Stuck on access rights; I chased them",
    "Steady progress; nothing needed from me",
];

pub fn check_in(rng: &mut Rng) -> String {
    one(&CHECK_INS, rng).to_string()
}

const CONTACTS: [&str; 8] = [
    "Caught up on priorities",
    "Talked about the {area} roadmap",
    "Compared notes on hiring",
    "Heard their view of the {area} incident",
    "Swapped ideas on on-call load",
    "Asked for advice on the {area} trade-off",
    "Shared what the team is shipping next",
    "Talked about the reorg rumours",
];

pub fn contact(rng: &mut Rng) -> String {
    fill(one(&CONTACTS, rng), &[("area", one(&AREAS, rng))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_never_gives_a_text_twice() {
        let mut rng = Rng::new(1);
        let mut u = Unique::default();
        let texts: Vec<String> = (0..20)
            .map(|_| u.draw(&mut rng, |r| one(&["a", "b"], r).to_string()))
            .collect();
        let set: HashSet<&String> = texts.iter().collect();
        assert_eq!(set.len(), 20);
    }

    #[test]
    fn slots_are_filled() {
        let mut rng = Rng::new(2);
        let a = About {
            name: "Mei",
            goals: &["design docs"],
            interests: &["architecture"],
            knows: &["observability"],
            peers: &["Jonas"],
            month: "May",
        };
        for _ in 0..200 {
            let n = one_on_one_note(&mut rng, &a);
            assert!(!n.contains('{'), "{n}");
            let positive = rng.chance(0.5);
            let (s, b, i) = feedback(&mut rng, positive, &["Priya"]);
            assert!(![&s, &b, &i].iter().any(|t| t.contains('{')), "{s} {b} {i}");
            let j = format!("{:?}", journal(&mut rng, &["Aisha"]));
            assert!(!j.contains('{'), "{j}");
            let energy = 1 + rng.below(5) as i64;
            let o = observation(&mut rng, energy, &["Lars"]);
            assert!(!o.contains('{'), "{o}");
        }
    }
}
