//! What an operator sees of a running instance: a log line and an id per request, and the
//! figures of `/metrics`.

mod metrics;
mod requests;

pub use metrics::{serve_metrics, Metrics};
pub use requests::observe_request;
