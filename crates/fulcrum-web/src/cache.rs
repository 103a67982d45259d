//! Pages' data built for one state of the store are kept for the next request that asks the
//! same.
//!
//! A dashboard, a week or a person's page is a pure function of the owner's rows, the rules
//! file and "now". The key holds the question (what, which period or person, "now") and a
//! fingerprint of the data: the store's revision for this owner (triggers move it on every
//! write, from the pages, the CLI or another process), the rules file's text and a counter of
//! the changes made through the pages. So a change from anywhere makes a new key. With the
//! system clock, "now" is taken to the minute so that requests within one minute can share an
//! answer.

use crate::AppState;
use fulcrum_app::Result;
use fulcrum_app::clock::Clock;
use fulcrum_core::privacy::Privacy;
use jiff::Timestamp;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

const MAX_ENTRIES: usize = 64;

type Entry = Arc<dyn Any + Send + Sync>;

#[derive(Default)]
pub struct Cache {
    entries: Mutex<HashMap<String, Entry>>,
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
    /// What the answers depend on besides the question: one small query and one file read.
    async fn fingerprint(s: &AppState) -> Result<u64> {
        let generation = s.generation.load(std::sync::atomic::Ordering::SeqCst);
        let mut h = fnv(&generation.to_le_bytes(), 0xcbf2_9ce4_8422_2325u64);
        h = fnv(&s.store.revision().await?.to_le_bytes(), h);
        let rules = std::fs::read(&s.rules).unwrap_or_default();
        Ok(fnv(&rules, h))
    }

    fn get<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        let entry = self.entries.lock().ok()?.get(key).cloned()?;
        entry.downcast::<T>().ok()
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

/// The answer to `question` for the current data: kept, or built by `build` and kept.
async fn kept<T, F>(s: &AppState, question: String, build: F) -> Result<Arc<T>>
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T>>,
{
    let key = format!("{question} {:x}", Cache::fingerprint(s).await?);
    if let Some(hit) = s.cache.get::<T>(&key) {
        return Ok(hit);
    }
    let built = Arc::new(build.await?);
    s.cache.put(key, built.clone());
    Ok(built)
}

pub async fn dashboard(
    s: &AppState,
    period: &fulcrum_app::report::Period,
    now: Timestamp,
) -> Result<Arc<fulcrum_app::dashboard::Dashboard>> {
    let build = fulcrum_app::dashboard::build(s.store.as_ref(), &s.rules, period, now);
    kept(s, format!("dashboard {period:?} {now}"), build).await
}

pub async fn week(
    s: &AppState,
    monday: jiff::civil::Date,
    now: Timestamp,
) -> Result<Arc<fulcrum_app::dashboard::WeekView>> {
    let build = fulcrum_app::dashboard::week(s.store.as_ref(), &s.rules, monday, now);
    kept(s, format!("week {monday} {now}"), build).await
}

/// A person's page, private notes shown or hidden as asked.
pub async fn person(
    s: &AppState,
    id: i64,
    now: Timestamp,
    privacy: Privacy,
) -> Result<Arc<fulcrum_app::people::PersonPage>> {
    let build = fulcrum_app::people::page(s.store.as_ref(), id, now, privacy);
    kept(s, format!("person {id} {privacy:?} {now}"), build).await
}

/// The technical records a person has a part in: four kinds read whole, so kept like the
/// rest of their page until the store changes.
pub async fn person_parts(
    s: &AppState,
    id: i64,
) -> Result<Arc<Vec<fulcrum_app::people::technical::Part>>> {
    let build = fulcrum_app::people::technical::parts(s.store.as_ref(), id);
    kept(s, format!("person parts {id}"), build).await
}

/// Every insight of today, open or hidden: what the panels and the insights page show.
pub async fn insights(
    s: &AppState,
    now: Timestamp,
) -> Result<Arc<fulcrum_app::insights::InsightList>> {
    let period = fulcrum_app::report::Period::CurrentWeek;
    let build = fulcrum_app::insights::list(s.store.as_ref(), &s.rules, &period, true, now);
    kept(s, format!("insights {now}"), build).await
}

/// The digest of the last complete week.
pub async fn digest(s: &AppState, now: Timestamp) -> Result<Arc<fulcrum_app::digest::Digest>> {
    let build = fulcrum_app::digest::build(s.store.as_ref(), &s.rules, None, now);
    kept(s, format!("digest {now}"), build).await
}
