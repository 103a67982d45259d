//! Reports built for one state of the data are kept for the next request that asks the same.
//!
//! A report is a pure function of the profile, the rules, the stored events and commits and
//! "now". The key holds the question (what, which period, "now") and a fingerprint of the data:
//! a counter of the changes made through the pages, the profile, the rules file's text, the
//! time logged by hand and every source with its last import and counts (an import from the CLI changes its source's
//! row). So a change through the pages, the CLI or an editor invalidates what was built. With the system clock, "now" is taken
//! to the minute so that requests within one minute can share an answer.

use crate::AppState;
use fulcrum_app::Result;
use fulcrum_app::clock::Clock;
use jiff::Timestamp;
use std::collections::HashMap;
use std::sync::Mutex;

const MAX_ENTRIES: usize = 64;

#[derive(Default)]
pub struct Cache {
    entries: Mutex<HashMap<String, Entry>>,
}

#[derive(Clone)]
enum Entry {
    Dashboard(std::sync::Arc<fulcrum_app::dashboard::Dashboard>),
    Week(std::sync::Arc<fulcrum_app::dashboard::WeekView>),
}

fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// "Now" as reports see it.
pub fn now(clock: &Clock) -> Timestamp {
    match clock {
        Clock::Fixed(t) => *t,
        Clock::System => {
            let s = Timestamp::now().as_second();
            Timestamp::from_second(s - s.rem_euclid(60)).unwrap_or_else(|_| Timestamp::now())
        }
    }
}

impl Cache {
    /// What the answers depend on besides the question.
    async fn fingerprint(s: &AppState) -> Result<u64> {
        let generation = s.generation.load(std::sync::atomic::Ordering::SeqCst);
        let mut h = fnv(&generation.to_le_bytes(), 0xcbf2_9ce4_8422_2325u64);
        let profile = s.store.profile().await?;
        h = fnv(&serde_json::to_vec(&profile).unwrap_or_default(), h);
        let sources = fulcrum_app::sources::list(s.store.as_ref()).await?;
        h = fnv(&serde_json::to_vec(&sources).unwrap_or_default(), h);
        // Time logged by hand, from the CLI as well as the pages: a few hundred short rows.
        let manual = s.store.manual_entries_between(i64::MIN, i64::MAX).await?;
        h = fnv(&serde_json::to_vec(&manual).unwrap_or_default(), h);
        let rules = std::fs::read(&s.rules).unwrap_or_default();
        Ok(fnv(&rules, h))
    }

    fn get(&self, key: &str) -> Option<Entry> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    fn put(&self, key: String, e: Entry) {
        if let Ok(mut m) = self.entries.lock() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(key, e);
        }
    }
}

pub async fn dashboard(
    s: &AppState,
    period: &fulcrum_app::report::Period,
    now: Timestamp,
) -> Result<std::sync::Arc<fulcrum_app::dashboard::Dashboard>> {
    let key = format!(
        "dashboard {period:?} {now} {:x}",
        Cache::fingerprint(s).await?
    );
    if let Some(Entry::Dashboard(d)) = s.cache.get(&key) {
        return Ok(d);
    }
    let d = std::sync::Arc::new(
        fulcrum_app::dashboard::build(s.store.as_ref(), &s.rules, period, now).await?,
    );
    s.cache.put(key, Entry::Dashboard(d.clone()));
    Ok(d)
}

pub async fn week(
    s: &AppState,
    monday: jiff::civil::Date,
    now: Timestamp,
) -> Result<std::sync::Arc<fulcrum_app::dashboard::WeekView>> {
    let key = format!("week {monday} {now} {:x}", Cache::fingerprint(s).await?);
    if let Some(Entry::Week(w)) = s.cache.get(&key) {
        return Ok(w);
    }
    let w = std::sync::Arc::new(
        fulcrum_app::dashboard::week(s.store.as_ref(), &s.rules, monday, now).await?,
    );
    s.cache.put(key, Entry::Week(w.clone()));
    Ok(w)
}
