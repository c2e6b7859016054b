//! Single sign-on with OpenID Connect: the authorization-code flow with PKCE, `state` and
//! `nonce`, against an issuer found by discovery. The ID token is checked by `openidconnect`
//! (signature with the provider's published keys, issuer, audience, expiry, nonce); when its
//! signature does not verify, the provider's keys are fetched again once, since a provider that
//! rotated its keys signs with one Trellis has not seen yet. When the ID token carries no
//! e-mail, the provider's userinfo endpoint is asked for the same subject.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::reqwest;
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// How the organisation's identity provider is reached, and how its people are found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The claim that holds the person's e-mail in the roster: `email` (which must then be
    /// verified by the provider) or `preferred_username` (as some providers send it).
    pub email_claim: String,
}

/// Why a sign-in at the identity provider did not sign anyone in.
#[derive(Debug, PartialEq, Eq)]
pub enum SsoFailure {
    /// The provider cannot be reached, or its discovery document is not usable.
    Unavailable(String),
    /// The provider refused the code (or answered without an ID token).
    Refused(String),
    /// The ID token does not hold: which check failed.
    InvalidToken(String),
    /// The provider does not vouch for the e-mail address.
    Unverified,
    /// The token carries no e-mail in the configured claim.
    NoEmail,
}

/// A sign-in on its way to the provider.
pub struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider says signed in.
#[derive(Debug, PartialEq, Eq)]
pub struct Identity {
    pub email: String,
}

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The discovery document is read again after this long (providers publish new keys ahead).
const METADATA_FRESH_FOR: Duration = Duration::from_secs(60 * 60);

/// The relying party: settings, an HTTP client, and the provider's metadata once read.
pub struct Sso {
    settings: SsoSettings,
    redirect_uri: String,
    http: reqwest::Client,
    metadata: RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

impl Sso {
    pub fn new(settings: SsoSettings, public_url: &str) -> Option<Self> {
        // Following redirects would let a provider's answer send Trellis anywhere.
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().ok()?;
        let redirect_uri = format!("{public_url}/sign-in/sso/callback");
        Some(Self { settings, redirect_uri, http, metadata: RwLock::new(None) })
    }

    async fn metadata(&self, refresh: bool) -> Result<CoreProviderMetadata, SsoFailure> {
        if !refresh {
            if let Some((read_at, metadata)) = self.metadata.read().await.as_ref() {
                if read_at.elapsed() < METADATA_FRESH_FOR {
                    return Ok(metadata.clone());
                }
            }
        }
        let issuer =
            IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| SsoFailure::Unavailable(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| SsoFailure::Unavailable(format!("discovery failed: {e}")))?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    fn client(&self, metadata: CoreProviderMetadata) -> Result<Client, SsoFailure> {
        let redirect =
            RedirectUrl::new(self.redirect_uri.clone()).map_err(|e| SsoFailure::Unavailable(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser, and what its return must match.
    pub async fn start(&self) -> Result<Started, SsoFailure> {
        let client = self.client(self.metadata(false).await?)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Trades the code for tokens and checks the ID token; the e-mail it vouches for.
    pub async fn finish(&self, code: &str, nonce: &str, pkce_verifier: &str) -> Result<Identity, SsoFailure> {
        let client = self.client(self.metadata(false).await?)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| SsoFailure::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| SsoFailure::Refused(e.to_string()))?;
        let token = response.id_token().ok_or_else(|| SsoFailure::Refused("no ID token in the answer".into()))?;
        let nonce = Nonce::new(nonce.to_string());
        let first = token.claims(&client.id_token_verifier(), &nonce).cloned();
        let claims = match first {
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                let refreshed = self.client(self.metadata(true).await?)?;
                let verifier = refreshed.id_token_verifier();
                let again = token.claims(&verifier, &nonce).cloned();
                again
            }
            other => other,
        }
        .map_err(|e| SsoFailure::InvalidToken(e.to_string()))?;
        match self.identity(&Claimed::of_token(&claims)) {
            // A provider that keeps the ID token to `sub` (as the specification allows) says
            // the rest at its userinfo endpoint, for the same subject.
            Err(SsoFailure::NoEmail) => {
                let request = client
                    .user_info(response.access_token().clone(), Some(claims.subject().clone()))
                    .map_err(|_| SsoFailure::NoEmail)?;
                let info: CoreUserInfoClaims =
                    request.request_async(&self.http).await.map_err(|e| SsoFailure::Refused(e.to_string()))?;
                self.identity(&Claimed::of_userinfo(&info))
            }
            other => other,
        }
    }

    fn identity(&self, claimed: &Claimed) -> Result<Identity, SsoFailure> {
        let email = match self.settings.email_claim.as_str() {
            "preferred_username" => claimed.preferred_username.clone(),
            _ => match (&claimed.email, claimed.email_verified) {
                (Some(_), verified) if verified != Some(true) => return Err(SsoFailure::Unverified),
                (email, _) => email.clone(),
            },
        };
        email.filter(|e| !e.trim().is_empty()).map(|email| Identity { email }).ok_or(SsoFailure::NoEmail)
    }
}

/// The claims Trellis reads, from an ID token or the userinfo endpoint.
struct Claimed {
    email: Option<String>,
    email_verified: Option<bool>,
    preferred_username: Option<String>,
}

impl Claimed {
    fn of_token(claims: &CoreIdTokenClaims) -> Self {
        Self {
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified(),
            preferred_username: claims.preferred_username().map(|n| n.to_string()),
        }
    }

    fn of_userinfo(claims: &CoreUserInfoClaims) -> Self {
        Self {
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified(),
            preferred_username: claims.preferred_username().map(|n| n.to_string()),
        }
    }
}
