//! Matching people by name the way HR exports write them: "Last, First", middle initials with or
//! without a period, irregular spacing, any case. Two spellings of one name get one key.

/// The comparison key of a name: lower case, "Last, First" turned around, periods dropped,
/// single-letter middle initials dropped, single spaces.
pub fn name_key(raw: &str) -> String {
    let reordered = match raw.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() => format!("{first} {last}"),
        _ => raw.to_string(),
    };
    let tokens: Vec<String> = reordered
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let last = tokens.len().saturating_sub(1);
    tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| *i == 0 || *i == last || t.chars().count() > 1)
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Joins a first and a last name into one display name.
pub fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim()).trim().to_string()
}

/// A noun with "a" or "an" before it, by how it is written: "an action", "a GROW plan", "a
/// journal entry". (Written English is close enough here: the nouns are Trellis's own.)
pub fn with_article(noun: &str) -> String {
    let article = match noun.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        _ => "a",
    };
    format!("{article} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn articles_follow_the_first_letter() {
        assert_eq!(with_article("action"), "an action");
        assert_eq!(with_article("GROW plan"), "a GROW plan");
        assert_eq!(with_article("competency"), "a competency");
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let key = name_key("John Q. Public");
        for spelling in ["John Q Public", "Public, John Q.", "  john   q.  PUBLIC ", "John Public"] {
            assert_eq!(name_key(spelling), key, "{spelling}");
        }
        assert_eq!(key, "john public");
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(name_key("Lex De Haan"), name_key("Lex Haan"));
        assert_ne!(name_key("Steven King"), name_key("Janette King"));
        assert_eq!(name_key("J. Robert Oppenheimer"), "j robert oppenheimer");
    }

    proptest! {
        #[test]
        fn keys_are_stable_under_reformatting(first in "[A-Za-z]{2,8}", last in "[A-Za-z]{2,8}", initial in "[A-Z]") {
            let plain = name_key(&format!("{first} {last}"));
            prop_assert_eq!(&name_key(&format!("{last}, {first}")), &plain);
            prop_assert_eq!(&name_key(&format!("{first}  {initial}. {last}")), &plain);
            prop_assert_eq!(&name_key(&format!("{last},{first} {initial}")), &plain);
            prop_assert_eq!(name_key(&plain), plain.clone());
        }
    }
}
