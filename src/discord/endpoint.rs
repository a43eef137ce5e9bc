//! The HTTP interactions endpoint: Discord POSTs each interaction to
//! `/interactions`, signed with the application's Ed25519 key, and we answer
//! inline with the same body the gateway would send.
//!
//! Every request is checked before anything else runs: size (413), signature
//! headers (401), timestamp within five minutes (401), then Ed25519 over
//! `timestamp ‖ raw body` (401). Only then is the body parsed (400 if it is
//! not an interaction) and handed to [`interaction::respond`], unchanged from
//! the gateway. PING is answered `{"type":1}` without touching the dataset.
//!
//! Around that: `GET /healthz`, `GET /readyz` (which dataset version
//! answers), `GET /metrics`, a concurrency
//! limit that sheds load with 503, a request timeout (408), one log line per
//! request (never the body, the signature or the interaction token) and
//! graceful shutdown on SIGINT/SIGTERM.

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes, HttpBody};
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::{BoxError, Router};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::Deserialize;
use tower::ServiceBuilder;

use self::cache::{AnswerCache, Cached, Light};
use super::config::{self, ConfigError};
use super::interaction;
use super::metrics::{self, Metrics};
use crate::dataset::SharedDataset;
use crate::reply::Status;

mod cache;

/// Largest request body accepted; Discord's interactions are a few KiB.
pub const MAX_BODY: usize = 64 * 1024;
/// How far a request's timestamp may be from our clock, either way.
pub const MAX_SKEW_SECS: u64 = 5 * 60;

const SIGNATURE: HeaderName = HeaderName::from_static("x-signature-ed25519");
const TIMESTAMP: HeaderName = HeaderName::from_static("x-signature-timestamp");
const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");
const PONG: &[u8] = br#"{"type":1}"#;

/// The application's public key from `DISCORD_PUBLIC_KEY` (see
/// [`config::discord_public_key`]), checked to be a point on the curve once,
/// at startup. Errors name the variable; their exit code is 2.
pub fn public_key(lookup: impl Fn(&str) -> Option<String>) -> Result<VerifyingKey, ConfigError> {
    let bytes = config::discord_public_key(lookup)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| ConfigError::Malformed {
        var: config::PUBLIC_KEY_VAR,
        reason: "these 32 bytes are not an Ed25519 public key".into(),
    })
}

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
    /// buttons (0 turns the cache off); see `endpoint/cache.rs`.
    pub answer_cache: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_in_flight: 1024,
            // Discord stops waiting after 3 s.
            request_timeout: Duration::from_secs(3),
            shutdown_grace: Duration::from_secs(10),
            answer_cache: 1024,
        }
    }
}

/// The shared state of the endpoint.
#[derive(Debug)]
pub struct Endpoint {
    key: VerifyingKey,
    data: Arc<SharedDataset>,
    metrics: Metrics,
    cache: AnswerCache,
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
            cache: AnswerCache::new(options.answer_cache),
        })
    }

    /// The dataset, to reload it while serving.
    pub fn data(&self) -> &Arc<SharedDataset> {
        &self.data
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Every route, with the limits of `options`.
    pub fn router(self: &Arc<Self>, options: &Options) -> Router {
        let limited = ServiceBuilder::new()
            .layer(HandleErrorLayer::new(refused))
            .load_shed()
            .concurrency_limit(options.max_in_flight.max(1))
            .timeout(options.request_timeout);
        Router::new()
            .route("/interactions", post(interactions).layer(limited))
            .route("/healthz", get(healthz))
            .route("/readyz", get(readyz))
            .route("/metrics", get(metrics_text))
            .fallback(not_found)
            .layer(middleware::from_fn_with_state(Arc::clone(self), observe))
            .with_state(Arc::clone(self))
    }
}

/// Serves `endpoint` on `listener` until `shutdown` completes, then stops
/// accepting, lets in-flight requests finish and returns.
pub fn serve<F>(
    listener: tokio::net::TcpListener,
    endpoint: &Arc<Endpoint>,
    options: &Options,
    shutdown: F,
) -> impl Future<Output = std::io::Result<()>> + Send + 'static
where
    F: Future<Output = ()> + Send + 'static,
{
    let router = endpoint.router(options);
    let listener = listener.tap_io(|tcp| {
        // Answers are one small write; don't let Nagle hold them back.
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .into_future()
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// `pactbot serve`: runs the endpoint on its own tokio runtime until a signal.
///
/// `PACTBOT_ANSWER_CACHE` (a number of answers, 0 = off) overrides
/// [`Options::answer_cache`].
pub fn run(
    listen: SocketAddr,
    key: VerifyingKey,
    data: Arc<SharedDataset>,
    mut options: Options,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    if let Some(v) = config::process_env("PACTBOT_ANSWER_CACHE") {
        options.answer_cache = v.trim().parse().map_err(|_| {
            anyhow::anyhow!("PACTBOT_ANSWER_CACHE is malformed: expected a number of answers (0 = off)")
        })?;
    }
    // With one core to run on (a container's CPU limit, `taskset`), one
    // thread does it all without hand-offs between threads (≈ 15 % more
    // requests per second than a one-worker multi-thread runtime, measured
    // with bench/endpoint.sh); otherwise one worker per core.
    let one_core = std::thread::available_parallelism().is_ok_and(|n| n.get() == 1);
    let mut runtime = if one_core {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let rt = runtime
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        let addr = listener.local_addr()?;
        let endpoint = Endpoint::new(key, data, &options);
        // SIGHUP reloads the dataset (see `reload.rs`); installed before the
        // first answer, so a SIGHUP never ends the process.
        tokio::spawn(super::reload::on_sighup(Arc::clone(endpoint.data())).context("listening for SIGHUP")?);
        eprintln!("pactbot: answering Discord interactions at http://{addr}/interactions");
        tracing::info!(target: "pactbot::endpoint", %addr, "listening");

        let signalled = Arc::new(tokio::sync::Notify::new());
        let notify = Arc::clone(&signalled);
        let server = serve(listener, &endpoint, &options, async move {
            shutdown_signal().await;
            notify.notify_one();
        });
        tokio::pin!(server);
        tokio::select! {
            biased;
            () = signalled.notified() => {
                tracing::info!(target: "pactbot::endpoint", "shutting down: finishing requests in flight");
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
        Ok(())
    })
}

/// What a response was, for the log line and the metrics (set by handlers in
/// the response's extensions; absent means a plain route or a refusal).
#[derive(Debug, Clone, Copy)]
struct Tag {
    kind: &'static str,
    command: &'static str,
    reply: &'static str,
    /// Why the request was refused, or "".
    reason: &'static str,
}

impl Tag {
    const NONE: Tag = Tag {
        kind: "none",
        command: "none",
        reply: "none",
        reason: "",
    };

    fn refused(reason: &'static str) -> Tag {
        Tag {
            kind: "refused",
            reason,
            ..Tag::NONE
        }
    }
}

fn route_of(path: &str) -> &'static str {
    match path {
        "/interactions" => "/interactions",
        "/healthz" => "/healthz",
        "/readyz" => "/readyz",
        "/metrics" => "/metrics",
        _ => "other",
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::NoMatch => "no_match",
        Status::NotAPartner => "not_a_partner",
        Status::Error => "error",
    }
}

/// Decrements the in-flight gauge even when the client goes away mid-request.
struct InFlight<'a>(&'a prometheus_client::metrics::gauge::Gauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// Times every request, counts it and writes its one log line.
async fn observe(State(app): State<Arc<Endpoint>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = route_of(req.uri().path());
    let method: Method = req.method().clone();
    app.metrics.in_flight().inc();
    let _in_flight = InFlight(app.metrics.in_flight());
    let res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status();
    let tag = res
        .extensions()
        .get::<Tag>()
        .copied()
        .unwrap_or_else(|| match status {
            StatusCode::SERVICE_UNAVAILABLE if route == "/interactions" => Tag::refused("overloaded"),
            StatusCode::REQUEST_TIMEOUT => Tag::refused("timeout"),
            _ => Tag::NONE,
        });
    if !tag.reason.is_empty() {
        app.metrics.reject(tag.reason);
    }
    app.metrics.observe(
        route,
        status.as_u16(),
        tag.kind,
        tag.command,
        elapsed.as_secs_f64(),
    );
    tracing::info!(
        target: "pactbot::endpoint",
        route,
        method = method.as_str(),
        status = status.as_u16(),
        kind = tag.kind,
        command = tag.command,
        reply = tag.reply,
        reason = tag.reason,
        latency_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
        "request"
    );
    res
}

/// The concurrency limit's and the timeout's errors as responses.
async fn refused(err: BoxError) -> Response {
    if err.is::<tower::load_shed::error::Overloaded>() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(RETRY_AFTER, HeaderValue::from_static("1"))],
            "overloaded, try again\n",
        )
            .into_response()
    } else if err.is::<tower::timeout::error::Elapsed>() {
        (StatusCode::REQUEST_TIMEOUT, "request timed out\n").into_response()
    } else {
        tracing::error!(target: "pactbot::endpoint", error = %err, "internal error");
        (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response()
    }
}

fn refuse(status: StatusCode, reason: &'static str, text: &'static str) -> Response {
    let mut res = (status, text).into_response();
    res.extensions_mut().insert(Tag::refused(reason));
    res
}

fn unauthorized(reason: &'static str) -> Response {
    refuse(StatusCode::UNAUTHORIZED, reason, "invalid request signature\n")
}

/// 413, and the connection is closed after it: the rest of the body is
/// never read, so the connection cannot carry another request (without the
/// header a client would reuse it and lose its next request).
fn too_large() -> Response {
    let mut res = refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        "request body over 64 KiB\n",
    );
    res.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    res
}

fn json(body: impl Into<Body>, tag: Tag) -> Response {
    let mut res = Response::new(body.into());
    res.headers_mut().insert(CONTENT_TYPE, APPLICATION_JSON);
    res.extensions_mut().insert(tag);
    res
}

/// `POST /interactions`.
async fn interactions(State(app): State<Arc<Endpoint>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;

    let declared = declared_length(headers);
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    let (Some(signature), Some(timestamp)) = (headers.get(&SIGNATURE), headers.get(&TIMESTAMP)) else {
        return unauthorized("missing_signature");
    };
    let mut sig = [0u8; 64];
    if hex::decode_to_slice(signature.as_bytes(), &mut sig).is_err() {
        return unauthorized("malformed_signature");
    }
    let timestamp = timestamp.as_bytes();
    let Some(signed_at) = parse_unix_seconds(timestamp) else {
        return unauthorized("malformed_timestamp");
    };
    if unix_now().abs_diff(signed_at) > MAX_SKEW_SECS {
        return unauthorized("stale_timestamp");
    }

    let message = match read_signed(body, timestamp, declared).await {
        Ok(m) => m,
        Err(BodyError::TooLarge) => return too_large(),
        Err(BodyError::Read) => {
            return refuse(StatusCode::BAD_REQUEST, "body_read", "could not read the body\n");
        }
    };
    if app.key.verify(&message, &Signature::from_bytes(&sig)).is_err() {
        return unauthorized("bad_signature");
    }
    answer(&app, &message[timestamp.len()..])
}

/// Answers a verified body.
fn answer(app: &Endpoint, body: &[u8]) -> Response {
    // An interaction is an object (serde would also read a struct from an array).
    if body.trim_ascii_start().first() != Some(&b'{') {
        return refuse(StatusCode::BAD_REQUEST, "malformed_json", "not an interaction\n");
    }
    // One pass that validates the JSON and borrows what the answer depends
    // on; a body with an unexpected shape takes the plain path below.
    let light = serde_json::from_slice::<Light>(body).ok();
    let kind = match &light {
        Some(l) => l.kind,
        None => {
            #[derive(Deserialize)]
            struct Head {
                #[serde(rename = "type")]
                kind: u64,
            }
            match serde_json::from_slice::<Head>(body) {
                Ok(h) => h.kind,
                Err(_) => return refuse(StatusCode::BAD_REQUEST, "malformed_json", "not an interaction\n"),
            }
        }
    };
    match kind {
        // Discord's health and endpoint checks: no allocation, no dataset.
        1 => {
            return json(
                Bytes::from_static(PONG),
                Tag {
                    kind: "ping",
                    ..Tag::NONE
                },
            )
        }
        2..=5 => {}
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "unknown_type",
                "unknown interaction type\n",
            )
        }
    }
    let ds = app.data.current();
    let key = if app.cache.enabled() {
        light.as_ref().and_then(Light::key)
    } else {
        None
    };
    if let Some(k) = &key {
        if let Some(hit) = app.cache.get(&ds, k) {
            app.metrics.cache(true);
            return json(hit.body, hit.tag);
        }
        app.metrics.cache(false);
    }

    let interaction = match interaction::parse(body) {
        Ok(i) => i,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "malformed_interaction",
                "not an interaction\n",
            )
        }
    };
    let (response, outcome) = interaction::respond(&ds, &interaction);
    let tag = Tag {
        kind: outcome.kind,
        command: outcome.command.unwrap_or("none"),
        reply: outcome.status.map_or("none", status_name),
        reason: "",
    };
    let bytes = match serde_json::to_vec(&response) {
        Ok(b) => Bytes::from(b),
        Err(e) => {
            tracing::error!(target: "pactbot::endpoint", error = %e, "cannot serialise a response");
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response();
        }
    };
    if let Some(k) = key {
        app.cache.put(
            &ds,
            k,
            Cached {
                body: bytes.clone(),
                tag,
            },
        );
    }
    json(bytes, tag)
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// Seconds since the epoch, as Discord writes them (ASCII digits only).
fn parse_unix_seconds(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    s.iter().try_fold(0u64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

enum BodyError {
    TooLarge,
    Read,
}

/// Reads the body into one buffer after the timestamp, which is exactly the
/// signed message (one allocation, one copy of the body), refusing more than
/// [`MAX_BODY`] bytes whatever the headers said.
async fn read_signed(mut body: Body, timestamp: &[u8], declared: Option<u64>) -> Result<Vec<u8>, BodyError> {
    let hint = declared.map_or(1024, |n| n as usize);
    let mut message = Vec::with_capacity(timestamp.len() + hint);
    message.extend_from_slice(timestamp);
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| BodyError::Read)?;
        if let Ok(data) = frame.into_data() {
            if message.len() - timestamp.len() + data.len() > MAX_BODY {
                return Err(BodyError::TooLarge);
            }
            message.extend_from_slice(&data);
        }
    }
    Ok(message)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_plain_digits() {
        assert_eq!(parse_unix_seconds(b"1700000000"), Some(1_700_000_000));
        for bad in [&b""[..], b"-1", b"17e8", b" 1", b"1.5", b"99999999999999999999"] {
            assert_eq!(parse_unix_seconds(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn public_keys_are_checked_once_and_named() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
        let upper = hex::encode_upper(key.as_bytes());
        assert_eq!(public_key(|_| Some(upper.clone())), Ok(key));
        let e = public_key(|_| None).unwrap_err();
        assert!(e.to_string().starts_with("DISCORD_PUBLIC_KEY is not set"), "{e}");
        assert_eq!(e.exit_code(), 2);
        for bad in ["abc", "zz", &"zz".repeat(32)] {
            let e = public_key(|_| Some(bad.to_string())).unwrap_err().to_string();
            assert!(e.starts_with("DISCORD_PUBLIC_KEY is malformed"), "{e}");
        }
        // 64 hex digits that are not a point on the curve.
        let off_curve = (0..=255u8)
            .map(|b| [b; 32])
            .find(|k| VerifyingKey::from_bytes(k).is_err())
            .expect("some byte pattern is off the curve");
        let e = public_key(|_| Some(hex::encode(off_curve)))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not an Ed25519 public key"), "{e}");
    }

    #[test]
    fn routes_are_a_closed_set() {
        assert_eq!(route_of("/interactions"), "/interactions");
        assert_eq!(route_of("/interactions/x"), "other");
        assert_eq!(route_of("/wp-admin"), "other");
    }
}
