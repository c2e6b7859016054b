//! Organisation settings the people team can change, stored as key/value rows.

use crate::db::{DbResult, Store};
use sqlx::Row;
use trellis_core::person::parse_name;
use trellis_core::{Error, Result};

/// The organisation's settings, with defaults for anything never set.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub organisation_name: String,
    /// How many days an invitation link stays valid.
    pub invitation_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self { organisation_name: "Our organisation".into(), invitation_days: 7 }
    }
}

impl Settings {
    /// Checks settings typed into the form.
    pub fn parse(organisation_name: &str, invitation_days: &str) -> Result<Self> {
        let mut errors = Vec::new();
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
            Ok(Self { organisation_name: name, invitation_days: days })
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
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Saves all settings in one transaction.
    pub async fn save_settings(&self, settings: &Settings) -> Result<()> {
        let mut tx = self.pool.begin().await.db()?;
        for (key, value) in [
            ("organisation_name", settings.organisation_name.clone()),
            ("invitation_days", settings.invitation_days.to_string()),
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
