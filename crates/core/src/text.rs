//! Small rules for user-supplied text shared by every form and importer.

/// The words with their first letter in lower case, to go mid-sentence: "Agree a time" in
/// "Stalled: agree a time".
pub fn lowercase_first(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// Characters that change the direction of the text around them or cannot be seen at all.
/// In a name they let one person pass for another in a list or the audit trail
/// ("Ana\u{202E}zuR" shows as "AnaRuz"), so one-line fields refuse them.
fn is_deceptive(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{180E}' | '\u{00AD}'
    )
}

/// Whether `raw` holds a joiner (U+200C, U+200D) anywhere but between two letters or marks,
/// where some scripts need it (Persian names, say).
fn has_stray_joiner(raw: &str) -> bool {
    let chars: Vec<char> = raw.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        matches!(c, '\u{200C}' | '\u{200D}') && {
            let joins =
                |n: Option<&char>| n.is_some_and(|n| n.is_alphanumeric() || !n.is_ascii() && !n.is_whitespace());
            !(i > 0 && joins(chars.get(i - 1)) && joins(chars.get(i + 1)))
        }
    })
}

/// Why a one-line text cannot be taken, if it cannot.
pub fn line_problem(raw: &str) -> Option<&'static str> {
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        Some("contains control characters")
    } else if raw.chars().any(is_deceptive) || has_stray_joiner(raw) {
        Some("contains invisible or direction-changing characters; type it again without them")
    } else {
        None
    }
}

/// Trims, collapses runs of white space into one space, and refuses control, invisible and
/// direction-changing characters, saying which.
pub fn clean_line(raw: &str) -> Result<String, &'static str> {
    match line_problem(raw) {
        Some(problem) => Err(problem),
        None => Ok(raw.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// Counts characters (not bytes), the unit limits are stated in.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_collapses_spaces_and_refuses_control_characters() {
        assert_eq!(clean_line("  Ana \t  Ruiz ").as_deref(), Ok("Ana Ruiz"));
        assert_eq!(clean_line("Ana\u{0}Ruiz"), Err("contains control characters"));
        assert_eq!(clean_line("").as_deref(), Ok(""));
    }

    #[test]
    fn direction_overrides_and_invisible_characters_are_refused() {
        for spoof in
            ["Ana\u{202E}zuR", "Ana\u{2066}Ruiz", "Ana\u{200B}Ruiz", "\u{FEFF}Ana", "Ana\u{200D}", "\u{200C}Ana"]
        {
            assert!(clean_line(spoof).unwrap_err().contains("invisible"), "{spoof:?}");
        }
    }

    #[test]
    fn joiners_between_letters_and_every_script_are_kept() {
        for name in ["می\u{200C}خواهم", "José Müller", "佐藤 花子", "Nguyễn Văn A", "O'Brien-Smith"] {
            assert_eq!(clean_line(name).as_deref(), Ok(name), "{name:?}");
        }
    }
}
