//! What every handler shares: the store and the configuration.

use crate::config::WebConfig;
use std::sync::Arc;
use trellis_store::Store;

/// Shared application state. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    config: WebConfig,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self(Arc::new(Inner { store, config }))
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }
}
