//! The figures `GET /metrics` serves in the OpenMetrics text format (which Prometheus reads):
//! requests and their latency by route template and status, sign-in failures, the database
//! pools and the outgoing queue. Labels are route templates and fixed words only, so no name,
//! id or address can reach a scrape. Off unless `metrics_token` is set; a scrape must then
//! carry it as a bearer token.

use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use subtle::ConstantTimeEq;

/// Upper bounds of the latency buckets, in seconds: 1 ms to 10 s.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    state: &'static str,
}

/// The live figures of one instance.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RequestLabels, Histogram>,
    sign_in_failures: Family<ReasonLabels, Counter>,
    pools: Family<PoolLabels, Gauge>,
    jobs: Family<JobLabels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Self {
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RequestLabels, Histogram>::new_with_constructor(new_latency_histogram as fn() -> _);
        let sign_in_failures = Family::<ReasonLabels, Counter>::default();
        let pools = Family::<PoolLabels, Gauge>::default();
        let jobs = Family::<JobLabels, Gauge>::default();
        let mut registry = Registry::with_prefix("trellis");
        registry.register("http_requests", "Requests answered, by method, route template and status", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by method, route template and status",
            latency.clone(),
        );
        registry.register("sign_in_failures", "Refused sign-ins, by reason", sign_in_failures.clone());
        registry.register("db_connections", "Database connections, by pool and whether in use", pools.clone());
        registry.register("jobs", "Jobs in the outgoing queue, by state", jobs.clone());
        Self { registry, requests, latency, sign_in_failures, pools, jobs }
    }
}

fn new_latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

impl Metrics {
    /// Counts one answered request. `route` must be a template (or a fixed word), never a path.
    pub fn record_request(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let labels = RequestLabels { method, route: route.to_string(), status };
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&labels).observe(seconds);
    }

    /// Counts a refused sign-in: `wrong_password`, `throttled`, or a single sign-on reason.
    pub fn record_sign_in_failure(&self, reason: &'static str) {
        self.sign_in_failures.get_or_create(&ReasonLabels { reason }).inc();
    }

    /// The figures as text, after reading the pools and the queue as they are now.
    async fn render(&self, state: &AppState) -> Result<String, std::fmt::Error> {
        for pool in state.store().pool_use() {
            self.pools.get_or_create(&PoolLabels { pool: pool.name, state: "in_use" }).set(pool.in_use());
            self.pools.get_or_create(&PoolLabels { pool: pool.name, state: "idle" }).set(pool.idle);
            self.pools.get_or_create(&PoolLabels { pool: pool.name, state: "max" }).set(pool.max);
        }
        match state.store().queue_health().await {
            Ok(health) => {
                self.jobs.get_or_create(&JobLabels { state: "waiting" }).set(health.waiting);
                self.jobs.get_or_create(&JobLabels { state: "due" }).set(health.due);
                self.jobs.get_or_create(&JobLabels { state: "failed" }).set(health.failed);
            }
            Err(error) => tracing::warn!(%error, "the queue could not be read for /metrics"),
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// `GET /metrics`: 404 when metrics are off, 401 without the right bearer token.
pub async fn serve_metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.config().metrics_token.as_deref() else {
        return crate::error::error_page(StatusCode::NOT_FOUND, "There is no page at this address.".into());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !bool::from(given.trim().as_bytes().ct_eq(expected.as_bytes())) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer realm=\"trellis-metrics\"")], "")
            .into_response();
    }
    match state.metrics().render(&state).await {
        Ok(text) => ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], text)
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
