//! What every handler shares: the store, the configuration, and a short-lived copy of the
//! organisation's settings (read on every page; a change made on another instance shows within
//! a few seconds).

use crate::auth::sso::Sso;
use crate::config::WebConfig;
use crate::observe::Metrics;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use trellis_core::Result;
use trellis_store::{Settings, Store};

/// How long a copy of the settings is used before it is read again.
const SETTINGS_FRESH_FOR: Duration = Duration::from_secs(5);

/// Shared application state. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    config: WebConfig,
    metrics: Metrics,
    sso: Option<Sso>,
    settings: RwLock<Option<(Instant, Settings)>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        let sso = config.sso.clone().and_then(|settings| Sso::new(settings, &config.public_url));
        Self(Arc::new(Inner { store, config, metrics: Metrics::default(), sso, settings: RwLock::new(None) }))
    }

    /// The organisation's settings, read from the store at most every few seconds.
    pub async fn settings(&self) -> Result<Settings> {
        if let Ok(guard) = self.0.settings.read() {
            if let Some((read_at, settings)) = guard.as_ref() {
                if read_at.elapsed() < SETTINGS_FRESH_FOR {
                    return Ok(settings.clone());
                }
            }
        }
        let settings = self.0.store.settings().await?;
        if let Ok(mut guard) = self.0.settings.write() {
            *guard = Some((Instant::now(), settings.clone()));
        }
        Ok(settings)
    }

    /// Saves new settings and forgets the copy.
    pub async fn save_settings(&self, settings: &Settings) -> Result<()> {
        self.0.store.save_settings(settings).await?;
        if let Ok(mut guard) = self.0.settings.write() {
            *guard = None;
        }
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    /// Single sign-on, when set up.
    pub fn sso(&self) -> Option<&Sso> {
        self.0.sso.as_ref()
    }

    /// This instance's figures, for `/metrics`.
    pub fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }
}
