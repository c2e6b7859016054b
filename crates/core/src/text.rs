//! Small rules for user-supplied text shared by every form and importer.

/// Trims, collapses runs of white space into one space, and reports control characters.
/// Returns `None` when the text holds a control character (other than white space).
pub fn clean_line(raw: &str) -> Option<String> {
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return None;
    }
    Some(raw.split_whitespace().collect::<Vec<_>>().join(" "))
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
        assert_eq!(clean_line("  Ana \t  Ruiz ").as_deref(), Some("Ana Ruiz"));
        assert_eq!(clean_line("Ana\u{0}Ruiz"), None);
        assert_eq!(clean_line("").as_deref(), Some(""));
    }
}
