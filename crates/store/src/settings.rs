//! Organisation settings the people team can change, stored as key/value rows.

use crate::db::{DbResult, Store};
use sqlx::Row;
use trellis_core::conversation::schedule::is_known_time_zone;
use trellis_core::person::parse_name;
use trellis_core::{Error, Result};

/// The organisation's settings, with defaults for anything never set.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub organisation_name: String,
    /// How many days an invitation link stays valid.
    pub invitation_days: i64,
    /// The time zone conversations are proposed in unless someone picks another (IANA name).
    pub time_zone: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self { organisation_name: "Our organisation".into(), invitation_days: 7, time_zone: "UTC".into() }
    }
}

/// Settings as typed into the form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct SettingsInput {
    #[serde(default)]
    pub organisation_name: String,
    #[serde(default)]
    pub invitation_days: String,
    #[serde(default)]
    pub time_zone: String,
}

impl From<&Settings> for SettingsInput {
    fn from(settings: &Settings) -> Self {
        Self {
            organisation_name: settings.organisation_name.clone(),
            invitation_days: settings.invitation_days.to_string(),
            time_zone: settings.time_zone.clone(),
        }
    }
}

impl Settings {
    /// Checks settings typed into the form.
    pub fn parse(input: &SettingsInput) -> Result<Self> {
        let (organisation_name, invitation_days) = (&input.organisation_name, &input.invitation_days);
        let mut errors = Vec::new();
        let time_zone = input.time_zone.trim().to_string();
        if !is_known_time_zone(&time_zone) {
            errors.push(trellis_core::FieldError::new("time_zone", "is not a time zone we know, e.g. Europe/Berlin"));
        }
        let name = parse_name(organisation_name)
            .map_err(|m| errors.push(trellis_core::FieldError::new("organisation_name", m)))
            .unwrap_or_default();
        let days = match invitation_days.trim().parse::<i64>() {
            Ok(days) if (1..=90).contains(&days) => days,
            _ => {
                errors.push(trellis_core::FieldError::new("invitation_days", "must be a whole number from 1 to 90"));
                0
            }
        };
        if errors.is_empty() {
            Ok(Self { organisation_name: name, invitation_days: days, time_zone })
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

impl Store {
    /// The current settings.
    pub async fn settings(&self) -> Result<Settings> {
        let rows = sqlx::query("SELECT key, value FROM settings").fetch_all(&self.pool).await.db()?;
        let mut settings = Settings::default();
        for row in rows {
            let key: String = row.try_get("key").db()?;
            let value: String = row.try_get("value").db()?;
            match key.as_str() {
                "organisation_name" => settings.organisation_name = value,
                "invitation_days" => settings.invitation_days = value.parse().unwrap_or(settings.invitation_days),
                "time_zone" => settings.time_zone = value,
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Saves all settings in one transaction.
    pub async fn save_settings(&self, settings: &Settings) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (key, value) in [
            ("organisation_name", settings.organisation_name.clone()),
            ("invitation_days", settings.invitation_days.to_string()),
            ("time_zone", settings.time_zone.clone()),
        ] {
            sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2")
                .bind(key)
                .bind(value)
                .execute(&mut *tx)
                .await
                .db()?;
        }
        tx.commit().await.db()
    }
}
