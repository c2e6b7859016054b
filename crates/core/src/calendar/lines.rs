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
    /// The components of the file one by one — each event, time zone or other component of
    /// a calendar (or given without a calendar around it) — each with the number of unfolded
    /// lines before it, so that each is parsed on its own (the parser's time grows with the
    /// square of what it is given) and an error still names its line. The calendar's own
    /// lines (its properties, junk between events, anything after its end) are not needed and
    /// are passed over; a component closed by the wrong `END:` or never closed is refused.
    pub fn components(&self) -> Result<Vec<(usize, &str)>, String> {
        let mut components = Vec::new();
        let mut open: Vec<(String, usize)> = Vec::new();
        let mut start = None;
        for (index, (offset, line)) in line_starts(&self.text).enumerate() {
            let (name, value) = line.split_once(':').map_or((line.trim(), ""), |(n, v)| (n.trim(), v.trim()));
            let number = self.original_line(index + 1);
            if name.eq_ignore_ascii_case("BEGIN") {
                if open.len() == top(&open) && !(open.is_empty() && value.eq_ignore_ascii_case("VCALENDAR")) {
                    start = Some((offset, index));
                }
                open.push((value.to_owned(), number));
            } else if name.eq_ignore_ascii_case("END") {
                let Some((opened, opened_on)) = open.pop() else {
                    return Err(format!("line {number}: {line:?} ends a component that was never begun"));
                };
                if !opened.eq_ignore_ascii_case(value) {
                    return Err(format!(
                        "line {number}: {line:?} does not end the {opened} begun on line {opened_on} (it should read END:{opened})"
                    ));
                }
                if open.len() == top(&open) {
                    if let Some((from, first)) = start.take() {
                        components.push((first, &self.text[from..offset + line.len() + 1]));
                    }
                }
            }
        }
        if let Some((opened, opened_on)) = open.last() {
            return Err(format!(
                "the file ends before the {opened} begun on line {opened_on} is closed (an END: line is missing); it may have been cut short"
            ));
        }
        Ok(components)
    }

    /// The original line on which unfolded line `line` (1-based) started.
    pub fn original_line(&self, line: usize) -> usize {
        line.checked_sub(1).and_then(|i| self.origin.get(i)).copied().unwrap_or(line)
    }
}

/// How deep a calendar's own components sit: inside a VCALENDAR, or at the top of a file of
/// components without one.
fn top(open: &[(String, usize)]) -> usize {
    usize::from(open.first().is_some_and(|(name, _)| name.eq_ignore_ascii_case("VCALENDAR")))
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
