//! Configuration of the `trellis` binary. Each setting comes from, in rising precedence: the
//! defaults below, a TOML file (`--config`), `TRELLIS_*` environment variables, and flags.

use crate::commands::LogFormat;
use anyhow::{Context, Result};
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use trellis_mail::SmtpSettings;
use trellis_store::{redact_url, SessionPolicy, SignInLimits};
use trellis_web::{EmailShown, SsoSettings, WebConfig};

/// Every setting, with its default.
#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub bind: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: String,
    pub trust_forwarded_for: bool,
    pub max_connections: u32,
    pub session_idle_minutes: i64,
    pub session_absolute_days: i64,
    pub sign_in_failures_per_client: i64,
    pub sign_in_failures_per_account: i64,
    pub sign_in_window_minutes: i64,
    pub smtp_url: String,
    pub smtp_from: String,
    pub log: String,
    pub log_format: LogFormat,
    pub metrics_token: String,
    pub shutdown_grace_seconds: u64,
    pub oidc_issuer: String,
    pub oidc_client_id: String,
    pub oidc_client_secret: String,
    pub oidc_email_claim: String,
    pub password_sign_in: bool,
    pub break_glass_admin: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("trellis-data"),
            database_url: String::new(),
            public_url: String::new(),
            trust_forwarded_for: false,
            max_connections: 16,
            session_idle_minutes: 8 * 60,
            session_absolute_days: 14,
            sign_in_failures_per_client: 30,
            sign_in_failures_per_account: 5,
            sign_in_window_minutes: 15,
            smtp_url: String::new(),
            smtp_from: "Trellis <trellis@localhost>".into(),
            log: "info".into(),
            log_format: LogFormat::Text,
            metrics_token: String::new(),
            shutdown_grace_seconds: 20,
            oidc_issuer: String::new(),
            oidc_client_id: String::new(),
            oidc_client_secret: String::new(),
            oidc_email_claim: "email".into(),
            password_sign_in: true,
            break_glass_admin: String::new(),
        }
    }
}

/// Settings given as flags; only those given override the rest.
#[derive(Default, Serialize)]
pub struct FlagOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

const ENV_KEYS: [&str; 23] = [
    "bind",
    "data_dir",
    "database_url",
    "public_url",
    "trust_forwarded_for",
    "max_connections",
    "session_idle_minutes",
    "session_absolute_days",
    "sign_in_failures_per_client",
    "sign_in_failures_per_account",
    "sign_in_window_minutes",
    "smtp_url",
    "smtp_from",
    "log",
    "log_format",
    "metrics_token",
    "shutdown_grace_seconds",
    "oidc_issuer",
    "oidc_client_id",
    "oidc_client_secret",
    "oidc_email_claim",
    "password_sign_in",
    "break_glass_admin",
];

impl Config {
    /// Loads the layered configuration.
    pub fn load(file: Option<&Path>, flags: FlagOverrides) -> Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            anyhow::ensure!(file.exists(), "the configuration file {} does not exist", file.display());
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("TRELLIS_").only(&ENV_KEYS)).merge(Serialized::defaults(flags));
        figment.extract().context("the configuration is not valid")
    }

    /// The database URL: as configured, or SQLite in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!("sqlite://{}", self.data_dir.join("trellis.db").display())
        } else {
            self.database_url.clone()
        }
    }

    /// The address people use, for links.
    pub fn public_url(&self) -> String {
        if self.public_url.trim().is_empty() {
            format!("http://{}", self.bind)
        } else {
            self.public_url.trim_end_matches('/').to_string()
        }
    }

    /// Where mail goes, if e-mail is set up (`smtp_url` given); a wrong value names the setting.
    pub fn smtp(&self) -> Result<Option<SmtpSettings>> {
        if self.smtp_url.trim().is_empty() {
            return Ok(None);
        }
        Ok(Some(SmtpSettings::new(self.smtp_url.trim(), self.smtp_from.trim())?))
    }

    /// The web layer's settings.
    pub fn web(&self) -> WebConfig {
        let mut web = WebConfig::for_url(&self.public_url());
        web.trust_forwarded_for = self.trust_forwarded_for;
        web.sessions = SessionPolicy {
            idle_ms: self.session_idle_minutes * 60_000,
            absolute_ms: self.session_absolute_days * 24 * 60 * 60_000,
        };
        web.email =
            self.smtp().ok().flatten().map(|smtp| EmailShown { server: smtp.shown_url(), from: smtp.from.to_string() });
        web.sign_in_limits = SignInLimits {
            per_client: self.sign_in_failures_per_client,
            per_account: self.sign_in_failures_per_account,
            window_ms: self.sign_in_window_minutes * 60_000,
        };
        web.metrics_token = Some(self.metrics_token.trim().to_string()).filter(|token| !token.is_empty());
        web.sso = (!self.oidc_issuer.trim().is_empty()).then(|| SsoSettings {
            issuer: self.oidc_issuer.trim().to_string(),
            client_id: self.oidc_client_id.trim().to_string(),
            client_secret: self.oidc_client_secret.clone(),
            email_claim: self.oidc_email_claim.trim().to_string(),
        });
        web.password_sign_in = self.password_sign_in;
        web.break_glass_email = Some(self.break_glass_admin.trim().to_string()).filter(|email| !email.is_empty());
        web
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("smtp_url", &redact_url(&self.smtp_url))
            .field("metrics_token", &if self.metrics_token.is_empty() { "" } else { "(set)" })
            .field("oidc_issuer", &self.oidc_issuer)
            .field("oidc_client_secret", &if self.oidc_client_secret.is_empty() { "" } else { "(set)" })
            .finish_non_exhaustive()
    }
}

/// The annotated defaults, as printed by `trellis config example`.
pub const EXAMPLE: &str = include_str!("config_example.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_example_is_the_defaults() {
        let example: Config = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(toml::to_string(&example).unwrap(), toml::to_string(&Config::default()).unwrap());
    }

    #[test]
    fn flags_beat_the_file_and_defaults_fill_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trellis.toml");
        std::fs::write(&file, "bind = \"0.0.0.0:9000\"\nsession_idle_minutes = 30\n").unwrap();
        let flags = FlagOverrides { bind: Some("127.0.0.1:7000".into()), ..Default::default() };
        let config = Config::load(Some(&file), flags).unwrap();
        assert_eq!(config.bind, "127.0.0.1:7000");
        assert_eq!(config.session_idle_minutes, 30);
        assert_eq!(config.log, "info");
        assert!(config.database_url().starts_with("sqlite://"));
    }

    #[test]
    fn a_misspelt_setting_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trellis.toml");
        std::fs::write(&file, "bnid = \"0.0.0.0:9000\"\n").unwrap();
        let error = Config::load(Some(&file), FlagOverrides::default()).unwrap_err();
        assert!(format!("{error:#}").contains("bnid"), "{error:#}");
    }

    #[test]
    fn passwords_stay_out_of_debug_output() {
        let config = Config {
            database_url: "postgres://app:s3cret@db/trellis".into(),
            smtp_url: "smtps://mailer:m41l-pw@mail.example.org".into(),
            oidc_client_secret: "0idc-s3cret".into(),
            ..Config::default()
        };
        assert!(!format!("{config:?}").contains("0idc-s3cret"));
        assert!(!format!("{config:?}").contains("s3cret"));
        assert!(!format!("{config:?}").contains("m41l-pw"));
        assert!(!config.web().email.unwrap().server.contains("m41l-pw"));
    }
}
