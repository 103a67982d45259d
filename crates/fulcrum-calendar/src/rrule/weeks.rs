//! The calendar arithmetic rules need: year lengths and RFC 5545 week numbers.

use jiff::civil::Weekday;

pub(super) fn days_in_year(year: i16) -> i32 {
    if jiff::civil::date(year, 1, 1).in_leap_year() {
        366
    } else {
        365
    }
}

pub(super) fn wd0(w: Weekday) -> i32 {
    i32::from(w.to_monday_zero_offset())
}

/// Number of WKST-based weeks in `year` (52 or 53) and the index of the first
/// day of week 1 relative to 1 January (0..=3), as RFC 5545 counts them:
/// week 1 is the first week with at least four days in the year.
pub(super) fn week_layout(year: i16, wkst: i32) -> (i32, i32, i32) {
    let yearlen = days_in_year(year);
    let jan1 = wd0(jiff::civil::date(year, 1, 1).weekday());
    let firstwkst = (7 - jan1 + wkst).rem_euclid(7);
    let (no1wkst, wyearlen) = if firstwkst >= 4 {
        (0, yearlen + (jan1 - wkst).rem_euclid(7))
    } else {
        (firstwkst, yearlen - firstwkst)
    };
    let numweeks = wyearlen / 7 + (wyearlen % 7) / 4;
    (numweeks, no1wkst, firstwkst)
}

/// For each day of `year`, whether its week number is listed in BYWEEKNO.
pub(super) fn weekno_mask(year: i16, wkst: Weekday, by_week_no: &[i8]) -> Vec<bool> {
    let wkst = wd0(wkst);
    let yearlen = days_in_year(year);
    let jan1 = wd0(jiff::civil::date(year, 1, 1).weekday());
    let wday = |i: i32| (jan1 + i).rem_euclid(7);
    let mut mask = vec![false; (yearlen + 8) as usize];
    let (numweeks, no1wkst, firstwkst) = week_layout(year, wkst);
    let mark_week = |mask: &mut Vec<bool>, mut i: i32| {
        for _ in 0..7 {
            if i >= 0 && (i as usize) < mask.len() {
                mask[i as usize] = true;
            }
            i += 1;
            if wday(i) == wkst {
                break;
            }
        }
    };
    for &n in by_week_no {
        let mut n = i32::from(n);
        if n < 0 {
            n += numweeks + 1;
        }
        if !(0 < n && n <= numweeks) {
            continue;
        }
        let i = if n > 1 {
            let mut i = no1wkst + (n - 1) * 7;
            if no1wkst != firstwkst {
                i -= 7 - firstwkst;
            }
            i
        } else {
            no1wkst
        };
        mark_week(&mut mask, i);
    }
    // Days at the end of the year can belong to week 1 of the next year.
    let (next_weeks, _, _) = week_layout(year.saturating_add(1).min(9999), wkst);
    if by_week_no
        .iter()
        .any(|&n| n == 1 || i32::from(n) == -next_weeks)
    {
        let mut i = no1wkst + numweeks * 7;
        if no1wkst != firstwkst {
            i -= 7 - firstwkst;
        }
        if i < yearlen {
            mark_week(&mut mask, i);
        }
    }
    // Days at the start of the year can belong to the last week of the previous year.
    if no1wkst > 0 {
        let (last_weeks, _, _) = week_layout(year.saturating_sub(1).max(-9998), wkst);
        if by_week_no
            .iter()
            .any(|&n| i32::from(n) == last_weeks || n == -1)
        {
            for m in mask.iter_mut().take(no1wkst as usize) {
                *m = true;
            }
        }
    }
    mask.truncate(yearlen as usize);
    mask
}
