//! The shapes the API reads and writes, kept apart from the domain types so the API can stay
//! stable while the domain evolves.

use serde::{Deserialize, Serialize};
use trellis_core::person::Person;
use trellis_core::roster::ImportProblem;
use trellis_store::{ImportOutcome, ManagerChange, PeoplePage};
use utoipa::ToSchema;

/// A person in the roster.
#[derive(Serialize, ToSchema)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub employee_id: Option<String>,
    pub title: String,
    pub department: String,
    pub manager_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    pub active: bool,
    pub is_admin: bool,
    /// Whether they have set a password.
    pub can_sign_in: bool,
}

impl From<Person> for PersonView {
    fn from(p: Person) -> Self {
        Self {
            id: p.id.to_string(),
            name: p.name,
            email: p.email,
            employee_id: p.employee_id,
            title: p.title,
            department: p.department,
            manager_id: p.manager_id.map(|m| m.to_string()),
            start_date: p.start_date,
            active: p.active,
            is_admin: p.is_admin,
            can_sign_in: p.can_sign_in,
        }
    }
}

/// One page of people.
#[derive(Serialize, ToSchema)]
pub struct PeoplePageView {
    pub people: Vec<PersonView>,
    /// How many match in all.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl From<PeoplePage> for PeoplePageView {
    fn from(page: PeoplePage) -> Self {
        Self {
            people: page.people.into_iter().map(PersonView::from).collect(),
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        }
    }
}

/// A new person.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPersonBody {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub employee_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub start_date: Option<String>,
    /// The id of their manager.
    #[serde(default)]
    pub manager_id: Option<String>,
}

/// Changes to a person: only the fields given change; an empty string clears a field.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonPatchBody {
    pub name: Option<String>,
    pub email: Option<String>,
    pub employee_id: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub start_date: Option<String>,
}

/// A new manager (`null` for none).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagerBody {
    pub manager_id: Option<String>,
}

/// One change of manager.
#[derive(Serialize, ToSchema)]
pub struct ManagerChangeView {
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    pub previous_manager_id: Option<String>,
    pub manager_id: Option<String>,
    pub changed_by: Option<String>,
    /// Where the change came from: admin, import, api, cli, setup, demo.
    pub source: String,
}

impl From<ManagerChange> for ManagerChangeView {
    fn from(c: ManagerChange) -> Self {
        Self {
            at: rfc3339(c.at_millis),
            previous_manager_id: c.previous.map(|p| p.id.to_string()),
            manager_id: c.manager.map(|p| p.id.to_string()),
            changed_by: c.changed_by,
            source: c.source,
        }
    }
}

/// A problem in an import file.
#[derive(Serialize, ToSchema)]
pub struct ImportProblemView {
    /// The line of the file where the row starts (the header is row 1).
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

impl From<ImportProblem> for ImportProblemView {
    fn from(p: ImportProblem) -> Self {
        Self { row: p.row, column: p.column, message: p.message }
    }
}

/// What an import did, or (dry run, or refused) would do.
#[derive(Serialize, ToSchema)]
pub struct ImportOutcomeView {
    pub applied: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub manager_changes: usize,
    pub errors: Vec<ImportProblemView>,
    pub warnings: Vec<ImportProblemView>,
    /// How each roster field was read: field → column header.
    pub columns: Vec<(String, String)>,
    /// How the file was read where it was not plain (encoding, delimiter, order of dates or
    /// names found in it, columns left out), in sentences.
    pub reading: Vec<String>,
}

impl From<ImportOutcome> for ImportOutcomeView {
    fn from(o: ImportOutcome) -> Self {
        Self {
            applied: o.applied,
            created: o.created,
            updated: o.updated,
            unchanged: o.unchanged,
            manager_changes: o.manager_changes,
            errors: o.errors.into_iter().map(Into::into).collect(),
            warnings: o.warnings.into_iter().map(Into::into).collect(),
            columns: o.columns,
            reading: o.reading,
        }
    }
}

/// A stored time (milliseconds since the Unix epoch) as RFC 3339 text in UTC.
pub fn rfc3339(millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis).map_or_else(|_| String::new(), |t| t.to_string())
}
