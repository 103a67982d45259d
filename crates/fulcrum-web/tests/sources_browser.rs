//! Removing a source in a real headless Chromium (as `browser.rs`, whose driver set-up this
//! repeats): the list's Remove… link, the page that counts what goes, the confirming form
//! posted by the browser itself (token and Origin), and the list without the source after.

mod common;

use common::demo;
use fantoccini::{Client, ClientBuilder, Locator};
use fulcrum_store::SourceKind;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &[&str] = &["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const CHROMEDRIVER: &[&str] = &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

fn first_existing(paths: &[&str]) -> Option<PathBuf> {
    paths.iter().map(PathBuf::from).find(|p| p.exists())
}

/// chromedriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
    chromium: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    /// `None` (after saying so) when no browser is installed and none is required.
    fn start() -> Option<Driver> {
        let found = first_existing(CHROMIUM).zip(first_existing(CHROMEDRIVER));
        let Some((chromium, chromedriver)) = found else {
            if std::env::var("FULCRUM_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!(
                    "FULCRUM_REQUIRE_BROWSER=1 but chromium or chromedriver is missing: \
                     apt-get install chromium chromium-driver"
                );
            }
            eprintln!(
                "skipped: chromium not found (apt-get install chromium chromium-driver to run the browser tests)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            port,
            _profile: tempfile::tempdir().unwrap(),
            chromium,
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(driver)
    }

    async fn client(&self) -> Client {
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": self.chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1280,1000",
                    format!("--user-data-dir={}", self._profile.path().display()),
                ]
            }
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!()
        };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session")
    }
}

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_a_source_in_chromium() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let d = demo().await;
    let store = d.store().await;
    let cal = store
        .sources()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SourceKind::CalendarFile)
        .expect("the demo's calendar");
    let preview = store.source_removal(cal.id).await.unwrap();
    let server = fulcrum_web::start(d.config("127.0.0.1:0".parse().unwrap()))
        .await
        .unwrap();
    let base = server.url().trim_end_matches('/').to_string();
    let c = driver.client().await;

    c.goto(&format!("{base}/sources")).await.unwrap();
    let row = format!("#sources-table tr[data-source-id='{}']", cal.id);
    wait_for(&c, &row).await;
    c.find(Locator::Css(&format!("{row} a.remove-source")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let confirm = wait_for(&c, "#remove-confirm").await;
    assert_eq!(
        confirm.attr("data-occurrences").await.unwrap().unwrap(),
        preview.occurrences.to_string()
    );
    assert!(
        store.source(cal.id).await.unwrap().is_some(),
        "the page removes nothing"
    );
    c.find(Locator::Css("#confirm-remove"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = wait_for(&c, "#notice").await;
    let text = notice.text().await.unwrap();
    assert!(text.contains("Removed the source"), "{text}");
    assert!(c.find(Locator::Css(&row)).await.is_err(), "the row is gone");
    assert!(store.source(cal.id).await.unwrap().is_none());
    assert!(store.events_between(0, i64::MAX).await.unwrap().is_empty());
    c.close().await.unwrap();
    server.stop().await.unwrap();
}
