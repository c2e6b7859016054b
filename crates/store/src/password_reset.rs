//! A person who forgot their password asks for a new one on the sign-in page: a reset mail is
//! queued if the address belongs to someone active, and the answer is the same either way, so
//! the form tells nobody who has an account. Requests are limited per client address, and one
//! person's requests within a few minutes are one mail (`jobs::Mail::job`). The people team
//! can also send someone an invitation, or a reset mail, instead of passing a link on.

use crate::access::Actor;
use crate::db::{DbResult, Store};
use crate::jobs::{enqueue, Mail};
use crate::rate_limit::{Scope, SignInLimits};
use trellis_core::{Error, Result};

impl Store {
    /// Queues a password-reset mail for the active person with `email`, if there is one.
    /// Refused with `RateLimited` when `client` asked too often.
    pub async fn request_password_reset(&self, email: &str, client: &str, limits: &SignInLimits) -> Result<()> {
        self.reserve_attempt(&[Scope::resets_from(client, limits)], limits).await?;
        let Some(person) = self.person_by_email(email).await? else { return Ok(()) };
        if !person.active {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        enqueue(&mut tx, &Mail::PasswordReset { person: person.id.to_string() }.job()).await?;
        tx.commit().await.db()
    }

    /// The people team sends `person` an invitation (or, to someone who has a password, a
    /// password-reset mail).
    pub async fn send_invitation(&self, actor: &Actor, person: &trellis_core::ids::PersonId) -> Result<()> {
        actor.require_admin()?;
        let target = self.person(person).await?;
        if target.email.is_none() || !target.active {
            return Err(Error::invalid("email", "add an e-mail address (and reactivate them) before inviting"));
        }
        let mail = match target.can_sign_in {
            true => Mail::PasswordReset { person: person.to_string() },
            false => Mail::Invitation { person: person.to_string(), by: actor.id.to_string() },
        };
        let mut tx = self.begin_write().await?;
        enqueue(&mut tx, &mail.job()).await?;
        tx.commit().await.db()
    }
}
