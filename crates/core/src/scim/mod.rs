//! SCIM 2.0 provisioning (RFC 7643 and 7644) as pure rules: the User resource Trellis keeps,
//! its JSON form, the PATCH operations an identity provider sends, the filters it searches
//! with, and the discovery documents. The store writes the result; the web layer speaks HTTP.

pub mod discovery;
pub mod filter;
pub mod patch;
#[cfg(test)]
mod patch_tests;
pub mod path;
pub mod user;

/// The core User schema.
pub const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The enterprise extension: employee number, department, manager.
pub const ENTERPRISE_USER: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// A list of resources.
pub const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// A PATCH request.
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// A search request sent with POST.
pub const SEARCH_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
/// An error answer.
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// A refusal in SCIM's terms: the HTTP status, the `scimType` where RFC 7644 §3.12 has one,
/// and a sentence for the person reading the identity provider's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<&'static str>,
    pub detail: String,
}

impl ScimError {
    fn new(status: u16, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        Self { status, scim_type, detail: detail.into() }
    }

    /// A value that breaks the schema or the roster's rules (400 `invalidValue`).
    pub fn invalid_value(detail: impl Into<String>) -> Self {
        Self::new(400, Some("invalidValue"), detail)
    }

    /// A request body that is not what SCIM expects (400 `invalidSyntax`).
    pub fn invalid_syntax(detail: impl Into<String>) -> Self {
        Self::new(400, Some("invalidSyntax"), detail)
    }

    /// A PATCH path that cannot be read (400 `invalidPath`).
    pub fn invalid_path(detail: impl Into<String>) -> Self {
        Self::new(400, Some("invalidPath"), detail)
    }

    /// A filter this server cannot read (400 `invalidFilter`).
    pub fn invalid_filter(detail: impl Into<String>) -> Self {
        Self::new(400, Some("invalidFilter"), detail)
    }

    /// An attempt to change what cannot be changed (400 `mutability`).
    pub fn mutability(detail: impl Into<String>) -> Self {
        Self::new(400, Some("mutability"), detail)
    }

    /// A PATCH operation without the target it needs (400 `noTarget`).
    pub fn no_target(detail: impl Into<String>) -> Self {
        Self::new(400, Some("noTarget"), detail)
    }

    /// A value someone else already has (409 `uniqueness`).
    pub fn uniqueness(detail: impl Into<String>) -> Self {
        Self::new(409, Some("uniqueness"), detail)
    }

    /// Any other status, without a `scimType`.
    pub fn status(status: u16, detail: impl Into<String>) -> Self {
        Self::new(status, None, detail)
    }
}
