//! Scans one repository and prints what was found and how long it took.
//!
//! Usage: `scan PATH EMAIL [EMAIL...] [--cursor FILE]`
//!
//! Without `--cursor`, prints a full scan and then a rescan with the cursor
//! the first one returned (which should find nothing changed). With
//! `--cursor FILE`, scans once from the cursor stored in FILE (if it exists)
//! and stores the new cursor there, as the product does between runs.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use fulcrum_git::{Cursor, Identity, Scan, scan};

const USAGE: &str = "usage: scan PATH EMAIL [EMAIL...] [--cursor FILE]";

fn main() {
    let mut path = None;
    let mut emails = Vec::new();
    let mut cursor_file = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--cursor" {
            cursor_file = args.next().map(PathBuf::from);
        } else if path.is_none() {
            path = Some(PathBuf::from(arg));
        } else {
            emails.push(arg.to_string_lossy().into_owned());
        }
    }
    let (Some(path), false) = (path, emails.is_empty()) else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let identity = Identity::new(emails);

    let run = |previous: Option<&Cursor>| -> (Scan, u64, f64) {
        let started = Instant::now();
        let mut walked = 0;
        match scan(&path, &identity, previous, &mut |n| walked = n) {
            Ok(scan) => (scan, walked, started.elapsed().as_secs_f64() * 1000.0),
            Err(err) => {
                eprintln!("error: {err}");
                std::process::exit(1);
            }
        }
    };
    let mut out = std::io::stdout().lock();

    if let Some(file) = cursor_file {
        let previous: Option<Cursor> = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        let (result, walked, ms) = run(previous.as_ref());
        let _ = writeln!(
            out,
            "scan from {} cursor: unchanged={} {} commits by the user, {walked} walked, in {ms:.1} ms",
            if previous.is_some() { "a stored" } else { "no" },
            result.unchanged,
            result.commits.len(),
        );
        let json = serde_json::to_string(&result.cursor).unwrap_or_default();
        if let Err(err) = std::fs::write(&file, json) {
            eprintln!(
                "error: could not store the cursor in {}: {err}",
                file.display()
            );
            std::process::exit(1);
        }
        return;
    }

    let (first, walked, ms) = run(None);
    let _ = writeln!(
        out,
        "first scan: {} commits by the user, {walked} walked, in {ms:.1} ms",
        first.commits.len()
    );
    let (again, _, ms) = run(Some(&first.cursor));
    let _ = writeln!(
        out,
        "rescan: unchanged={} {} commits in {ms:.2} ms",
        again.unchanged,
        again.commits.len()
    );
}
