//! Fulcrum's local web interface: server-rendered pages with SVG charts over the same store
//! and use cases as the CLI, and a read-only JSON API that returns the CLI's JSON shapes.
//!
//! It is a local server: it listens on 127.0.0.1 unless told otherwise, answers only requests
//! addressed to this machine (a defence against DNS rebinding), and every change goes through
//! a POST form carrying a per-process secret token.

#[macro_use]
mod query;
mod api;
mod cache;
mod charts;
mod components;
mod error;
mod extract;
mod fmt;
mod layout;
mod pages;
mod security;

pub use error::Failure;
pub use fulcrum_app::clock::Clock;
pub use security::{REQUEST_BUDGET, host_allowed};

use axum::Router;
use fulcrum_app::{AppError, Result};
use fulcrum_store::Store;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// The address `fulcrum serve` listens on unless `--addr` says otherwise.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

/// The largest calendar a browser may upload.
pub const UPLOAD_LIMIT_BYTES: usize = 16 * 1024 * 1024;

/// What a server needs: the store, the rules file, where to listen and which clock to use.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub rules: PathBuf,
    pub addr: SocketAddr,
    pub clock: Clock,
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// What every request shares, behind [`AppState`].
pub struct Inner {
    pub store: Arc<dyn Store>,
    /// The rules file and what was last compiled from it.
    pub rules: fulcrum_app::rules_file::RuleBook,
    pub db: PathBuf,
    pub clock: Clock,
    /// The secret every form sends back; new each time the server starts.
    pub csrf: String,
    /// The address the listener is bound to (its real port when asked for port 0).
    pub bound: SocketAddr,
    /// Dashboards and weeks already built for the current data.
    pub(crate) cache: cache::Cache,
    /// Counts the changes made through the pages; part of every cache key.
    pub(crate) generation: std::sync::atomic::AtomicU64,
    /// Requests being worked on now.
    pub in_flight: security::InFlight,
    /// How long one request may take, in milliseconds ([`security::REQUEST_BUDGET`]).
    request_budget_ms: std::sync::atomic::AtomicU64,
}

impl Inner {
    /// Called after every change made through a form, so no page built before it is reused.
    pub(crate) fn changed(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Inner {
    pub fn request_budget(&self) -> std::time::Duration {
        std::time::Duration::from_millis(
            self.request_budget_ms
                .load(std::sync::atomic::Ordering::Relaxed),
        )
    }

    /// Changes the time a request may take (tests give it less).
    pub fn set_request_budget(&self, budget: std::time::Duration) {
        let ms = u64::try_from(budget.as_millis()).unwrap_or(u64::MAX);
        self.request_budget_ms
            .store(ms, std::sync::atomic::Ordering::Relaxed);
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Opens the store of `config`, which must exist (a server never creates one), for a
    /// server bound to `bound`.
    pub async fn open(config: &Config, bound: SocketAddr) -> Result<Self> {
        let store = fulcrum_app::open_store(&config.db, fulcrum_app::OpenMode::Existing).await?;
        let store: Arc<dyn Store> = Arc::from(store);
        Ok(AppState(Arc::new(Inner {
            store,
            rules: fulcrum_app::rules_file::RuleBook::new(&config.rules),
            db: config.db.clone(),
            clock: config.clock,
            csrf: security::new_secret()?,
            bound,
            cache: cache::Cache::default(),
            generation: std::sync::atomic::AtomicU64::new(0),
            in_flight: security::InFlight::default(),
            request_budget_ms: std::sync::atomic::AtomicU64::new(
                security::REQUEST_BUDGET.as_millis() as u64,
            ),
        })))
    }

    /// The token forms must carry (for tests that post without a browser).
    pub fn csrf_token(&self) -> &str {
        &self.csrf
    }
}

/// Every page, form target, asset and API endpoint, behind the host check.
pub fn router(state: AppState) -> Router {
    guarded(routes(), state)
}

/// `routes` behind the checks every request passes (host, origin, cross-site, time budget).
pub fn guarded(routes: Router<AppState>, state: AppState) -> Router {
    routes
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(state)
}

fn routes() -> Router<AppState> {
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(layout::routes())
        .fallback(pages::not_found)
}

/// A server listening in the background of the current runtime.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        url(self.addr)
    }

    /// Stops accepting requests, lets running ones finish and waits for the server to end.
    pub async fn stop(self) -> Result<()> {
        let _ = self.shutdown.send(());
        match self.task.await {
            Ok(r) => r.map_err(|e| AppError::Failed(format!("the web server failed: {e}"))),
            Err(e) => Err(AppError::Failed(format!("the web server failed: {e}"))),
        }
    }

    /// Runs until `stop` is called elsewhere or the server fails.
    async fn wait(self, until: impl std::future::Future<Output = ()>) -> Result<()> {
        until.await;
        self.stop().await
    }
}

fn url(addr: SocketAddr) -> String {
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        match addr.ip() {
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            std::net::IpAddr::V4(ip) => ip.to_string(),
        }
    };
    format!("http://{host}:{}/", addr.port())
}

/// Binds `config.addr`, opens the store and serves on the current (multi-threaded) runtime.
pub async fn start(config: Config) -> Result<Running> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| {
            AppError::Failed(format!(
                "cannot listen on {}: {e}; choose another address with --addr",
                config.addr
            ))
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| AppError::Failed(format!("cannot listen on {}: {e}", config.addr)))?;
    let state = AppState::open(&config, addr).await?;
    let app = router(state.clone());
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running {
        addr,
        state,
        shutdown,
        task,
    })
}

/// `fulcrum serve`: runs the server on a runtime of its own (one worker per core) until
/// Ctrl-C, after printing where it listens.
pub async fn serve(config: Config) -> Result<()> {
    if !config.addr.ip().is_loopback() {
        eprintln!(
            "fulcrum: warning: listening on {}, which other machines may reach. Fulcrum has no \
             accounts yet: anyone who can connect sees your calendar and can change your rules \
             and sources.",
            config.addr
        );
    }
    let (done, finished) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("fulcrum-web".into())
        .spawn(move || {
            let result = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| AppError::Failed(format!("cannot start the web server: {e}")))
                .and_then(|rt| {
                    rt.block_on(async move {
                        let running = start(config).await?;
                        // A closed stdout (a pipe whose reader left) must not stop the server.
                        let mut out = std::io::stdout().lock();
                        let _ = writeln!(
                            out,
                            "Fulcrum is running at {}\nPress Ctrl-C to stop it.",
                            running.url()
                        );
                        let _ = out.flush();
                        drop(out);
                        running
                            .wait(async {
                                let _ = tokio::signal::ctrl_c().await;
                            })
                            .await
                    })
                });
            let _ = done.send(result);
        })
        .map_err(|e| AppError::Failed(format!("cannot start the web server: {e}")))?;
    finished.await.unwrap_or_else(|_| {
        Err(AppError::Failed(
            "the web server stopped unexpectedly".into(),
        ))
    })
}
