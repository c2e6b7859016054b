//! `trellis token`: a person's API tokens (`--email`), or provisioning tokens for an identity
//! provider's SCIM client (`--scim`). A secret is printed once, on standard output alone, so
//! it can be piped straight into the provider's settings or a secret store.

use super::admin::person_with_email;
use super::{load_config, open_store};
use crate::args::TokenHolder;
use crate::DataArgs;
use anyhow::Result;
use std::process::ExitCode;
use trellis_core::ids::TokenId;
use trellis_store::ApiToken;

pub async fn create(data: DataArgs, holder: &TokenHolder, name: &str) -> Result<ExitCode> {
    let store = open_store(&load_config(&data, None)?).await?;
    let secret = match &holder.email {
        Some(email) => {
            let person = person_with_email(&store, email).await?;
            eprintln!("API token for {} (shown once; keep it secret):", person.name);
            store.create_token(&person.id, name).await?.1
        }
        None => {
            let (token, secret) = store.create_scim_token(name).await?;
            eprintln!("Provisioning token \"{}\" for /scim/v2 (shown once; keep it secret):", token.name);
            secret
        }
    };
    println!("{secret}");
    Ok(ExitCode::SUCCESS)
}

pub async fn list(data: DataArgs, holder: &TokenHolder) -> Result<ExitCode> {
    let store = open_store(&load_config(&data, None)?).await?;
    let (whose, tokens) = match &holder.email {
        Some(email) => {
            let person = person_with_email(&store, email).await?;
            (format!("{} has no API tokens.", person.name), store.list_tokens(&person.id).await?)
        }
        None => ("There are no provisioning tokens.".to_string(), store.list_scim_tokens().await?),
    };
    if tokens.is_empty() {
        println!("{whose}");
    }
    tokens.iter().for_each(print_token);
    Ok(ExitCode::SUCCESS)
}

fn print_token(token: &ApiToken) {
    let status = if token.revoked_at.is_some() { "revoked" } else { "active" };
    println!("{}  {}…  {status}  {}", token.id, token.prefix, token.name);
}

pub async fn revoke(data: DataArgs, holder: &TokenHolder, id: &str) -> Result<ExitCode> {
    let store = open_store(&load_config(&data, None)?).await?;
    let id = TokenId::parse(id)?;
    match &holder.email {
        Some(email) => store.revoke_token(&person_with_email(&store, email).await?.id, &id).await?,
        None => store.revoke_scim_token(&id).await?,
    }
    println!("Revoked.");
    Ok(ExitCode::SUCCESS)
}
