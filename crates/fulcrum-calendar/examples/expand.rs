//! Prints the occurrences of an .ics file in a window as TSV.
//!
//! `cargo run --release -p fulcrum-calendar --example expand -- FILE FROM TO`
//! with FROM/TO like `2024-01-01T00:00:00Z`. Floating and all-day values are
//! read in UTC, matching the python reference script.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: expand FILE FROM TO");
        std::process::exit(2);
    }
    let text = match std::fs::read_to_string(&args[1]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", args[1]);
            std::process::exit(1);
        }
    };
    let (Ok(from), Ok(to)) = (
        args[2].parse::<jiff::Timestamp>(),
        args[3].parse::<jiff::Timestamp>(),
    ) else {
        eprintln!("FROM and TO must be timestamps like 2024-01-01T00:00:00Z");
        std::process::exit(2);
    };
    let cal = match fulcrum_calendar::Calendar::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}: {e}", args[1]);
            std::process::exit(1);
        }
    };
    for w in cal.warnings() {
        eprintln!("{}: warning: {w}", args[1]);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for o in cal.expand(from, to, &jiff::tz::TimeZone::UTC) {
        let _ = writeln!(out, "{}", fulcrum_calendar::tsv_line(&o));
    }
}
