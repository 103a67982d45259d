//! Quick observations of how someone seems (energy or mood, 1–5) and where it was seen, and the
//! trend they make: a change of tone is worth asking about before it becomes a problem.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

word_enum! {
    /// Where an observation was made.
    pub enum Context {
        OneOnOne = "1:1",
        Standup = "standup",
        Chat = "chat",
        Meeting = "meeting",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub id: i64,
    pub person_id: i64,
    pub on: Date,
    /// 1 (drained, low) to 5 (energised, upbeat).
    pub energy: u8,
    pub context: Context,
    pub note: Option<String>,
}

pub const MIN_ENERGY: u8 = 1;
pub const MAX_ENERGY: u8 = 5;

word_enum! {
    pub enum Direction {
        Rising = "rising",
        Steady = "steady",
        Falling = "falling",
        /// Too few observations to tell.
        Unknown = "unknown",
    }
}

/// The trend compares the average of the last few observations with the few before them.
pub const TREND_WINDOW: usize = 3;
/// A change of at least this much in the average is a trend, not noise.
pub const TREND_STEP: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub direction: Direction,
    pub latest: Option<u8>,
    pub recent_average: Option<f64>,
    pub previous_average: Option<f64>,
    /// Every observation, oldest first, for a chart.
    pub points: Vec<(Date, u8)>,
    /// What to do about a falling trend, when there is one.
    pub prompt: Option<String>,
}

fn average(xs: &[u8]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().map(|x| f64::from(*x)).sum::<f64>() / xs.len() as f64)
}

/// The trend of one person's observations (in any order).
pub fn trend(observations: &[Observation], first_name: &str) -> Trend {
    let mut sorted: Vec<&Observation> = observations.iter().collect();
    sorted.sort_by_key(|o| (o.on, o.id));
    let values: Vec<u8> = sorted.iter().map(|o| o.energy).collect();
    let split = values.len().saturating_sub(TREND_WINDOW);
    let recent = &values[split..];
    let previous = &values[split.saturating_sub(TREND_WINDOW)..split];
    let (r, p) = (average(recent), average(previous));
    let direction = match (r, p) {
        (Some(r), Some(p)) if r - p >= TREND_STEP => Direction::Rising,
        (Some(r), Some(p)) if p - r >= TREND_STEP => Direction::Falling,
        (Some(_), Some(_)) => Direction::Steady,
        _ => Direction::Unknown,
    };
    let prompt = (direction == Direction::Falling).then(|| {
        format!(
            "{first_name} has seemed lower lately ({:.1} against {:.1} before). Ask openly at \
             the next 1:1: you have noticed they seem quieter, how are things going?",
            r.unwrap_or_default(),
            p.unwrap_or_default()
        )
    });
    Trend {
        direction,
        latest: values.last().copied(),
        recent_average: r,
        previous_average: p,
        points: sorted.iter().map(|o| (o.on, o.energy)).collect(),
        prompt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn obs(day: i8, energy: u8) -> Observation {
        Observation {
            id: i64::from(day),
            person_id: 1,
            on: date(2026, 3, day),
            energy,
            context: Context::Standup,
            note: None,
        }
    }

    /// One observation a day from 1 March, with these energies.
    fn daily(energies: &[u8]) -> Vec<Observation> {
        (1..).zip(energies).map(|(day, &e)| obs(day, e)).collect()
    }

    #[test]
    fn falling_rising_steady_and_unknown() {
        let falling = daily(&[4, 4, 5, 3, 3, 2]);
        let t = trend(&falling, "Kim");
        assert_eq!(t.direction, Direction::Falling);
        assert_eq!(t.latest, Some(2));
        assert!((t.recent_average.unwrap() - 8.0 / 3.0).abs() < 1e-9);
        assert!(t.prompt.unwrap().starts_with("Kim has seemed lower"));
        // Order of input does not matter.
        let mut shuffled = falling.clone();
        shuffled.reverse();
        assert_eq!(trend(&shuffled, "Kim").direction, Direction::Falling);

        let rising = daily(&[2, 3, 4]);
        let t = trend(&rising[..], "Kim");
        assert_eq!(
            t.direction,
            Direction::Unknown,
            "three are only the recent window"
        );
        let rising = daily(&[2, 2, 4, 4]);
        assert_eq!(trend(&rising, "Kim").direction, Direction::Rising);
        let steady = daily(&[3, 4, 3, 4, 3, 4]);
        let t = trend(&steady, "Kim");
        assert_eq!(t.direction, Direction::Steady);
        assert_eq!(t.prompt, None);
        assert_eq!(trend(&[], "Kim").latest, None);
    }

    #[test]
    fn contexts_read_back_from_their_words() {
        assert_eq!(Context::parse("1:1"), Some(Context::OneOnOne));
        assert_eq!(Context::parse(" Standup "), Some(Context::Standup));
        assert_eq!(Context::parse("lunch"), None);
        assert!(Context::words().contains("chat"));
    }
}
