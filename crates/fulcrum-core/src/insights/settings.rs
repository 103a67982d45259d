//! The coach's thresholds, kept in the profile (`fulcrum settings set insights.KEY VALUE`).
//! Every number has a default taken from the reference where it gives one.

use serde::{Deserialize, Serialize};

/// The thresholds the rules judge by. Missing keys in a stored profile take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct InsightSettings {
    /// Complete weeks in a row with build under its target before it is said.
    pub build_weeks: u32,
    /// Weeks without a commit, while the target includes build.
    pub no_code_weeks: u32,
    /// Hours of meetings that make a working day overloaded.
    pub meeting_day_hours: f64,
    /// Short gaps between meetings that make a working day fragmented.
    pub fragments_per_day: u32,
    /// Minutes outside working hours or on weekends that make a week one of after-hours work.
    pub after_hours_week_minutes: i64,
    /// Weeks without think time.
    pub no_think_weeks: u32,
    /// Weeks without learning time.
    pub no_grow_weeks: u32,
    /// Weeks in a row without a single day free of work.
    pub no_day_off_weeks: u32,
    /// Weeks without positive feedback to a report.
    pub praise_weeks: u32,
    /// Days from the event to the delivery that make feedback late.
    pub feedback_late_days: i64,
    /// Share of planned work done below which a week's plan went badly.
    pub plan_done_min: f64,
    /// Weeks in a row of low planned-vs-done.
    pub plan_done_weeks: u32,
    /// Pending requests in the inbox that are too many to carry.
    pub inbox_pending_max: u32,
    /// Weeks without contact with a peer outside the team.
    pub peer_weeks: u32,
    /// Reports one lead can hold 1:1s with well.
    pub team_size_max: u32,
    /// The shortest 1:1 worth holding, in minutes.
    pub one_on_one_min_minutes: u32,
    /// Weeks without a progress entry or a win on an active growth plan.
    pub progress_weeks: u32,
    /// Journal weeks (of the last eight with energy notes) in which one kind of work drained
    /// energy, before it counts as persistent rather than a bad week.
    pub drain_weeks: u32,
    /// Rules that never speak (their ids).
    pub off: Vec<String>,
}

impl Default for InsightSettings {
    fn default() -> Self {
        InsightSettings {
            build_weeks: 3,
            no_code_weeks: 3,
            meeting_day_hours: 5.0,
            fragments_per_day: 4,
            after_hours_week_minutes: 120,
            no_think_weeks: 3,
            no_grow_weeks: 4,
            no_day_off_weeks: 6,
            praise_weeks: 6,
            feedback_late_days: 7,
            plan_done_min: 0.3,
            plan_done_weeks: 3,
            inbox_pending_max: 10,
            peer_weeks: 6,
            team_size_max: 8,
            one_on_one_min_minutes: 30,
            progress_weeks: 4,
            drain_weeks: 5,
            off: Vec::new(),
        }
    }
}

/// Each setting: its key, what it means. Defaults are shown from [`InsightSettings::default`].
pub const SETTING_DOCS: &[(&str, &str)] = &[
    (
        "build-weeks",
        "complete weeks in a row with build under target (build-below-target)",
    ),
    (
        "no-code-weeks",
        "weeks without a commit while the target includes build (no-code-weeks)",
    ),
    (
        "meeting-day-hours",
        "hours of meetings that overload a working day (meeting-overload)",
    ),
    (
        "fragments-per-day",
        "gaps under the fragment length that fragment a day (fragmented-days)",
    ),
    (
        "after-hours-week-minutes",
        "minutes outside working hours that count a week (after-hours)",
    ),
    ("no-think-weeks", "weeks without think time (no-think-time)"),
    (
        "no-grow-weeks",
        "weeks without learning time (no-grow-time)",
    ),
    (
        "no-day-off-weeks",
        "weeks without a day free of work (no-day-off)",
    ),
    (
        "praise-weeks",
        "weeks without positive feedback to a report (no-positive-feedback)",
    ),
    (
        "feedback-late-days",
        "days from the event that make feedback late (feedback-late)",
    ),
    (
        "plan-done-min",
        "share of the plan done below which a week went badly (plan-done-low)",
    ),
    (
        "plan-done-weeks",
        "weeks in a row of a low share done (plan-done-low)",
    ),
    (
        "inbox-pending-max",
        "pending requests that are too many to carry (inbox-overload)",
    ),
    (
        "peer-weeks",
        "weeks without contact with a peer (peer-network-quiet)",
    ),
    (
        "team-size-max",
        "reports one lead holds 1:1s with well (team-too-large)",
    ),
    (
        "one-on-one-min-minutes",
        "the shortest 1:1 worth holding (one-on-one-too-short)",
    ),
    (
        "progress-weeks",
        "weeks without progress logged on an active growth plan (no-progress-logged)",
    ),
    (
        "drain-weeks",
        "of the last eight journal weeks, those in which one kind of work drained you (energy-drain-persistent)",
    ),
    ("off", "rule ids that never speak, comma-separated"),
];

impl InsightSettings {
    pub fn is_off(&self, rule: &str) -> bool {
        self.off.iter().any(|r| r == rule)
    }

    /// Changes one threshold from its key and text; the error says what is expected.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let v = value.trim();
        let whole = |what: &str| -> Result<u32, String> {
            v.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("{what} takes a whole number of 1 or more, not '{v}'"))
        };
        match key.trim() {
            "build-weeks" => self.build_weeks = whole(key)?,
            "no-code-weeks" => self.no_code_weeks = whole(key)?,
            "meeting-day-hours" => self.meeting_day_hours = hours(key, v)?,
            "fragments-per-day" => self.fragments_per_day = whole(key)?,
            "after-hours-week-minutes" => self.after_hours_week_minutes = i64::from(whole(key)?),
            "no-think-weeks" => self.no_think_weeks = whole(key)?,
            "no-grow-weeks" => self.no_grow_weeks = whole(key)?,
            "no-day-off-weeks" => self.no_day_off_weeks = whole(key)?,
            "praise-weeks" => self.praise_weeks = whole(key)?,
            "feedback-late-days" => self.feedback_late_days = i64::from(whole(key)?),
            "plan-done-min" => self.plan_done_min = share(key, v)?,
            "plan-done-weeks" => self.plan_done_weeks = whole(key)?,
            "inbox-pending-max" => self.inbox_pending_max = whole(key)?,
            "peer-weeks" => self.peer_weeks = whole(key)?,
            "team-size-max" => self.team_size_max = whole(key)?,
            "one-on-one-min-minutes" => self.one_on_one_min_minutes = whole(key)?,
            "progress-weeks" => self.progress_weeks = whole(key)?,
            "drain-weeks" => self.drain_weeks = whole(key)?.min(8),
            "off" => {
                let ids: Vec<String> = v
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                if let Some(bad) = ids.iter().find(|id| super::rule(id).is_none()) {
                    return Err(format!(
                        "'{bad}' is not a rule: `fulcrum insights rules` lists them"
                    ));
                }
                self.off = ids;
            }
            other => {
                let keys: Vec<&str> = SETTING_DOCS.iter().map(|(k, _)| *k).collect();
                return Err(format!(
                    "unknown insight setting '{other}': known are {}",
                    keys.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// Each setting's key and current value as text.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let n = |v: u32| v.to_string();
        vec![
            ("build-weeks", n(self.build_weeks)),
            ("no-code-weeks", n(self.no_code_weeks)),
            ("meeting-day-hours", self.meeting_day_hours.to_string()),
            ("fragments-per-day", n(self.fragments_per_day)),
            (
                "after-hours-week-minutes",
                self.after_hours_week_minutes.to_string(),
            ),
            ("no-think-weeks", n(self.no_think_weeks)),
            ("no-grow-weeks", n(self.no_grow_weeks)),
            ("no-day-off-weeks", n(self.no_day_off_weeks)),
            ("praise-weeks", n(self.praise_weeks)),
            ("feedback-late-days", self.feedback_late_days.to_string()),
            ("plan-done-min", self.plan_done_min.to_string()),
            ("plan-done-weeks", n(self.plan_done_weeks)),
            ("inbox-pending-max", n(self.inbox_pending_max)),
            ("peer-weeks", n(self.peer_weeks)),
            ("team-size-max", n(self.team_size_max)),
            ("one-on-one-min-minutes", n(self.one_on_one_min_minutes)),
            ("progress-weeks", n(self.progress_weeks)),
            ("drain-weeks", n(self.drain_weeks)),
            ("off", self.off.join(",")),
        ]
    }
}

fn hours(key: &str, v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|h| (0.5..=24.0).contains(h))
        .ok_or_else(|| format!("{key} takes hours between 0.5 and 24, not '{v}'"))
}

fn share(key: &str, v: &str) -> Result<f64, String> {
    let pct = v.strip_suffix('%');
    let n = pct.unwrap_or(v).trim().parse::<f64>().ok();
    let n = match (n, pct.is_some()) {
        (Some(p), true) => Some(p / 100.0),
        (n, false) => n,
        _ => None,
    };
    n.filter(|s| (0.0..=1.0).contains(s))
        .ok_or_else(|| format!("{key} takes a share such as 0.3 or 30%, not '{v}'"))
}
