//! The career artefacts a person builds in their space (brief section 3): the love/loathe
//! journal, the life story and values, the "same work?" check, dreams, GROW plans, the action
//! plan, the weekly practice skill, six-month goals and mentors. Each kind is described as
//! data — its fields, its statuses, its limit — so one set of rules (`check`) validates all of
//! them and one set of pages shows them. Every item belongs to the person, is written by the
//! person alone, and is private until the person shares it.

mod check;
mod fields;
pub mod journal;
mod kinds;
pub mod markdown;

pub use check::{check_fields, check_limit, check_parent_limit, warnings, Fields};
pub use fields::LEVEL_LABELS;
pub use kinds::Kind;

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Line,
    /// One line of text, with suggestions from the named list (e.g. the competency library).
    LineFrom(&'static str),
    /// Several paragraphs.
    Text,
    /// A calendar date, YYYY-MM-DD.
    Date,
    /// One of a fixed set: (stored value, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// Comma-separated tags, stored lower-case without repeats.
    Tags,
    /// A career from the built-in catalogue, stored as its reference (`onet:…`, `esco:…`).
    Occupation,
}

/// One field of a kind of artefact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub ty: FieldType,
    pub required: bool,
}

impl FieldSpec {
    /// The label of a stored choice value (the value itself for other fields).
    pub fn display<'a>(&self, value: &'a str) -> &'a str {
        match self.ty {
            FieldType::Choice(options) => options.iter().find(|(v, _)| *v == value).map_or(value, |(_, label)| label),
            FieldType::Occupation => crate::catalogue::Catalogue::builtin().career(value).map_or(value, |c| c.title),
            _ => value,
        }
    }

    pub fn is_text(&self) -> bool {
        self.ty == FieldType::Text
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.ty, FieldType::Choice(_))
    }

    /// The options of a choice field (empty for other fields).
    pub fn options(&self) -> &'static [(&'static str, &'static str)] {
        match self.ty {
            FieldType::Choice(options) => options,
            _ => &[],
        }
    }

    /// The id of the list of suggestions for a one-line field, if it has one.
    pub fn list(&self) -> Option<&'static str> {
        match self.ty {
            FieldType::LineFrom(list) => Some(list),
            _ => None,
        }
    }

    /// The HTML input type of a one-line field.
    pub fn input_type(&self) -> &'static str {
        match self.ty {
            FieldType::Date => "date",
            _ => "text",
        }
    }
}

/// A limit on how many items of a kind may be active at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: usize,
    /// Why, in the person's terms.
    pub message: &'static str,
}

/// The longest one-line field, in characters.
pub const MAX_LINE: usize = 200;
/// The longest text field, in characters.
pub const MAX_TEXT: usize = 10_000;
/// The most tags on one item.
pub const MAX_TAGS: usize = 10;

/// The Monday of the week `date` falls in (weeks are counted Monday to Sunday).
pub fn week_start(date: jiff::civil::Date) -> jiff::civil::Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::ToSpan::days(back)).unwrap_or(date)
}
