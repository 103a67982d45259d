//! A real headless Chromium driven through chromedriver, for the browser tests: the
//! driver process, a session on it, a server over the demo store, and the lookups
//! the tests make on the page.

use super::Demo;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &[&str] = &["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const CHROMEDRIVER: &[&str] = &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

fn first_existing(paths: &[&str]) -> Option<PathBuf> {
    paths.iter().map(PathBuf::from).find(|p| p.exists())
}

/// The start of every browser test: chromedriver and a fresh demo store, opened; `None`
/// when no browser is installed and none is required, so that the test skips.
pub async fn chromium_with_demo() -> Option<(Driver, Demo, Box<dyn fulcrum_store::Store>)> {
    let driver = Driver::start()?;
    let d = super::demo().await;
    let store = d.store().await;
    Some((driver, d, store))
}

/// A server over the demo store, its address and a browser session to look at it with.
pub async fn open(driver: &Driver, d: &Demo) -> (fulcrum_web::Running, String, Client) {
    let (server, base) = serve(d).await;
    (server, base, driver.client().await)
}

/// Ends a browser test: closes the session, then stops the server.
pub async fn close(c: Client, server: fulcrum_web::Running) {
    c.close().await.unwrap();
    server.stop().await.unwrap();
}

/// chromedriver on a free loopback port, killed when dropped.
pub struct Driver {
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
    pub fn start() -> Option<Driver> {
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

    pub async fn client(&self) -> Client {
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

/// A server over the demo's store on a free loopback port, and its address without
/// the trailing `/`.
pub async fn serve(d: &Demo) -> (fulcrum_web::Running, String) {
    let server = fulcrum_web::start(d.config("127.0.0.1:0".parse().unwrap()))
        .await
        .unwrap();
    let base = server.url().trim_end_matches('/').to_string();
    (server, base)
}

pub async fn wait_for(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

/// The element `css` selects, which must be on the page now.
/// The text of the element `css` once it shows.
pub async fn text_of(c: &Client, css: &str) -> String {
    wait_for(c, css).await.text().await.unwrap()
}

pub async fn find(c: &Client, css: &str) -> Element {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

pub async fn attr(c: &Client, css: &str, name: &str) -> String {
    find(c, css)
        .await
        .attr(name)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{css} has no {name}"))
}

pub async fn number(c: &Client, css: &str, name: &str) -> i64 {
    let v = attr(c, css, name).await;
    v.parse()
        .unwrap_or_else(|_| panic!("{css} {name}={v:?} is not a number"))
}

pub async fn click(c: &Client, css: &str) {
    find(c, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

pub async fn type_into(c: &Client, css: &str, text: &str) {
    find(c, css).await.send_keys(text).await.unwrap();
}

/// Types `text` into `field`, clicks `button` and waits for `then` to show.
pub async fn submit(c: &Client, field: &str, text: &str, button: &str, then: &str) -> Element {
    type_into(c, field, text).await;
    click(c, button).await;
    wait_for(c, then).await
}

pub async fn select(c: &Client, css: &str, value: &str) {
    find(c, css).await.select_by_value(value).await.unwrap();
}

/// Clicks `css` (a form's button or a link) and waits for the page it leads to: until then
/// the old page, with its old notice, is still there to be read.
pub async fn click_and_load(c: &Client, css: &str) {
    c.execute("window.fulcrumOldPage = true;", vec![])
        .await
        .unwrap();
    click(c, css).await;
    for _ in 0..200 {
        // While the browser navigates, a script may fail to run: that is "not yet".
        let loaded = c
            .execute(
                "return window.fulcrumOldPage === undefined && document.readyState === 'complete';",
                vec![],
            )
            .await;
        if matches!(loaded, Ok(serde_json::Value::Bool(true))) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("clicking {css} led to no new page");
}

/// The notice of the page a click on `css` leads to.
pub async fn notice_after(c: &Client, css: &str) -> String {
    click_and_load(c, css).await;
    text_of(c, "#notice").await
}
