//! What every response was, for the metrics and the one log line per
//! request (never the body, the signature or the interaction token), and
//! the refusals as responses.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{HeaderValue, CONNECTION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt as _;

use super::verify::Refusal;
use super::Endpoint;

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// What a response was, for the log line and the metrics (set by handlers in
/// the response's extensions; absent means a plain route or a refusal).
#[derive(Debug, Clone, Copy)]
pub(super) struct Tag {
    pub kind: &'static str,
    pub command: &'static str,
    pub reply: &'static str,
    /// Why the request was refused, or "".
    pub reason: &'static str,
}

impl Tag {
    pub const NONE: Tag = Tag {
        kind: "none",
        command: "none",
        reply: "none",
        reason: "",
    };

    pub fn refused(reason: &'static str) -> Tag {
        Tag {
            kind: "refused",
            reason,
            ..Tag::NONE
        }
    }
}

pub(super) fn route_of(path: &str) -> &'static str {
    match path {
        "/interactions" => "/interactions",
        "/healthz" => "/healthz",
        "/readyz" => "/readyz",
        "/metrics" => "/metrics",
        _ => "other",
    }
}

/// Decrements the in-flight gauge even when the client goes away mid-request.
struct InFlight<'a>(&'a prometheus_client::metrics::gauge::Gauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// Serves one request with `routes`, then counts it and writes its one log
/// line. Written as a plain async function that the server's service calls,
/// not as an axum middleware: that costs no boxed future and no clone of the
/// inner service per request.
pub(super) async fn observed(app: &Endpoint, routes: Router, req: Request) -> Response {
    let start = Instant::now();
    let route = route_of(req.uri().path());
    let method: Method = req.method().clone();
    app.metrics.in_flight().inc();
    let _in_flight = InFlight(app.metrics.in_flight());
    let res = match routes.oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    };
    record(app, route, &method, &res, start.elapsed());
    res
}

/// The metrics and the log line of one answered request.
fn record(app: &Endpoint, route: &'static str, method: &Method, res: &Response, elapsed: Duration) {
    let status = res.status();
    let tag = res.extensions().get::<Tag>().copied().unwrap_or(Tag::NONE);
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
}

/// 503: more requests in flight on `/interactions` than allowed; refused at
/// once rather than queued (Discord gives up after 3 s anyway).
pub(super) fn overloaded() -> Response {
    let mut res = refuse(
        StatusCode::SERVICE_UNAVAILABLE,
        "overloaded",
        "overloaded, try again\n",
    );
    res.headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("1"));
    res
}

/// 408: the request (its body) did not arrive in time.
pub(super) fn timed_out() -> Response {
    refuse(StatusCode::REQUEST_TIMEOUT, "timeout", "request timed out\n")
}

/// A refused request: its status, a short text, and the reason for the log.
pub(super) fn refuse(status: StatusCode, reason: &'static str, text: &'static str) -> Response {
    let mut res = (status, text).into_response();
    res.extensions_mut().insert(Tag::refused(reason));
    res
}

/// A request that did not pass [`super::verify`].
pub(super) fn refusal(r: Refusal) -> Response {
    match r {
        Refusal::TooLarge => too_large(),
        Refusal::BodyRead => refuse(StatusCode::BAD_REQUEST, r.reason(), "could not read the body\n"),
        _ => refuse(
            StatusCode::UNAUTHORIZED,
            r.reason(),
            "invalid request signature\n",
        ),
    }
}

/// 413, and the connection is closed after it: the rest of the body is
/// never read, so the connection cannot carry another request (without the
/// header a client would reuse it and lose its next request).
fn too_large() -> Response {
    let mut res = refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        Refusal::TooLarge.reason(),
        "request body over 64 KiB\n",
    );
    res.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    res
}

/// A JSON answer, tagged with what it was.
pub(super) fn json(body: impl Into<Body>, tag: Tag) -> Response {
    let mut res = Response::new(body.into());
    res.headers_mut().insert(CONTENT_TYPE, APPLICATION_JSON);
    res.extensions_mut().insert(tag);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_a_closed_set() {
        assert_eq!(route_of("/interactions"), "/interactions");
        assert_eq!(route_of("/interactions/x"), "other");
        assert_eq!(route_of("/wp-admin"), "other");
    }

    #[test]
    fn refusals_have_their_status() {
        for r in [Refusal::TooLarge, Refusal::BadSignature, Refusal::BodyRead] {
            let res = refusal(r);
            assert_eq!(res.status().as_u16(), r.status());
            assert_eq!(res.extensions().get::<Tag>().unwrap().reason, r.reason());
        }
        assert_eq!(refusal(Refusal::TooLarge).headers()[CONNECTION], "close");
    }
}
