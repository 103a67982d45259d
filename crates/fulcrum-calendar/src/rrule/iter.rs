//! The lazy iterator over a rule's wall-clock start times.

use jiff::SignedDuration;
use jiff::civil::{Date, DateTime, Time, Weekday};

use super::weeks::{wd0, weekno_mask};
use super::{Frequency, RRule};

/// Lazily yields the wall-clock start times a rule produces from `dtstart`.
///
/// Yields strictly increasing values `>= dtstart`; honours COUNT (with DTSTART
/// counted as the first instance, as RFC 5545 says) but not UNTIL, which needs
/// a time zone and is checked by the caller. Ends early, with
/// [`RuleIter::exhausted`] set, once its work reaches the budget.
pub(crate) struct RuleIter<'r> {
    rule: &'r RRule,
    dtstart: DateTime,
    horizon: DateTime,
    /// Candidates built or examined so far (periods, days, instants).
    work: u64,
    budget: u64,
    exhausted: bool,
    k: i64,
    buf: Vec<DateTime>,
    pos: usize,
    remaining: Option<u32>,
    first: bool,
    /// Whether a DTSTART that is not an instance of the rule still uses up one
    /// COUNT (RFC 5545: DTSTART is always the first instance).
    count_unaligned_dtstart: bool,
    done: bool,
    hours: Vec<i8>,
    minutes: Vec<i8>,
    seconds: Vec<i8>,
    weekday_set: [bool; 7],
    ordinals: Vec<(i8, Weekday)>,
    ordinal_scope_year: bool,
    month_days: Vec<i8>,
    months: Vec<i8>,
    weekno: Option<(i16, Vec<bool>)>,
    week0: Date,
    base: DateTime,
    unit_secs: i64,
    days: Vec<Date>,
}

/// The hours, minutes or seconds a rule expands to: none when FREQ is at least
/// as fine as the unit (`applies` false), DTSTART's own when the BYxxx part is
/// absent, else the part's values sorted without repeats.
fn time_part(applies: bool, by: &[i8], from_dtstart: i8) -> Vec<i8> {
    if !applies {
        return Vec::new();
    }
    if by.is_empty() {
        return vec![from_dtstart];
    }
    sorted_dedup(by.to_vec())
}

fn sorted_dedup(mut v: Vec<i8>) -> Vec<i8> {
    v.sort_unstable();
    v.dedup();
    v
}

impl<'r> RuleIter<'r> {
    /// Starts iterating `rule` from `dtstart`; stops once periods begin after `horizon`.
    pub(crate) fn new(rule: &'r RRule, dtstart: DateTime, horizon: DateTime) -> RuleIter<'r> {
        use Frequency::*;
        let f = rule.freq;
        let hours = time_part(f >= Daily, &rule.by_hour, dtstart.hour());
        let minutes = time_part(f >= Hourly, &rule.by_minute, dtstart.minute());
        let seconds = time_part(f >= Minutely, &rule.by_second, dtstart.second());
        let mut by_day = rule.by_day.clone();
        let mut month_days = rule.by_month_day.clone();
        let no_day_parts = rule.by_week_no.is_empty()
            && rule.by_year_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_day.is_empty();
        let mut months = rule.by_month.clone();
        if no_day_parts {
            match f {
                Yearly => {
                    if rule.by_month.is_empty() {
                        months = vec![dtstart.month()];
                    }
                    month_days = vec![dtstart.day()];
                }
                Monthly => month_days = vec![dtstart.day()],
                Weekly => by_day = vec![(0, dtstart.weekday())],
                _ => {}
            }
        }
        // Ordinals only mean something inside a month or year period.
        let ordinal_ok = f == Monthly || (f == Yearly && rule.by_week_no.is_empty());
        let mut weekday_set = [false; 7];
        let mut ordinals = Vec::new();
        for &(n, wd) in &by_day {
            if n == 0 || !ordinal_ok {
                weekday_set[wd.to_monday_zero_offset() as usize] = true;
            } else {
                ordinals.push((n, wd));
            }
        }
        let ordinal_scope_year = f == Yearly && rule.by_month.is_empty();
        let wk = wd0(rule.wkst);
        let back = (wd0(dtstart.weekday()) - wk).rem_euclid(7);
        let week0 = dtstart
            .date()
            .checked_sub(SignedDuration::from_hours(24 * i64::from(back)))
            .unwrap_or(dtstart.date());
        let (base, unit_secs) = match f {
            Hourly => (
                dtstart
                    .with()
                    .minute(0)
                    .second(0)
                    .build()
                    .unwrap_or(dtstart),
                3600,
            ),
            Minutely => (dtstart.with().second(0).build().unwrap_or(dtstart), 60),
            Secondly => (dtstart, 1),
            _ => (dtstart, 86_400),
        };
        RuleIter {
            rule,
            dtstart,
            horizon,
            work: 0,
            budget: u64::MAX,
            exhausted: false,
            k: 0,
            buf: Vec::new(),
            pos: 0,
            remaining: rule.count,
            first: true,
            count_unaligned_dtstart: true,
            done: false,
            hours,
            minutes,
            seconds,
            weekday_set,
            ordinals,
            ordinal_scope_year,
            month_days,
            months,
            weekno: None,
            week0,
            base,
            unit_secs,
            days: Vec::new(),
        }
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(SignedDuration::from_hours(n.checked_mul(24)?))
        .ok()
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs().div_euclid(86_400)
}

impl RuleIter<'_> {
    /// Stops the iteration once `budget` candidates have been built or examined.
    pub(crate) fn with_budget(mut self, budget: u64) -> Self {
        self.budget = budget;
        self
    }

    /// Whether a DTSTART the rule does not produce uses up one of its COUNT (the
    /// default). An event's second and later RRULEs pass `false`: DTSTART can be
    /// aligned with one rule only, and a rule added to it (`COUNT=1` for one
    /// extra day) means its own instances, as recurring-ical-events reads them.
    pub(crate) fn counting_unaligned_dtstart(mut self, yes: bool) -> Self {
        self.count_unaligned_dtstart = yes;
        self
    }

    /// Candidates built or examined so far, rejected ones and empty periods included.
    pub(crate) fn work(&self) -> u64 {
        self.work
    }

    /// True when the iteration ended because the work budget ran out, not
    /// because the rule or the horizon ended.
    pub(crate) fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Counts one unit of work; false (and the iteration over) once the budget is spent.
    fn spend(&mut self) -> bool {
        if self.work >= self.budget {
            self.exhausted = true;
            self.done = true;
            return false;
        }
        self.work += 1;
        true
    }

    /// Why the rule can never produce an instance, when that shows without
    /// iterating: no date satisfies its day parts, or INTERVAL never lands on
    /// the months, weekdays or times of day they ask for. `None` when it may
    /// occur (the check errs that way: what it misses, the work budget stops).
    pub(crate) fn never_matches(&self) -> Option<&'static str> {
        use Frequency::*;
        let r = self.rule;
        let iv = i64::from(r.interval);
        let mut months: Vec<i8> = if self.months.is_empty() {
            (1..=12).collect()
        } else {
            sorted_dedup(self.months.clone())
        };
        if r.freq == Monthly {
            // Every INTERVAL months from DTSTART's month reaches one residue class.
            let g = gcd(iv, 12);
            let m0 = i64::from(self.dtstart.month());
            months.retain(|&m| (i64::from(m) - m0).rem_euclid(g) == 0);
            if months.is_empty() {
                return Some("INTERVAL never reaches a month BYMONTH allows");
            }
        }
        if !self.some_date_matches(&months) {
            return Some(
                "no date satisfies its BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY parts together",
            );
        }
        let period_secs = match r.freq {
            Secondly | Minutely | Hourly | Daily => iv.saturating_mul(self.unit_secs),
            Weekly | Monthly | Yearly => 0,
        };
        let wd = self.dtstart.weekday().to_monday_zero_offset() as usize;
        if period_secs > 0
            && period_secs % (7 * 86_400) == 0
            && self.weekday_set.iter().any(|&b| b)
            && !self.weekday_set[wd]
        {
            return Some("INTERVAL keeps it on DTSTART's weekday, which BYDAY leaves out");
        }
        if r.freq < Daily && !self.some_time_matches(period_secs) {
            return Some(
                "INTERVAL never lands on a time of day its BYHOUR, BYMINUTE and BYSECOND allow",
            );
        }
        None
    }

    /// True when some date in `months` of a common or a leap year passes the
    /// day parts, any weekday allowed (over the years every date falls on each).
    fn some_date_matches(&self, months: &[i8]) -> bool {
        let any_weekday = self.weekday_set.iter().any(|&b| b);
        for year in [2023, 2024] {
            for &m in months {
                let Ok(first) = Date::new(year, m, 1) else {
                    continue;
                };
                for day in 1..=first.days_in_month() {
                    let Ok(d) = Date::new(year, m, day) else {
                        continue;
                    };
                    if !self.year_and_month_day_ok(d) {
                        continue;
                    }
                    if any_weekday || self.ordinals.is_empty() || self.ordinal_ok(d, None) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// For sub-daily rules: true when some time of day the periods reach
    /// (DTSTART's, moved on by multiples of the period) passes the time parts
    /// that filter periods.
    fn some_time_matches(&self, period_secs: i64) -> bool {
        use Frequency::*;
        let r = self.rule;
        let f = r.freq;
        let hour_filter = !r.by_hour.is_empty();
        let minute_filter = f < Hourly && !r.by_minute.is_empty();
        let second_filter = f == Secondly && !r.by_second.is_empty();
        if !(hour_filter || minute_filter || second_filter) || period_secs <= 0 {
            return true;
        }
        let t = self.base.time();
        let t0 = i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second());
        let g = gcd(period_secs, 86_400);
        let mut tod = t0.rem_euclid(g);
        while tod < 86_400 {
            let (h, m, s) = ((tod / 3600) as i8, (tod / 60 % 60) as i8, (tod % 60) as i8);
            if (!hour_filter || r.by_hour.contains(&h))
                && (!minute_filter || r.by_minute.contains(&m))
                && (!second_filter || r.by_second.contains(&s))
            {
                return true;
            }
            tod += g;
        }
        false
    }

    /// True when every period yields exactly one instance, `dtstart` moved on
    /// by whole periods: no BYxxx part filters or adds candidates. Then the
    /// n-th period holds the n-th instance and COUNT can be skipped through.
    fn one_per_period(&self) -> bool {
        let r = self.rule;
        r.freq <= Frequency::Weekly
            && r.by_second.is_empty()
            && r.by_minute.is_empty()
            && r.by_hour.is_empty()
            && r.by_day.is_empty()
            && r.by_month_day.is_empty()
            && r.by_year_day.is_empty()
            && r.by_week_no.is_empty()
            && r.by_month.is_empty()
            && r.by_set_pos.is_empty()
    }

    /// Skips periods that end before `lower`. Periods are independent of the
    /// ones before them without COUNT; with COUNT only a rule with one instance
    /// per period can be skipped through (each skipped period uses up one).
    pub(crate) fn seek(&mut self, lower: DateTime) {
        if lower <= self.dtstart {
            return;
        }
        let count_skip = self.rule.count.is_some();
        if count_skip && !self.one_per_period() {
            return;
        }
        use Frequency::*;
        let iv = i64::from(self.rule.interval);
        let periods = match self.rule.freq {
            Yearly => i64::from(lower.year() - self.dtstart.year()) / iv,
            Monthly => {
                let m = |d: DateTime| i64::from(d.year()) * 12 + i64::from(d.month());
                (m(lower) - m(self.dtstart)) / iv
            }
            Weekly => days_between(self.week0, lower.date()) / (7 * iv),
            Daily => days_between(self.dtstart.date(), lower.date()) / iv,
            _ => lower.duration_since(self.base).as_secs() / (iv * self.unit_secs),
        };
        let k = (periods - 1).max(0);
        if k > self.k {
            if count_skip {
                // Periods 0..k held instances 0..k, DTSTART (instance 0) among them.
                let skipped = u32::try_from(k - self.k).unwrap_or(u32::MAX);
                let rem = self.remaining.unwrap_or(0);
                if self.first {
                    self.first = false;
                }
                if skipped >= rem {
                    self.remaining = Some(0);
                    self.done = true;
                } else {
                    self.remaining = Some(rem - skipped);
                }
            }
            self.k = k;
            self.buf.clear();
            self.pos = 0;
        }
    }

    /// BYYEARDAY and BYMONTHDAY (negative values count from the end) admit `d`.
    fn year_and_month_day_ok(&self, d: Date) -> bool {
        let r = self.rule;
        let (doy, len) = (d.day_of_year(), d.days_in_year());
        let (day, dim) = (d.day(), d.days_in_month());
        (r.by_year_day.is_empty()
            || r.by_year_day
                .iter()
                .any(|&n| if n > 0 { n == doy } else { n == doy - len - 1 }))
            && (self.month_days.is_empty()
                || self
                    .month_days
                    .iter()
                    .any(|&n| if n > 0 { n == day } else { n == day - dim - 1 }))
    }

    /// Some BYDAY ordinal (`2MO`, `-1FR`) names `d`'s place in its month or year;
    /// `weekday` restricts it to ordinals of that weekday (`None`: any weekday).
    fn ordinal_ok(&self, d: Date, weekday: Option<Weekday>) -> bool {
        let (idx0, len) = if self.ordinal_scope_year {
            (i32::from(d.day_of_year()) - 1, i32::from(d.days_in_year()))
        } else {
            (i32::from(d.day()) - 1, i32::from(d.days_in_month()))
        };
        let pos = idx0 / 7 + 1;
        let neg = -((len - 1 - idx0) / 7 + 1);
        self.ordinals.iter().any(|&(n, w)| {
            weekday.is_none_or(|wd| w == wd) && (i32::from(n) == pos || i32::from(n) == neg)
        })
    }

    fn day_ok(&mut self, d: Date) -> bool {
        let r = self.rule;
        if !self.months.is_empty() && !self.months.contains(&d.month()) {
            return false;
        }
        if !r.by_week_no.is_empty() {
            let year = d.year();
            if self.weekno.as_ref().is_none_or(|(y, _)| *y != year) {
                self.weekno = Some((year, weekno_mask(year, r.wkst, &r.by_week_no)));
            }
            let idx = (d.day_of_year() - 1) as usize;
            if !self
                .weekno
                .as_ref()
                .is_some_and(|(_, m)| m.get(idx).copied().unwrap_or(false))
            {
                return false;
            }
        }
        if !self.year_and_month_day_ok(d) {
            return false;
        }
        let wd = d.weekday();
        if self.weekday_set.iter().any(|&b| b) || !self.ordinals.is_empty() {
            if self.weekday_set[wd.to_monday_zero_offset() as usize] {
                return true;
            }
            return self.ordinal_ok(d, Some(wd));
        }
        true
    }

    /// Builds the candidates of period `k` into `buf`. Returns false when the
    /// iteration is over (past the horizon or out of range).
    fn fill(&mut self) -> bool {
        use Frequency::*;
        self.buf.clear();
        self.pos = 0;
        // The period itself is work even when it turns out empty.
        if !self.spend() {
            return false;
        }
        let k = self.k;
        self.k += 1;
        let iv = i64::from(self.rule.interval);
        let Some(step) = k.checked_mul(iv) else {
            return false;
        };
        let freq = self.rule.freq;
        if freq >= Daily {
            let mut days = std::mem::take(&mut self.days);
            days.clear();
            let ok = self.period_days(freq, step, &mut days);
            if !ok {
                self.days = days;
                return false;
            }
            let per_day = (self.hours.len() * self.minutes.len() * self.seconds.len()) as u64;
            for &d in &days {
                if !self.spend() {
                    break;
                }
                if !self.day_ok(d) {
                    continue;
                }
                // BYHOUR x BYMINUTE x BYSECOND can make 86 400 candidates a day:
                // build only as many as the budget still allows.
                let room = self.budget.saturating_sub(self.work);
                let mut left = per_day.min(room);
                self.work += left;
                'times: for &h in &self.hours {
                    for &m in &self.minutes {
                        for &s in &self.seconds {
                            if left == 0 {
                                break 'times;
                            }
                            left -= 1;
                            if let Ok(t) = Time::new(h, m, s, 0) {
                                self.buf.push(d.to_datetime(t));
                            }
                        }
                    }
                }
                if per_day > room {
                    self.exhausted = true;
                    self.done = true;
                    break;
                }
            }
            self.days = days;
            if self.exhausted && !self.rule.by_set_pos.is_empty() {
                // BYSETPOS picks from the whole period, which was never built.
                self.buf.clear();
            }
        } else {
            let Some(secs) = step.checked_mul(self.unit_secs) else {
                return false;
            };
            let Ok(p) = self.base.checked_add(SignedDuration::from_secs(secs)) else {
                return false;
            };
            if p > self.horizon {
                return false;
            }
            let r = self.rule;
            if !self.day_ok(p.date()) {
                // Jump to the first period of the next day.
                self.skip_to(
                    p.date()
                        .tomorrow()
                        .ok()
                        .map(|d| d.to_datetime(Time::midnight())),
                );
                return true;
            }
            if !r.by_hour.is_empty() && !r.by_hour.contains(&p.hour()) {
                if freq < Hourly {
                    self.skip_to(
                        p.with()
                            .minute(0)
                            .second(0)
                            .build()
                            .ok()
                            .and_then(|t| t.checked_add(SignedDuration::from_hours(1)).ok()),
                    );
                }
                return true;
            }
            if freq < Hourly && !r.by_minute.is_empty() && !r.by_minute.contains(&p.minute()) {
                if freq == Secondly {
                    // Every second of this minute is rejected too.
                    self.skip_to(
                        p.with()
                            .second(0)
                            .build()
                            .ok()
                            .and_then(|t| t.checked_add(SignedDuration::from_mins(1)).ok()),
                    );
                }
                return true;
            }
            if freq == Secondly && !r.by_second.is_empty() && !r.by_second.contains(&p.second()) {
                return true;
            }
            let per_period = match freq {
                Hourly => (self.minutes.len() * self.seconds.len()) as u64,
                Minutely => self.seconds.len() as u64,
                _ => 0,
            };
            let room = self.budget.saturating_sub(self.work);
            let mut left = per_period.min(room);
            self.work += left;
            match freq {
                Hourly => {
                    'times: for &m in &self.minutes {
                        for &s in &self.seconds {
                            if left == 0 {
                                break 'times;
                            }
                            left -= 1;
                            if let Ok(t) = p.with().minute(m).second(s).build() {
                                self.buf.push(t);
                            }
                        }
                    }
                }
                Minutely => {
                    for &s in &self.seconds {
                        if left == 0 {
                            break;
                        }
                        left -= 1;
                        if let Ok(t) = p.with().second(s).build() {
                            self.buf.push(t);
                        }
                    }
                }
                _ => self.buf.push(p),
            }
            if per_period > room {
                self.exhausted = true;
                self.done = true;
                if !self.rule.by_set_pos.is_empty() {
                    self.buf.clear();
                }
            }
        }
        if !self.rule.by_set_pos.is_empty() && !self.buf.is_empty() {
            let len = self.buf.len() as i64;
            let mut picked: Vec<DateTime> = self
                .rule
                .by_set_pos
                .iter()
                .filter_map(|&n| {
                    let n = i64::from(n);
                    let idx = if n > 0 { n - 1 } else { len + n };
                    (0..len).contains(&idx).then(|| self.buf[idx as usize])
                })
                .collect();
            picked.sort_unstable();
            picked.dedup();
            self.buf = picked;
        }
        true
    }

    /// Moves the period cursor so the next period is the first one at or after `t`.
    fn skip_to(&mut self, t: Option<DateTime>) {
        let Some(t) = t else {
            self.done = true;
            return;
        };
        let unit = i64::from(self.rule.interval) * self.unit_secs;
        let secs = t.duration_since(self.base).as_secs();
        let k = secs.div_euclid(unit) + i64::from(secs.rem_euclid(unit) != 0);
        self.k = self.k.max(k);
    }

    /// Days of the period `step` periods after the first one. False when past
    /// the horizon.
    fn period_days(&self, freq: Frequency, step: i64, days: &mut Vec<Date>) -> bool {
        use Frequency::*;
        let start = self.dtstart;
        match freq {
            Yearly => {
                let Some(year) = i64::from(start.year()).checked_add(step) else {
                    return false;
                };
                if year > 9999 {
                    return false;
                }
                let year = year as i16;
                let Ok(first) = Date::new(year, 1, 1) else {
                    return false;
                };
                if first.to_datetime(Time::midnight()) > self.horizon {
                    return false;
                }
                let months: Vec<i8> = if self.months.is_empty() {
                    (1..=12).collect()
                } else {
                    let mut m = self.months.clone();
                    m.sort_unstable();
                    m.dedup();
                    m
                };
                for m in months {
                    let Ok(d1) = Date::new(year, m, 1) else {
                        continue;
                    };
                    for day in 1..=d1.days_in_month() {
                        if let Ok(d) = Date::new(year, m, day) {
                            days.push(d);
                        }
                    }
                }
            }
            Monthly => {
                let Some(idx) =
                    (i64::from(start.year()) * 12 + i64::from(start.month()) - 1).checked_add(step)
                else {
                    return false;
                };
                let year = idx.div_euclid(12);
                if year > 9999 {
                    return false;
                }
                let Ok(d1) = Date::new(year as i16, (idx.rem_euclid(12) + 1) as i8, 1) else {
                    return false;
                };
                if d1.to_datetime(Time::midnight()) > self.horizon {
                    return false;
                }
                for day in 1..=d1.days_in_month() {
                    if let Ok(d) = Date::new(d1.year(), d1.month(), day) {
                        days.push(d);
                    }
                }
            }
            Weekly => {
                let Some(first) = step.checked_mul(7).and_then(|n| add_days(self.week0, n)) else {
                    return false;
                };
                if first.to_datetime(Time::midnight()) > self.horizon {
                    return false;
                }
                for i in 0..7 {
                    if let Some(d) = add_days(first, i) {
                        days.push(d);
                    }
                }
            }
            _ => {
                let Some(d) = add_days(start.date(), step) else {
                    return false;
                };
                if d.to_datetime(Time::midnight()) > self.horizon {
                    return false;
                }
                days.push(d);
            }
        }
        true
    }
}

impl Iterator for RuleIter<'_> {
    type Item = DateTime;

    fn next(&mut self) -> Option<DateTime> {
        loop {
            if self.pos < self.buf.len() {
                let c = self.buf[self.pos];
                self.pos += 1;
                if c < self.dtstart {
                    continue;
                }
                if let Some(rem) = self.remaining.as_mut() {
                    if self.first && c != self.dtstart && self.count_unaligned_dtstart {
                        // DTSTART is always the first instance and uses up one COUNT.
                        *rem = rem.saturating_sub(1);
                    }
                    self.first = false;
                    if *rem == 0 {
                        self.done = true;
                        self.buf.clear();
                        return None;
                    }
                    *rem -= 1;
                }
                self.first = false;
                return Some(c);
            }
            if self.done {
                return None;
            }
            if !self.fill() {
                self.done = true;
            }
        }
    }
}
