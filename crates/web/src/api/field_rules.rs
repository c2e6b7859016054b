//! What the roster's text fields accept, stated in the OpenAPI document as JSON Schema
//! patterns and lengths, in one place: the rules of `trellis_core::person` (one line of up to
//! 200 characters without control, invisible or direction-changing characters; a name that is
//! not blank; an e-mail with one `@` and a domain; a date; a person id). Each pattern states a
//! little less than the server takes (no joiner at all, days up to the 28th), so that whatever
//! matches is always accepted.

use utoipa::openapi::schema::{Object, Schema};
use utoipa::openapi::RefOr;
use utoipa::Modify;

/// Characters a one-line field refuses (tab and line breaks are taken, and become spaces).
const REFUSED: &str =
    r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff";

fn line() -> String {
    format!("^[^{REFUSED}]*$")
}

/// Whitespace to Rust (`char::is_whitespace`, which trimming and the e-mail rule use) that
/// JSON Schema's `\s` (ECMAScript's) leaves out: NEXT LINE, U+0085.
const SPACE_BEYOND_ECMA: &str = r"\x85";

fn name() -> String {
    format!(r"^[^{REFUSED}]*[^\s{SPACE_BEYOND_ECMA}{REFUSED}][^{REFUSED}]*$")
}

fn email() -> String {
    format!(r"^$|^[^\s{SPACE_BEYOND_ECMA}@{REFUSED}]+@[^\s{SPACE_BEYOND_ECMA}@.{REFUSED}]+$")
}

const DATE: &str = r"^$|^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$";
const PERSON_ID: &str = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/// The bodies whose fields these rules describe.
const BODIES: [&str; 3] = ["NewPersonBody", "PersonPatchBody", "ManagerBody"];

/// Sets each field's pattern and lengths (see the module comment).
pub struct FieldRules;

fn rule(field: &str) -> Option<(String, Option<usize>, Option<usize>)> {
    Some(match field {
        "name" => (name(), Some(1), Some(200)),
        "email" => (email(), None, Some(254)),
        "employee_id" | "title" | "department" => (line(), None, Some(200)),
        "start_date" => (DATE.to_string(), None, None),
        "manager_id" => (PERSON_ID.to_string(), None, None),
        _ => return None,
    })
}

impl Modify for FieldRules {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        // A person id in a query string (`manager_id` of the people list) reads the same.
        for item in openapi.paths.paths.values_mut() {
            for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
                for parameter in operation.parameters.iter_mut().flatten().filter(|p| p.name == "manager_id") {
                    if let Some(RefOr::T(Schema::Object(schema))) = parameter.schema.as_mut() {
                        apply(schema, PERSON_ID.to_string(), None, None);
                    }
                }
            }
        }
        let Some(components) = openapi.components.as_mut() else { return };
        for body in BODIES {
            let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(body) else { continue };
            for (field, property) in object.properties.iter_mut() {
                if let (Some((pattern, min, max)), RefOr::T(Schema::Object(property))) = (rule(field), property) {
                    apply(property, pattern, min, max);
                }
            }
        }
    }
}

fn apply(property: &mut Object, pattern: String, min: Option<usize>, max: Option<usize>) {
    property.pattern = Some(pattern);
    property.min_length = min;
    property.max_length = max;
}

#[cfg(test)]
mod tests {
    use super::*;
    use trellis_core::person::{parse_line, parse_name, Email};

    /// Whether `text` matches `pattern`, for the simple patterns above (checked by hand: a
    /// regex engine is not a dependency of the server).
    fn refused(c: char) -> bool {
        matches!(c, '\u{0}'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{ad}'
            | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
    }

    #[test]
    fn what_the_line_pattern_lets_through_the_server_takes() {
        let samples = [
            "Ana Ruiz",
            "  José\tMaría ",
            "Zoë O’Brien-Smith",
            "محمد رضا",
            "李小龍",
            "a\u{85}b",
            "x".repeat(200).as_str(),
        ]
        .map(str::to_string);
        for sample in samples {
            assert!(!sample.chars().any(refused));
            assert!(parse_line(&sample).is_ok(), "{sample:?}");
            assert!(parse_name(&sample).is_ok(), "{sample:?}");
        }
        for refused_char in ['\u{0}', '\u{1b}', '\u{200b}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{ad}', '\u{9f}'] {
            assert!(refused(refused_char));
            assert!(parse_line(&format!("Ana{refused_char}Ruiz")).is_err(), "{refused_char:?}");
        }
        assert!(parse_line(&"x".repeat(201)).is_err());
        assert!(Email::parse("ana@acme.test").is_ok() && Email::parse("a@b").is_ok());
        assert!(line().contains(REFUSED) && name().contains(REFUSED) && email().contains(REFUSED));
        // JSON Schema's \s does not cover NEXT LINE, which Rust counts as a space: an address
        // with one is refused, and a name of it alone is blank, so both patterns leave it out.
        assert!(
            '\u{85}'.is_whitespace() && Email::parse("a\u{85}b@acme.test").is_err() && parse_name("\u{85}").is_err()
        );
        assert!(name().contains(r"\s\x85") && email().matches(r"\s\x85").count() == 2);
    }
}
