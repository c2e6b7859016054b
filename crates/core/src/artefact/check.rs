//! The rules every artefact's fields follow, driven by the kind's field list: required fields
//! are present, lines stay short, dates are dates, choices are among the options, tags are
//! tidied. Every problem names its field; nothing is stored unless all fields pass.

use super::{FieldType, Kind, MAX_LINE, MAX_TAGS, MAX_TEXT};
use crate::catalogue::Catalogue;
use crate::{Error, FieldError, Result};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// An item's fields by name, as stored (JSON object of strings).
pub type Fields = BTreeMap<String, String>;

/// About six months, in days: actions due later than this get a warning.
const PLAN_HORIZON_DAYS: i32 = 200;

fn tidy_tags(raw: &str) -> std::result::Result<String, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()) {
        if !tag.is_empty() && !tags.contains(&tag) {
            if tag.chars().count() > 40 {
                return Err(format!("\"{tag}\" is longer than 40 characters"));
            }
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("has more than {MAX_TAGS} tags"));
    }
    Ok(tags.join(", "))
}

fn check_one(ty: FieldType, value: &str) -> std::result::Result<String, String> {
    if value.contains('\0') {
        return Err("contains a NUL character".into());
    }
    match ty {
        FieldType::Line | FieldType::LineFrom(_) => {
            let line = value.trim();
            if line.contains(['\n', '\r']) {
                Err("must be a single line".into())
            } else if line.chars().count() > MAX_LINE {
                Err(format!("is longer than {MAX_LINE} characters"))
            } else {
                Ok(line.to_string())
            }
        }
        FieldType::Text if value.chars().count() > MAX_TEXT => Err(format!("is longer than {MAX_TEXT} characters")),
        FieldType::Text => Ok(value.trim_end().to_string()),
        FieldType::Date => {
            value.trim().parse::<Date>().map(|d| d.to_string()).map_err(|_| "must be a date like 2026-12-03".into())
        }
        FieldType::Choice(options) => {
            options.iter().find(|(v, _)| *v == value.trim()).map(|(v, _)| (*v).to_string()).ok_or_else(|| {
                format!("must be one of: {}", options.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(", "))
            })
        }
        FieldType::Tags => tidy_tags(value),
        FieldType::Occupation => match value.trim() {
            "" => Ok(String::new()),
            reference if Catalogue::builtin().career(reference).is_some() => Ok(reference.to_string()),
            _ => Err("is not in the careers catalogue: pick the career there, or leave this empty".into()),
        },
    }
}

/// Checks submitted fields against the kind's field list and returns them tidied. Fields the
/// kind does not have are ignored; every problem is reported at once, by field.
pub fn check_fields(kind: Kind, raw: &Fields) -> Result<Fields> {
    let mut checked = Fields::new();
    let mut errors = Vec::new();
    for spec in kind.fields() {
        let value = raw.get(spec.name).map(String::as_str).unwrap_or_default();
        if value.trim().is_empty() {
            if spec.required {
                errors.push(FieldError::new(spec.name, "is required"));
            }
            continue;
        }
        match check_one(spec.ty, value) {
            Ok(tidy) if tidy.is_empty() => {}
            Ok(tidy) => {
                checked.insert(spec.name.to_string(), tidy);
            }
            Err(message) => errors.push(FieldError::new(spec.name, message)),
        }
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Refuses one more item in the kind's first status when `active` are there already.
pub fn check_limit(kind: Kind, active: usize) -> Result<()> {
    match kind.limit() {
        Some(limit) if active >= limit.max => Err(Error::invalid("form", limit.message)),
        _ => Ok(()),
    }
}

/// Refuses an item when its parent (or, with no parent, the space) already holds
/// `siblings` items of its kind and the kind limits that.
pub fn check_parent_limit(kind: Kind, siblings: usize) -> Result<()> {
    match kind.per_parent_limit() {
        Some(limit) if siblings >= limit.max => Err(Error::invalid("parent", limit.message)),
        _ => Ok(()),
    }
}

/// Things worth pointing out about an item that are not errors, e.g. an action due well
/// beyond the six months a plan covers.
pub fn warnings(kind: Kind, fields: &Fields, today: Date) -> Vec<String> {
    let mut warnings = Vec::new();
    if kind == Kind::Action {
        let due = fields.get("due").and_then(|d| d.parse::<Date>().ok());
        if let Some(due) = due.filter(|due| (*due - today).get_days() > PLAN_HORIZON_DAYS) {
            warnings.push(format!(
                "Due {due}, more than about six months away. The plan works best for the next six months; \
                 consider a nearer first step."
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
    }

    #[test]
    fn a_journal_entry_is_checked_and_tidied() {
        let raw = fields(&[
            ("activity", "  Ran the design review "),
            ("feeling", "love"),
            ("on", "2026-11-02"),
            ("tags", "Design, design,  customer  calls,"),
        ]);
        let checked = check_fields(Kind::JournalEntry, &raw).unwrap();
        assert_eq!(checked["activity"], "Ran the design review");
        assert_eq!(checked["tags"], "design, customer calls");
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let raw = fields(&[("activity", "line one\nline two"), ("feeling", "meh"), ("on", "yesterday")]);
        let error = check_fields(Kind::JournalEntry, &raw).unwrap_err();
        let named: Vec<&str> = error.field_errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["activity", "feeling", "on"]);
        assert!(error.to_string().contains("must be one of: Loved it, Loathed it"));
        let missing = check_fields(Kind::Mentor, &Fields::new()).unwrap_err();
        assert_eq!(missing.field_errors().len(), 2, "name and where are required");
    }

    #[test]
    fn limits_are_refused_with_their_reason() {
        assert!(check_limit(Kind::Value, 4).is_ok());
        let error = check_limit(Kind::Value, 5).unwrap_err();
        assert!(error.to_string().contains("at most 5 values"));
        assert!(check_limit(Kind::Dream, 3).unwrap_err().to_string().contains("at most 3 active dreams"));
        assert!(check_limit(Kind::Mentor, 1000).is_ok());
    }

    #[test]
    fn actions_far_beyond_six_months_are_pointed_out() {
        let today: Date = "2026-11-22".parse().unwrap();
        let far = fields(&[("due", "2027-12-01")]);
        assert_eq!(warnings(Kind::Action, &far, today).len(), 1);
        assert!(warnings(Kind::Action, &fields(&[("due", "2027-03-01")]), today).is_empty());
    }

    #[test]
    fn every_kind_has_a_unique_key_a_required_field_and_a_first_status() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.key()), Some(kind));
            assert!(kind.fields().iter().any(|f| f.required), "{kind:?}");
            assert!(!kind.first_status().is_empty());
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_is_either_accepted_or_refused_by_field_never_a_panic(text in any::<String>()) {
                for kind in Kind::ALL {
                    let raw: Fields = kind.fields().iter().map(|f| (f.name.to_string(), text.clone())).collect();
                    match check_fields(kind, &raw) {
                        Ok(checked) => prop_assert!(checked.values().all(|v| !v.contains('\0'))),
                        Err(error) => prop_assert!(!error.field_errors().is_empty()),
                    }
                }
            }
        }
    }
}
