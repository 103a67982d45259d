//! Calendar subscriptions: fetching a URL, with its validators, and storing what came.

use super::calendars::{parse, remember_failure, store_calendar};
use super::{CalendarImport, LeftOut, MAX_CALENDAR_BYTES};
use crate::error::{AppError, Result};
use fulcrum_core::Profile;
use fulcrum_store::{NewSource, SourceKind, Store};
use jiff::Timestamp;

pub(super) async fn calendar_url(
    store: &dyn Store,
    profile: &Profile,
    url: &str,
    now: Timestamp,
) -> Result<CalendarImport> {
    let url = if url.to_ascii_lowercase().starts_with("webcal://") {
        format!("https://{}", &url["webcal://".len()..])
    } else {
        url.to_string()
    };
    let known = store.source_by_location(&url).await?;
    let validators = known
        .as_ref()
        .map(|s| (s.etag.clone(), s.last_modified.clone()))
        .unwrap_or_default();
    let fetch_url = url.clone();
    let fetched =
        tokio::task::spawn_blocking(move || fetch(&fetch_url, validators.0, validators.1))
            .await
            .map_err(|e| AppError::Fetch {
                url: url.clone(),
                message: e.to_string(),
            })?;
    let fetched = match fetched {
        Ok(f) => f,
        Err(e) => return Err(remember_failure(store, &url, e).await),
    };
    let Some(body) = fetched.body else {
        let source = known.ok_or_else(|| AppError::Fetch {
            url: url.clone(),
            message: "the server answered 'not modified' to a first request".into(),
        })?;
        return Ok(CalendarImport {
            source,
            events: 0,
            warnings: Vec::new(),
            left_out: LeftOut::default(),
            unchanged: true,
            problem: None,
            removed: false,
        });
    };
    let cal = match parse(&body, &url) {
        Ok(c) => c,
        Err(e) => return Err(remember_failure(store, &url, e).await),
    };
    let source = NewSource {
        kind: SourceKind::CalendarUrl,
        name: url_name(&url),
        location: url,
        etag: fetched.etag,
        last_modified: fetched.last_modified,
    };
    store_calendar(store, profile, source, &cal, now).await
}

/// A short name for a subscription: its host, never the secret path.
fn url_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

struct Fetched {
    /// `None` when the server said the calendar has not changed.
    body: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
}

fn fetch(url: &str, etag: Option<String>, last_modified: Option<String>) -> Result<Fetched> {
    let err = |message: String| AppError::Fetch {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.get(url).header("Accept", "text/calendar, */*;q=0.5");
    if let Some(e) = &etag {
        req = req.header("If-None-Match", e);
    }
    if let Some(m) = &last_modified {
        req = req.header("If-Modified-Since", m);
    }
    let mut resp = req
        .call()
        .map_err(|e| err(format!("cannot fetch the calendar: {e}")))?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (new_etag, new_modified) = (header("etag"), header("last-modified"));
    if status == 304 {
        return Ok(Fetched {
            body: None,
            etag,
            last_modified,
        });
    }
    if !(200..300).contains(&status) {
        return Err(err(format!(
            "the server answered HTTP {status}; check that the subscription address is still valid"
        )));
    }
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_CALENDAR_BYTES)
        .read_to_string()
        .map_err(|e| err(format!("cannot read the calendar: {e}")))?;
    Ok(Fetched {
        body: Some(body),
        etag: new_etag,
        last_modified: new_modified,
    })
}
