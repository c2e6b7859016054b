//! Content lines (RFC 5545 §3.1): long lines are folded onto continuation lines that start
//! with a space or a tab. Unfolding here keeps, for every logical line, the number of the line
//! it started on in the uploaded file, so that an error names the line the person can find.
//! A byte-order mark and blank lines are repaired silently; a NUL byte is refused, and so is
//! nesting deeper than any calendar needs (the parser descends into each component, so an
//! unbounded depth would exhaust the stack).

/// The deepest nesting of components a calendar needs is three (a calendar, an event, its
/// alarm); a few more are allowed for unusual exports.
pub(super) const MAX_NESTING: usize = 8;

/// The unfolded text and, for each of its lines, the 1-based line number in the original.
pub(super) struct Unfolded {
    pub text: String,
    origin: Vec<usize>,
}

impl Unfolded {
    /// The text split where each calendar begins (some exports hold several), each part with
    /// the number of unfolded lines before it.
    pub fn calendars(&self) -> Vec<(usize, &str)> {
        let mut parts = Vec::new();
        let (mut start, mut start_line) = (0, 0);
        for (index, (offset, line)) in line_starts(&self.text).enumerate() {
            if index > 0 && line.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
                parts.push((start_line, &self.text[start..offset]));
                (start, start_line) = (offset, index);
            }
        }
        parts.push((start_line, &self.text[start..]));
        parts
    }

    /// The original line on which unfolded line `line` (1-based) started.
    pub fn original_line(&self, line: usize) -> usize {
        line.checked_sub(1).and_then(|i| self.origin.get(i)).copied().unwrap_or(line)
    }
}

/// Unfolds `input`, refusing control characters the format never allows.
pub(super) fn unfold(input: &str) -> Result<Unfolded, String> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut logical: Vec<String> = Vec::new();
    let mut origin = Vec::new();
    for (index, raw) in input.split('\n').enumerate() {
        let number = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.contains('\0') {
            return Err(format!("line {number} contains a NUL byte, which a calendar file never holds"));
        }
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            if let Some(last) = logical.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        if line.trim().is_empty() {
            continue;
        }
        logical.push(line.to_owned());
        origin.push(number);
    }
    check_nesting(&logical, &origin)?;
    let mut text = logical.join("\n");
    text.push('\n');
    Ok(Unfolded { text, origin })
}

/// Refuses components nested deeper than `MAX_NESTING`, naming the line where it happens.
fn check_nesting(lines: &[String], origin: &[usize]) -> Result<(), String> {
    let mut depth = 0usize;
    for (line, number) in lines.iter().zip(origin) {
        let name = line.split(':').next().unwrap_or("");
        if name.eq_ignore_ascii_case("BEGIN") {
            depth += 1;
            if depth > MAX_NESTING {
                return Err(format!(
                    "line {number} opens a component nested {depth} deep; a calendar never needs more than {MAX_NESTING}"
                ));
            }
        } else if name.eq_ignore_ascii_case("END") {
            depth = depth.saturating_sub(1);
        }
    }
    Ok(())
}

fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end_matches('\n')))
    })
}

/// Turns the parser's verbose message about a part that starts after `lines_before` unfolded
/// lines into "line N: …" naming the original line.
pub(super) fn explain_parse_error(unfolded: &Unfolded, lines_before: usize, message: &str) -> String {
    let line = message
        .split("at line ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse::<usize>().ok())
        .map(|line| line + lines_before);
    let last = unfolded.origin.len();
    match line {
        Some(line) if line > last => {
            "the file ends before the calendar is closed (an END: line is missing); it may have been cut short"
                .to_owned()
        }
        Some(line) => {
            let shown: String =
                unfolded.text.lines().nth(line.saturating_sub(1)).unwrap_or("").chars().take(60).collect();
            format!(
                "line {}: this is not a valid calendar line ({:?}). each line should look like NAME:value",
                unfolded.original_line(line),
                shown
            )
        }
        None => "the file is not in iCalendar format (it should start with BEGIN:VCALENDAR)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_keep_the_number_of_their_first_line() {
        let unfolded = unfold("\u{feff}BEGIN:VCALENDAR\r\n\r\nSUMMARY:a long\r\n  title\r\nEND:VCALENDAR\r\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unfolded.text, "BEGIN:VCALENDAR\nSUMMARY:a long title\nEND:VCALENDAR\n");
        assert_eq!(unfolded.original_line(2), 3);
        assert_eq!(unfolded.original_line(3), 5);
    }

    #[test]
    fn components_nested_too_deep_are_refused_before_parsing() {
        let mut file = String::from("BEGIN:VCALENDAR\n");
        file.push_str(&"BEGIN:X\n".repeat(1_600));
        file.push_str(&"END:X\n".repeat(1_600));
        file.push_str("END:VCALENDAR\n");
        let error = unfold(&file).err().unwrap_or_default();
        assert!(error.starts_with("line 9 opens a component nested 9 deep"), "{error}");
    }

    #[test]
    fn ordinary_nesting_is_read() {
        let file = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n";
        assert!(unfold(file).is_ok());
    }

    #[test]
    fn a_nul_byte_is_refused_with_its_line() {
        let error = unfold("BEGIN:VCALENDAR\nBe\0GIN:\n").err().unwrap_or_default();
        assert!(error.starts_with("line 2 contains a NUL"), "{error}");
    }
}
