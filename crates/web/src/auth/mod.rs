//! Who is making a request, and whether their form really came from Trellis.
//!
//! - HTML requests carry a session cookie; `load_context` looks the session up once per request.
//!   People not signed in get an anonymous CSRF cookie so that even the sign-in form is protected.
//! - `verify_csrf` checks the Origin and the CSRF token of every state-changing HTML request.
//! - The JSON API takes only `Authorization: Bearer <token>`; it never reads cookies, so it has
//!   no CSRF surface.

mod api_token;
mod context;
mod cookies;
mod csrf;
mod csrf_mask;
pub mod sso;
mod viewer;

pub use api_token::ApiCaller;
pub use context::{load_context, start_session, RequestContext};
pub use cookies::{clear_session_cookie, device_cookie, session_cookie, DEVICE_COOKIE};
pub use csrf::verify_csrf;
pub use viewer::Viewer;
