//! Where "now" comes from, for the CLI and the web alike: the one place that reads
//! `FULCRUM_NOW`.

use crate::error::{AppError, Result};
use jiff::Timestamp;

/// The variable that fixes "now" for reproducible runs: tests, benchmarks and looking at a
/// past week as it looked then.
pub const NOW_VARIABLE: &str = "FULCRUM_NOW";

/// Where "now" comes from: the system clock, or a fixed instant (`FULCRUM_NOW`, a demo built
/// for a given day) so that tests and benchmarks see the same weeks every run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    /// `FULCRUM_NOW` (an RFC 3339 instant) when it is set, else the system clock.
    pub fn from_env() -> Result<Clock> {
        Clock::from_setting(std::env::var(NOW_VARIABLE).ok().as_deref())
    }

    /// The clock a value of `FULCRUM_NOW` asks for (`None` or blank: the system's).
    pub fn from_setting(value: Option<&str>) -> Result<Clock> {
        match value.map(str::trim) {
            Some(v) if !v.is_empty() => v.parse().map(Clock::Fixed).map_err(|_| {
                AppError::invalid(
                    NOW_VARIABLE,
                    format!(
                        "{NOW_VARIABLE}={:?} is not an instant: write it like 2026-11-25T17:00:00Z",
                        value.unwrap_or_default()
                    ),
                )
            }),
            _ => Ok(Clock::System),
        }
    }

    /// This clock, unless it is the system's: then `instead` (a demo of a chosen day is shown
    /// as of that day, unless `FULCRUM_NOW` says otherwise).
    pub fn or_fixed(self, instead: Option<Timestamp>) -> Clock {
        match (self, instead) {
            (Clock::System, Some(t)) => Clock::Fixed(t),
            (clock, _) => clock,
        }
    }

    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_instant_is_read_and_a_bad_one_named() {
        let t: Timestamp = "2026-11-25T17:00:00Z".parse().unwrap();
        assert_eq!(
            Clock::from_setting(Some(" 2026-11-25T17:00:00Z ")).unwrap(),
            Clock::Fixed(t)
        );
        assert_eq!(Clock::from_setting(Some("  ")).unwrap(), Clock::System);
        assert_eq!(Clock::from_setting(None).unwrap(), Clock::System);
        let e = Clock::from_setting(Some("tomorrow")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "FULCRUM_NOW=\"tomorrow\" is not an instant: write it like 2026-11-25T17:00:00Z"
        );
        assert_eq!(e.field(), Some("FULCRUM_NOW"));
        assert_eq!(Clock::System.or_fixed(Some(t)), Clock::Fixed(t));
        let other: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(Clock::Fixed(other).or_fixed(Some(t)), Clock::Fixed(other));
    }
}
