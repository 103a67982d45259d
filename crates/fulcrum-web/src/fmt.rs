//! Numbers and dates as the pages write them.

use jiff::civil::Date;

/// `3h05`, `0h45`: the one duration format of the CLI and the pages
/// (`fulcrum_core::words::hm`); the pages never show a negative duration.
pub fn duration(minutes: i64) -> String {
    fulcrum_app::markdown::hm(minutes.max(0))
}

pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `Mon 2 Mar`
pub fn day(d: Date) -> String {
    format!(
        "{} {} {}",
        WEEKDAYS[d.weekday().to_monday_zero_offset() as usize],
        d.day(),
        MONTHS[d.month() as usize - 1]
    )
}

/// `2 – 8 Mar 2026`, `30 Mar – 5 Apr 2026`, `29 Dec 2025 – 4 Jan 2026` for `[from, to)`.
pub fn range(from: Date, to: Date) -> String {
    let last = fulcrum_core::time::add_days(to, -1);
    let m = |d: Date| MONTHS[d.month() as usize - 1];
    if from.year() != last.year() {
        format!(
            "{} {} {} – {} {} {}",
            from.day(),
            m(from),
            from.year(),
            last.day(),
            m(last),
            last.year()
        )
    } else if from.month() != last.month() {
        format!(
            "{} {} – {} {} {}",
            from.day(),
            m(from),
            last.day(),
            m(last),
            last.year()
        )
    } else {
        format!(
            "{} – {} {} {}",
            from.day(),
            last.day(),
            m(last),
            last.year()
        )
    }
}

/// `s` cut to `max` characters with an ellipsis, for labels in a chart's margin.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_durations_and_ranges() {
        assert_eq!(duration(45), "0h45");
        assert_eq!(duration(185), "3h05");
        let d = |y, m, dd| jiff::civil::date(y, m, dd);
        assert_eq!(range(d(2026, 3, 2), d(2026, 3, 9)), "2 – 8 Mar 2026");
        assert_eq!(range(d(2026, 3, 30), d(2026, 4, 6)), "30 Mar – 5 Apr 2026");
        assert_eq!(
            range(d(2025, 12, 29), d(2026, 1, 5)),
            "29 Dec 2025 – 4 Jan 2026"
        );
        assert_eq!(day(d(2026, 3, 2)), "Mon 2 Mar");
    }
}
