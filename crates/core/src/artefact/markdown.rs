//! The person's plan as a Markdown document: one section per kind in the plan's order, each
//! item with its fields as a small list. The journal is summed up in one line (it is a record,
//! not part of the plan); everything else is written out in full.

use super::{Fields, Kind};
use std::fmt::Write as _;

/// One item to write: its kind, the label of its status, its fields.
pub struct PlanItem<'a> {
    pub kind: Kind,
    pub status: &'a str,
    pub fields: &'a Fields,
}

/// The Markdown text of a plan.
pub fn plan_markdown(person_name: &str, date: &str, items: &[PlanItem<'_>]) -> String {
    let mut out = format!("# Career plan: {person_name}\n\nExported from Trellis on {date}.\n");
    for kind in Kind::ALL {
        let of_kind: Vec<&PlanItem<'_>> = items.iter().filter(|i| i.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {}\n\n", kind.title());
        if kind == Kind::JournalEntry {
            let loved = of_kind.iter().filter(|i| i.fields.get("feeling").is_some_and(|f| f == "love")).count();
            let _ = writeln!(out, "Entries: {} ({loved} loved, {} loathed).", of_kind.len(), of_kind.len() - loved);
            continue;
        }
        for item in of_kind {
            write_item(&mut out, item);
        }
    }
    out
}

fn write_item(out: &mut String, item: &PlanItem<'_>) {
    let specs = item.kind.fields();
    let mut filled = specs.iter().filter(|spec| item.fields.get(spec.name).is_some_and(|v| !v.trim().is_empty()));
    let Some(first) = filled.next() else {
        return;
    };
    let headline = one_line(item.fields.get(first.name).map_or("", String::as_str));
    let status = if item.kind.statuses().len() > 1 { format!(" ({})", item.status) } else { String::new() };
    let _ = writeln!(out, "- **{headline}**{status}");
    for spec in filled {
        let value = item.fields.get(spec.name).map_or("", String::as_str);
        let shown = spec.display(value);
        if shown.contains('\n') {
            let _ = writeln!(out, "  - {}:", spec.label);
            for line in shown.lines() {
                let _ = writeln!(out, "    {line}");
            }
        } else {
            let _ = writeln!(out, "  - {}: {shown}", spec.label);
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn sections_follow_the_plan_and_choices_read_as_labels() {
        let dream = fields(&[("role", "Head of research"), ("why", "I like questions.\nAnd people.")]);
        let action = fields(&[("what", "Shadow the data lead"), ("pillar", "networking"), ("owner", "me")]);
        let loved = fields(&[("activity", "Pairing"), ("feeling", "love")]);
        let items = [
            PlanItem { kind: Kind::Action, status: "To do", fields: &action },
            PlanItem { kind: Kind::Dream, status: "Active", fields: &dream },
            PlanItem { kind: Kind::JournalEntry, status: "Active", fields: &loved },
        ];
        let text = plan_markdown("Ana Ruiz", "2026-11-22", &items);
        let dreams = text.find("## Dreams").unwrap();
        let actions = text.find("## Career action plan").unwrap();
        assert!(dreams < actions, "{text}");
        assert!(text.contains("- **Head of research** (Active)"));
        assert!(text.contains("  - Why it appeals to you:\n    I like questions.\n    And people."), "{text}");
        assert!(text.contains("  - Pillar: Networking"), "{text}");
        assert!(text.contains("Entries: 1 (1 loved, 0 loathed)."));
    }
}
