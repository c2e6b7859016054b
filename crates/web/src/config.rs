//! Settings of the web layer, filled in by the `trellis` binary from its configuration.

pub use crate::auth::sso::SsoSettings;
use trellis_store::{SessionPolicy, SignInLimits};

/// How the web app behaves.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// The address people use to reach Trellis, e.g. `https://trellis.example.org`; used in
    /// links (invitations, password resets) and to check the Origin of form posts.
    pub public_url: String,
    /// Mark cookies `Secure` (on when `public_url` is https).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    pub sessions: SessionPolicy,
    pub sign_in_limits: SignInLimits,
    /// Largest request body accepted, in bytes (uploads have their own limit).
    pub max_body_bytes: usize,
    /// Largest roster file accepted, in bytes.
    pub max_upload_bytes: usize,
    /// Where mail goes, when e-mail is set up (shown to admins; the password is hidden).
    pub email: Option<EmailShown>,
    /// The bearer token a scrape of `/metrics` must carry; `None` turns `/metrics` off.
    pub metrics_token: Option<String>,
    /// Single sign-on with the organisation's OpenID provider, when set up.
    pub sso: Option<SsoSettings>,
    /// Whether people may sign in with a password (when off, only `break_glass_email` may).
    pub password_sign_in: bool,
    /// The one account that may still sign in with a password when password sign-in is off.
    pub break_glass_email: Option<String>,
}

/// The e-mail settings as the admin settings page shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailShown {
    /// The SMTP URL with its password hidden.
    pub server: String,
    pub from: String,
}

impl WebConfig {
    /// Defaults for serving at `public_url`.
    pub fn for_url(public_url: &str) -> Self {
        let public_url = public_url.trim_end_matches('/').to_string();
        Self {
            secure_cookies: public_url.starts_with("https://"),
            public_url,
            trust_forwarded_for: false,
            sessions: SessionPolicy::default(),
            sign_in_limits: SignInLimits::default(),
            max_body_bytes: 1024 * 1024,
            max_upload_bytes: 64 * 1024 * 1024,
            email: None,
            metrics_token: None,
            sso: None,
            password_sign_in: true,
            break_glass_email: None,
        }
    }
}
