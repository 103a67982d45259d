//! Benchmark: parse and expand the generated ten-year, 20-report calendar, in
//! its small form and as a calendar service exports it (`generate_large`).
//!
//! `cargo bench -p fulcrum-calendar` (plain harness, no extra dependencies).

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../examples/gen_calendar.rs"]
mod gen_calendar;

/// The name filter given on the command line (`cargo bench -- large`), if any.
fn selected(name: &str) -> bool {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .is_none_or(|f| name.contains(&f))
}

fn measure<T>(name: &str, mut f: impl FnMut() -> T) {
    if !selected(name) {
        return;
    }
    // Warm up, then run for about two seconds.
    for _ in 0..3 {
        black_box(f());
    }
    let mut runs = 0u32;
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(2) {
        black_box(f());
        runs += 1;
    }
    let per = start.elapsed() / runs;
    println!("{name:<40} {per:>12.3?} per run ({runs} runs)");
}

fn main() {
    // `cargo test --benches` passes --bench-less flags; keep that quick.
    let quick = std::env::args().any(|a| a == "--test");
    let text = gen_calendar::generate();
    let from: jiff::Timestamp = "2024-01-01T00:00:00Z".parse().expect("ts");
    let to: jiff::Timestamp = "2034-01-01T00:00:00Z".parse().expect("ts");
    let year_to: jiff::Timestamp = "2029-01-01T00:00:00Z".parse().expect("ts");
    let year_from: jiff::Timestamp = "2028-01-01T00:00:00Z".parse().expect("ts");
    let utc = jiff::tz::TimeZone::UTC;
    let cal = fulcrum_calendar::Calendar::parse(&text).expect("parse");
    let n = cal.expand(from, to, &utc).len();
    println!(
        "calendar: {} bytes, {} components, {n} occurrences in ten years",
        text.len(),
        cal.events().len()
    );
    if quick {
        return;
    }
    measure("parse", || {
        fulcrum_calendar::Calendar::parse(&text).expect("parse")
    });
    measure("expand 10 years", || cal.expand(from, to, &utc).len());
    measure("expand 1 year (2028)", || {
        cal.expand(year_from, year_to, &utc).len()
    });
    measure("parse + expand 10 years", || {
        let cal = fulcrum_calendar::Calendar::parse(&text).expect("parse");
        cal.expand(from, to, &utc).len()
    });
    let large = gen_calendar::generate_large();
    let big = fulcrum_calendar::Calendar::parse(&large).expect("parse");
    println!(
        "large calendar: {} bytes, {} components, {} occurrences in ten years",
        large.len(),
        big.events().len(),
        big.expand(from, to, &utc).len()
    );
    measure("large: parse", || {
        fulcrum_calendar::Calendar::parse(&large).expect("parse")
    });
    measure("large: expand 10 years", || {
        big.expand(from, to, &utc).len()
    });
    measure("large: tsv lines for 10 years", || {
        big.expand(from, to, &utc)
            .iter()
            .map(|o| fulcrum_calendar::tsv_line(o).len())
            .sum::<usize>()
    });
    let occ = cal.expand(from, to, &utc);
    measure("tsv lines for 10 years", || {
        occ.iter()
            .map(|o| fulcrum_calendar::tsv_line(o).len())
            .sum::<usize>()
    });
    measure("parse + expand 10 years + tsv", || {
        let cal = fulcrum_calendar::Calendar::parse(&text).expect("parse");
        cal.expand(from, to, &utc)
            .iter()
            .map(|o| fulcrum_calendar::tsv_line(o).len())
            .sum::<usize>()
    });
}
