//! The HTTP interactions endpoint: Discord POSTs each interaction to
//! `/interactions`, signed with the application's Ed25519 key, and we answer
//! inline with the same body the gateway would send.
//!
//! Every request is checked before anything else runs ([`verify`]): size
//! (413), signature headers (401), timestamp within five minutes (401), then
//! Ed25519 over `timestamp ‖ raw body` (401). Only then is the body parsed
//! (400 if it is not an interaction) and answered ([`answer`]) through the
//! answer cache, exactly as the gateway answers. PING is answered
//! `{"type":1}` without touching the dataset.
//!
//! Around that: `GET /healthz`, `GET /readyz` (which dataset version
//! answers), `GET /metrics`, a concurrency limit that sheds load with 503,
//! a request timeout (408), one log line per request ([`observe`]: never the
//! body, the signature or the interaction token) and graceful shutdown on
//! SIGINT/SIGTERM.

use std::convert::Infallible;
use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use ed25519_dalek::VerifyingKey;

use super::metrics::{self, Metrics};
use super::signals::shutdown_signal;
use crate::answers::{Answers, Limits};
use crate::dataset::SharedDataset;

mod answer;
mod deferred;
mod observe;
pub mod verify;

pub use verify::{public_key, MAX_BODY, MAX_SKEW_SECS};

/// Limits of the server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Requests handled at once on `/interactions`; more are refused with 503.
    pub max_in_flight: usize,
    /// Time allowed for one request, body upload included (408 after it).
    pub request_timeout: Duration,
    /// After SIGINT/SIGTERM, how long in-flight requests may still take.
    pub shutdown_grace: Duration,
    /// Answers kept for repeated commands, autocomplete prefixes and page
    /// buttons (0 turns the cache off), with 4 KiB each at most on average;
    /// see [`crate::answers`].
    pub answer_cache: usize,
    /// Where answers with a picture are edited in after their deferral
    /// (Discord's API unless a test points it at a fake).
    pub discord_api: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_in_flight: 1024,
            // Discord stops waiting after 3 s.
            request_timeout: Duration::from_secs(3),
            shutdown_grace: Duration::from_secs(10),
            answer_cache: Limits::default().entries,
            discord_api: None,
        }
    }
}

/// The shared state of the endpoint.
#[derive(Debug)]
pub struct Endpoint {
    key: VerifyingKey,
    data: Arc<SharedDataset>,
    metrics: Metrics,
    answers: Answers,
    editor: deferred::Editor,
}

impl Endpoint {
    /// The endpoint for the application with public key `key` (parsed once,
    /// at startup), answering from `data`: each request takes its current
    /// version once and answers from it throughout, so a reload never mixes
    /// two versions in one answer.
    pub fn new(key: VerifyingKey, data: Arc<SharedDataset>, options: &Options) -> Arc<Self> {
        Arc::new(Endpoint {
            key,
            data,
            metrics: Metrics::new(),
            answers: Answers::new(Limits::entries(options.answer_cache)),
            editor: deferred::Editor::new(options.discord_api.as_deref()),
        })
    }

    /// The dataset, to reload it while serving.
    pub fn data(&self) -> &Arc<SharedDataset> {
        &self.data
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The answers kept in memory.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Every route, with the limits of `options` on `/interactions`.
    fn routes(self: &Arc<Self>, options: &Options) -> Router {
        let admission = answer::Admission::new(options.max_in_flight, options.request_timeout);
        let interactions = move |State(app): State<Arc<Endpoint>>, req: axum::extract::Request| {
            answer::interactions(app, Arc::clone(&admission), req)
        };
        Router::new()
            .route("/interactions", post(interactions))
            .route("/healthz", get(healthz))
            .route("/readyz", get(readyz))
            .route("/metrics", get(metrics_text))
            .fallback(not_found)
            .with_state(Arc::clone(self))
    }
}

/// Serves `endpoint` on `listener` until `shutdown` completes, then stops
/// accepting, lets in-flight requests finish and returns. Every request is
/// counted and logged ([`observe`]) around the routes.
pub fn serve<F>(
    listener: tokio::net::TcpListener,
    endpoint: &Arc<Endpoint>,
    options: &Options,
    shutdown: F,
) -> impl Future<Output = std::io::Result<()>> + Send + 'static
where
    F: Future<Output = ()> + Send + 'static,
{
    let routes = endpoint.routes(options);
    let app = Arc::clone(endpoint);
    let service = tower::service_fn(move |req: axum::extract::Request| {
        let app = Arc::clone(&app);
        let routes = routes.clone();
        async move { Ok::<_, Infallible>(observe::observed(&app, routes, req).await) }
    });
    let listener = listener.tap_io(|tcp| {
        // Answers are one small write; don't let Nagle hold them back.
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, tower::make::Shared::new(service))
        .with_graceful_shutdown(shutdown)
        .into_future()
}

/// `pactbot serve`: runs the endpoint on its own tokio runtime until a signal.
/// Its settings come from the command line (`PACTBOT_ANSWER_CACHE` is
/// `--answer-cache`, read by clap with the rest).
pub fn run(
    listen: SocketAddr,
    key: VerifyingKey,
    data: Arc<SharedDataset>,
    options: Options,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        let addr = listener.local_addr()?;
        let endpoint = Endpoint::new(key, data, &options);
        // SIGHUP reloads the dataset (see `reload.rs`); installed before the
        // first answer, so a SIGHUP never ends the process.
        tokio::spawn(super::reload::on_sighup(Arc::clone(endpoint.data())).context("listening for SIGHUP")?);
        // SIGTERM/SIGINT too, before the address is announced: a signal
        // right after start is a graceful shutdown, never the default death.
        let stop = shutdown_signal();
        eprintln!("pactbot: answering Discord interactions at http://{addr}/interactions");
        tracing::info!(target: "pactbot::endpoint", %addr, "listening");
        serve_until_signal(listener, &endpoint, &options, stop).await
    })
}

/// With one core to run on (a container's CPU limit, `taskset`), one thread
/// does it all without hand-offs between threads (≈ 15 % more requests per
/// second than a one-worker multi-thread runtime, measured with
/// bench/endpoint.sh); otherwise one worker per core.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    use anyhow::Context as _;
    let one_core = std::thread::available_parallelism().is_ok_and(|n| n.get() == 1);
    let mut runtime = if one_core {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    runtime.enable_all().build().context("starting the tokio runtime")
}

/// Serves until SIGINT/SIGTERM, then lets requests in flight finish for at
/// most [`Options::shutdown_grace`].
async fn serve_until_signal(
    listener: tokio::net::TcpListener,
    endpoint: &Arc<Endpoint>,
    options: &Options,
    stop: impl std::future::Future<Output = &'static str> + Send + 'static,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let signalled = Arc::new(tokio::sync::Notify::new());
    let notify = Arc::clone(&signalled);
    let server = serve(listener, endpoint, options, async move {
        let signal = stop.await;
        tracing::info!(target: "pactbot::endpoint", signal, "shutting down: finishing requests in flight");
        notify.notify_one();
    });
    tokio::pin!(server);
    tokio::select! {
        biased;
        () = signalled.notified() => {
            match tokio::time::timeout(options.shutdown_grace, &mut server).await {
                Ok(r) => r.context("serving")?,
                Err(_) => tracing::warn!(
                    target: "pactbot::endpoint",
                    grace_s = options.shutdown_grace.as_secs(),
                    "requests still in flight after the grace period; stopping anyway"
                ),
            }
        }
        r = &mut server => r.context("serving")?,
    }
    // Answers deferred for their picture still to be edited in.
    let pending = endpoint.editor.pending();
    if pending > 0 && !endpoint.editor.drained(options.shutdown_grace).await {
        tracing::warn!(
            target: "pactbot::endpoint",
            pending,
            "deferred answers still being edited in after the grace period; stopping anyway"
        );
    }
    Ok(())
}

async fn healthz() -> &'static str {
    "ok\n"
}

/// Ready once a valid dataset is loaded (nothing serves before that; a
/// failed reload keeps the last good version): says which version answers.
async fn readyz(State(app): State<Arc<Endpoint>>) -> String {
    let ds = app.data.current();
    format!(
        "ready: {} partners, {} aid types, data v{} as of {}\n",
        ds.partners.len(),
        ds.aid_types.len(),
        ds.meta.version,
        ds.meta.as_of
    )
}

async fn metrics_text(State(app): State<Arc<Endpoint>>) -> Response {
    (
        [(CONTENT_TYPE, HeaderValue::from_static(metrics::CONTENT_TYPE))],
        app.metrics.encode(),
    )
        .into_response()
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}
