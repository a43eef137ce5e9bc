//! Prometheus metrics of the HTTP interactions endpoint.
//!
//! Every label value is a `&'static str` from a closed set (routes, interaction
//! kinds, command names from the command table, rejection reasons), so the
//! number of series is bounded whatever clients send.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// The content type of [`Metrics::encode`]'s output (OpenMetrics text, which
/// Prometheus scrapes natively).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: &'static str,
    status: u16,
    kind: &'static str,
    command: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LatencyLabels {
    route: &'static str,
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: &'static str,
}

type HistogramFamily = Family<LatencyLabels, Histogram, fn() -> Histogram>;

/// The endpoint's counters and histograms, and the registry that encodes them.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: HistogramFamily,
    rejected: Family<ReasonLabels, Counter>,
    in_flight: Gauge,
    cache: Family<CacheLabels, Counter>,
    deferred: Family<CacheLabels, Counter>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CacheLabels {
    result: &'static str,
}

/// 50 µs to ≈ 1.6 s in doublings: a verified request takes ≈ 30–60 µs,
/// Discord gives up after 3 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.000_05, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("pactbot");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route, status, interaction kind and command",
            requests.clone(),
        );
        let latency: HistogramFamily = Family::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time from the request's headers to its response, by route and interaction kind",
            latency.clone(),
        );
        let rejected = Family::<ReasonLabels, Counter>::default();
        registry.register(
            "interactions_rejected",
            "POST /interactions requests refused before the handler, by reason",
            rejected.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "http_requests_in_flight",
            "Requests being handled right now",
            in_flight.clone(),
        );
        let cache = Family::<CacheLabels, Counter>::default();
        registry.register(
            "answer_cache_lookups",
            "Answers looked up in the answer cache, by result (hit or miss)",
            cache.clone(),
        );
        let deferred = Family::<CacheLabels, Counter>::default();
        registry.register(
            "deferred_edits",
            "Deferred answers (pictures) edited into their original response, by result (ok or failed)",
            deferred.clone(),
        );
        Metrics {
            cache,
            deferred,
            registry,
            requests,
            latency,
            rejected,
            in_flight,
        }
    }

    /// Counts one answered request and its latency.
    pub fn observe(
        &self,
        route: &'static str,
        status: u16,
        kind: &'static str,
        command: &'static str,
        seconds: f64,
    ) {
        self.requests
            .get_or_create(&RequestLabels {
                route,
                status,
                kind,
                command,
            })
            .inc();
        self.latency
            .get_or_create(&LatencyLabels { route, kind })
            .observe(seconds);
    }

    /// Counts one request refused before the handler ran (bad signature, …).
    pub fn reject(&self, reason: &'static str) {
        self.rejected.get_or_create(&ReasonLabels { reason }).inc();
    }

    /// Counts one answer-cache lookup.
    pub fn cache(&self, hit: bool) {
        let result = if hit { "hit" } else { "miss" };
        self.cache.get_or_create(&CacheLabels { result }).inc();
    }

    /// Counts one deferred answer edited in (or given up).
    pub fn deferred_edit(&self, ok: bool) {
        let result = if ok { "ok" } else { "failed" };
        self.deferred.get_or_create(&CacheLabels { result }).inc();
    }

    /// The gauge of requests in flight.
    pub fn in_flight(&self) -> &Gauge {
        &self.in_flight
    }

    /// Everything, in the text exposition format.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(4096);
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}
