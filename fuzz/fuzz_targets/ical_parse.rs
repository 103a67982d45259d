//! Any text, as a calendar file a user imports or a subscription serves: parsing must return
//! a calendar or an error, never panic, and every line it names must be in the text.
#![no_main]

use fulcrum_calendar::Calendar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Lines are counted the way the parser numbers them: one more than the line feeds.
    let lines = text.split('\n').count();
    match Calendar::parse(&text) {
        Ok(cal) => {
            for w in cal.warnings() {
                assert!(
                    (1..=lines).contains(&w.line),
                    "warning at line {}: {w}",
                    w.line
                );
                let _ = w.to_string();
            }
            for e in cal.events() {
                assert!((1..=lines).contains(&e.line), "event at line {}", e.line);
            }
        }
        Err(e) => {
            assert!(
                (1..=lines).contains(&e.line),
                "error at line {}: {e}",
                e.line
            );
        }
    }
});
