//! What every page's frame needs: title, assets, the navigation for the signed-in person, the
//! CSRF token for forms, and a one-line notice after a successful action.

use crate::assets;
use crate::auth::{RequestContext, Viewer};
use crate::state::AppState;
use trellis_core::Result;

/// The navigation of a signed-in person.
#[derive(Clone, Debug)]
pub struct Nav {
    pub name: String,
    pub person_id: String,
    pub is_admin: bool,
    pub is_manager: bool,
}

/// What every page of one request shares without being handed it: the signed-in person's
/// navigation (so that an error page, made without the handler's context, keeps it) and the
/// time zone times are shown to them in.
#[derive(Clone, Debug)]
pub struct RequestLocal {
    pub nav: Option<(Nav, String)>,
    pub zone: String,
}

tokio::task_local! {
    pub static REQUEST: RequestLocal;
}

/// The reader's time zone: their own, or the organisation's (UTC outside a request).
pub fn reader_zone() -> String {
    REQUEST.try_with(|local| local.zone.clone()).unwrap_or_else(|_| "UTC".to_string())
}

impl Nav {
    /// The navigation for a signed-in session.
    pub fn of(session: &trellis_store::Session) -> Self {
        Self {
            name: session.person.name.clone(),
            person_id: session.person.id.to_string(),
            is_admin: session.person.is_admin,
            is_manager: session.is_manager,
        }
    }
}

/// The page frame.
#[derive(Clone, Debug)]
pub struct Layout {
    pub title: String,
    pub css: &'static str,
    pub js: &'static str,
    pub icon: &'static str,
    pub nav: Option<Nav>,
    pub csrf_token: String,
    pub notice: Option<&'static str>,
    pub org_name: String,
}

impl Layout {
    /// A frame with no navigation and no forms (error pages).
    pub fn bare(title: &str) -> Self {
        Self {
            title: title.to_string(),
            css: assets::css_url(),
            js: assets::js_url(),
            icon: assets::icon_url(),
            nav: None,
            csrf_token: String::new(),
            notice: None,
            org_name: String::new(),
        }
    }

    /// The frame of an error page: with the navigation when someone is signed in.
    pub fn for_error(title: &str) -> Self {
        let nav = REQUEST.try_with(|local| local.nav.clone()).ok().flatten();
        match nav {
            Some((nav, csrf_token)) => Self { nav: Some(nav), csrf_token, ..Self::bare(title) },
            None => Self::bare(title),
        }
    }

    /// A frame for someone not signed in.
    pub fn anonymous(context: &RequestContext, title: &str) -> Self {
        Self { csrf_token: context.csrf_token.clone(), ..Self::bare(title) }
    }

    /// A frame for a signed-in person.
    pub async fn for_viewer(state: &AppState, viewer: &Viewer, title: &str) -> Result<Self> {
        let org_name = state.settings().await?.organisation_name;
        Ok(Self {
            nav: Some(Nav {
                name: viewer.person.name.clone(),
                person_id: viewer.person.id.to_string(),
                is_admin: viewer.person.is_admin,
                is_manager: viewer.is_manager,
            }),
            csrf_token: viewer.csrf_token.clone(),
            org_name,
            ..Self::bare(title)
        })
    }

    /// Adds the notice named by a `?done=` key.
    pub fn with_notice(mut self, done: Option<&str>) -> Self {
        self.notice = done.and_then(notice_for);
        self
    }
}

/// The `?done=` query of a page reached by a redirect after a successful form.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

/// The fixed messages a redirect may ask for (never text from the URL itself).
fn notice_for(key: &str) -> Option<&'static str> {
    Some(match key {
        "saved" => "Saved.",
        "still-right" => "Noted: your plan is still right. You will be asked again in three months.",
        "space-deleted" => "The career space was deleted.",
        "created" => "Person added.",
        "deactivated" => "Deactivated. They can no longer sign in.",
        "reactivated" => "Reactivated.",
        "manager" => "Manager changed.",
        "note" => "Note added.",
        "imported" => "Saved to your journal.",
        "imported-already" => "Those events were saved to your journal already; nothing was added twice.",
        "deleted" => "Deleted.",
        "revoked" => "Token revoked.",
        "password" => "Your password is set. Welcome to Trellis.",
        "signed-out" => "You have signed out.",
        "invitation-sent" => "The mail is on its way. Its link works once.",
        _ => return None,
    })
}
