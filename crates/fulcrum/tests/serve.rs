//! `fulcrum serve` and `fulcrum demo --serve` as processes: the server's JSON API answers
//! exactly what the CLI prints for the same store, rules and `FULCRUM_NOW`.

mod common;

use common::Env;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

const NOW: &str = "2026-03-04T16:30:00Z";

/// A running server process, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    stderr: std::process::ChildStderr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(mut cmd: std::process::Command) -> Server {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(u) = line.strip_prefix("Fulcrum is running at ") {
                    break u.trim().to_string();
                }
            }
            _ => {
                let _ = child.kill();
                let mut err = String::new();
                let mut stderr = stderr;
                let _ = stderr.read_to_string(&mut err);
                panic!("the server did not start: {err}");
            }
        }
    };
    Server { child, url, stderr }
}

/// A GET over a plain socket to the server on 127.0.0.1; returns status and body.
fn get(url: &str, path: &str, host: Option<&str>) -> (u16, String) {
    let authority = url
        .strip_prefix("http://")
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let mut s = TcpStream::connect(&authority).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        host.unwrap_or(&authority)
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("not an HTTP response to {path}: {raw:?}"));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[test]
fn the_servers_api_answers_what_the_cli_prints() {
    let env = Env::new();
    let db = env.dir.path().join("demo.db");
    let rules = env.dir.path().join("demo.files").join("rules.toml");
    let mut demo = env.bare_command();
    demo.arg("--db")
        .arg(&db)
        .args(["demo", "--today", "2026-03-04", "--format", "json"]);
    let out = demo.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let cli = |args: &[&str]| -> Value {
        let mut c = env.bare_command();
        c.env("FULCRUM_NOW", NOW)
            .arg("--db")
            .arg(&db)
            .arg("--rules")
            .arg(&rules)
            .args(args);
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&String::from_utf8_lossy(&out.stdout))
    };

    let mut serve = env.bare_command();
    serve
        .env("FULCRUM_NOW", NOW)
        .arg("--db")
        .arg(&db)
        .arg("--rules")
        .arg(&rules)
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let server = start(serve);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );

    for (path, args) in [
        ("/api/report", vec!["report", "--format", "json"]),
        (
            "/api/report?week=2026-W10",
            vec!["report", "--week", "2026-W10", "--format", "json"],
        ),
        (
            "/api/report?week=2026-W05",
            vec!["report", "--week", "2026-W05", "--format", "json"],
        ),
        (
            "/api/report?from=2026-01-01&to=2026-02-01",
            vec![
                "report",
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-01",
                "--format",
                "json",
            ],
        ),
        ("/api/sources", vec!["sources", "--format", "json"]),
        ("/api/rules", vec!["rules", "list", "--format", "json"]),
        ("/api/settings", vec!["settings", "--format", "json"]),
        (
            "/api/rules/explain?title=Incident%20review&attendees=6",
            vec![
                "rules",
                "explain",
                "Incident review",
                "--attendees",
                "6",
                "--format",
                "json",
            ],
        ),
    ] {
        let (status, body) = get(&server.url, path, None);
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(json(&body), cli(&args), "{path} vs fulcrum {args:?}");
    }
    let (_, body) = get(&server.url, "/api/report", None);
    assert_eq!(json(&body)["from"], "2026-03-02");

    // A page that rebinds its own name to 127.0.0.1 is refused.
    let (status, body) = get(&server.url, "/api/report", Some("attacker.example:80"));
    assert_eq!(status, 403, "{body}");
    let (status, _) = get(&server.url, "/", Some("localhost"));
    assert_eq!(status, 200);
}

#[test]
fn demo_serve_shows_the_demo_as_of_its_day_and_other_addresses_are_warned_about() {
    let env = Env::new();
    let db = env.dir.path().join("demo.db");
    let mut cmd = env.bare_command();
    cmd.env_remove("FULCRUM_NOW").arg("--db").arg(&db).args([
        "demo",
        "--today",
        "2026-03-04",
        "--serve",
        "--addr",
        "127.0.0.1:0",
    ]);
    let server = start(cmd);
    let (status, body) = get(&server.url, "/api/report", None);
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["from"], "2026-03-02", "the demo's own today");
    let (status, page) = get(&server.url, "/", None);
    assert_eq!(status, 200);
    assert!(page.contains("data-week=\"2026-W10\""));
    drop(server);

    let mut cmd = env.bare_command();
    cmd.arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "0.0.0.0:0"]);
    let mut server = start(cmd);
    let _ = server.child.kill();
    let mut err = String::new();
    server.stderr.read_to_string(&mut err).unwrap();
    assert!(err.contains("warning") && err.contains("no"), "{err}");
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
}
