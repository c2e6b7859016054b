//! The cookies Trellis sets: HttpOnly, SameSite=Lax, Secure when served over HTTPS.

use axum_extra::extract::cookie::{Cookie, SameSite};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "trellis_session";
/// The cookie by which a browser that signed in before is known to sign-in throttling.
pub const DEVICE_COOKIE: &str = "trellis_device";
/// The cookie holding the CSRF token of someone not yet signed in.
pub const ANONYMOUS_CSRF_COOKIE: &str = "trellis_csrf";

fn base(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value)).path("/").http_only(true).same_site(SameSite::Lax).secure(secure).build()
}

/// The cookie that carries a new session's secret (ends with the browser session; the server
/// enforces idle and absolute expiry).
pub fn session_cookie(secret: String, secure: bool) -> Cookie<'static> {
    base(SESSION_COOKIE, secret, secure)
}

/// A cookie that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = base(SESSION_COOKIE, String::new(), secure);
    cookie.make_removal();
    cookie
}

/// The anonymous CSRF cookie.
pub fn anonymous_csrf_cookie(token: String, secure: bool) -> Cookie<'static> {
    base(ANONYMOUS_CSRF_COOKIE, token, secure)
}

/// The cookie that marks this browser as one that signed in before (see the store's
/// `rate_limit`): kept as long as the store remembers the device.
pub fn device_cookie(secret: String, secure: bool) -> Cookie<'static> {
    let mut cookie = base(DEVICE_COOKIE, secret, secure);
    cookie.set_max_age(time::Duration::milliseconds(trellis_store::DEVICE_LIFETIME_MS));
    cookie
}
