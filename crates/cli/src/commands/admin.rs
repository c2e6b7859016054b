//! Administration from the command line: migrate, add a user, password reset links.

use super::{load_config, open_store};
use crate::DataArgs;
use anyhow::{bail, Result};
use std::process::ExitCode;
use trellis_core::person::{Person, PersonDraft, PersonInput};
use trellis_store::{LinkPurpose, Store, RESET_LINK_MS};

/// How long links printed by the command line stay valid.
const INVITATION_MS: i64 = 7 * 24 * 60 * 60 * 1000;

pub async fn migrate(data: DataArgs) -> Result<ExitCode> {
    let config = load_config(&data, None)?;
    open_store(&config).await?;
    println!("The database at {} is up to date.", trellis_store::redact_url(&config.database_url()));
    Ok(ExitCode::SUCCESS)
}

async fn print_password_link(store: &Store, public_url: &str, email: &str) -> Result<()> {
    let person = person_with_email(store, email).await?;
    let (purpose, path, valid_ms, valid) = if person.can_sign_in {
        (LinkPurpose::Reset, "reset", RESET_LINK_MS, "4 hours")
    } else {
        (LinkPurpose::Invite, "invite", INVITATION_MS, "7 days")
    };
    let code = store.create_link(purpose, Some(&person.id), None, valid_ms).await?;
    println!("Single-use link for {} to set a password (valid {valid}):", person.name);
    println!("  {public_url}/{path}/{code}");
    Ok(())
}

pub async fn create_user(data: DataArgs, email: &str, name: &str, admin: bool) -> Result<ExitCode> {
    let config = load_config(&data, None)?;
    let store = open_store(&config).await?;
    let input = PersonInput { name: name.into(), email: email.into(), ..Default::default() };
    let draft = PersonDraft::parse(&input)?;
    let person = store.create_person(None, &draft, None, "cli").await?;
    if admin {
        store.set_admin(&person.id, true).await?;
    }
    println!("Added {}{}.", person.name, if admin { " to the people team" } else { "" });
    print_password_link(&store, &config.public_url(), email).await?;
    Ok(ExitCode::SUCCESS)
}

pub async fn reset_password(data: DataArgs, email: &str) -> Result<ExitCode> {
    let config = load_config(&data, None)?;
    let store = open_store(&config).await?;
    print_password_link(&store, &config.public_url(), email).await?;
    Ok(ExitCode::SUCCESS)
}

pub(super) async fn person_with_email(store: &Store, email: &str) -> Result<Person> {
    match store.person_by_email(email).await? {
        Some(person) => Ok(person),
        None => bail!("no one in the roster has the e-mail {email}"),
    }
}
