//! YAML job families, as the Financial Times' engineering progression publishes them: levels,
//! themes (the competencies) and one summary per level and theme. Levels whose ids end in
//! `-ic` and `-pm` split the family into an individual-contributor and a people-manager track
//! that share the levels below and above the split.

use super::{check_size, key_of, one_paragraph, Competency, Expectation, Ladder, Level, Track};
use serde::Deserialize;

#[derive(Deserialize)]
struct JobFamily {
    name: String,
    levels: Vec<LevelDef>,
    themes: Vec<ThemeDef>,
    competencies: Vec<CompetencyDef>,
}

#[derive(Deserialize)]
struct LevelDef {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct ThemeDef {
    id: String,
    name: String,
    #[serde(default)]
    summary: String,
}

#[derive(Deserialize)]
struct CompetencyDef {
    level: String,
    theme: String,
    summary: String,
}

/// Reads a job family file, crediting it as `credit`.
pub fn parse(text: &str, credit: &str) -> Result<Ladder, Vec<String>> {
    check_size(text)?;
    let family: JobFamily = serde_saphyr::from_str(text)
        .map_err(|e| vec![format!("The YAML could not be read: {}", first_line(&e.to_string()))])?;
    let mut problems = Vec::new();
    for competency in &family.competencies {
        if !family.levels.iter().any(|l| l.id == competency.level) {
            problems
                .push(format!("A competency is for the level \"{}\", which the file does not list.", competency.level));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let level = |def: &LevelDef| Level {
        key: def.id.clone(),
        name: def.name.clone(),
        expectations: family
            .competencies
            .iter()
            .filter(|c| c.level == def.id)
            .map(|c| Expectation { competency: c.theme.clone(), text: one_paragraph(&c.summary) })
            .collect(),
    };
    let split = family.levels.iter().any(|l| l.id.ends_with("-ic") || l.id.ends_with("-pm"));
    let track = |key: &str, name: &str, leave_out: Option<&str>| Track {
        key: key.to_string(),
        name: name.to_string(),
        levels: family
            .levels
            .iter()
            .filter(|l| leave_out.is_none_or(|suffix| !l.id.ends_with(suffix)))
            .map(level)
            .collect(),
    };
    let tracks = if split {
        vec![
            track("individual-contributor", "Individual contributor", Some("-pm")),
            track("people-manager", "People manager", Some("-ic")),
        ]
    } else {
        vec![track(&key_of(&family.name), &family.name, None)]
    };
    Ladder {
        key: key_of(&family.name),
        name: family.name.clone(),
        credit: credit.to_string(),
        competencies: family
            .themes
            .iter()
            .map(|t| Competency { key: t.id.clone(), name: t.name.clone(), summary: one_paragraph(&t.summary) })
            .collect(),
        tracks,
    }
    .check()
}

/// The first line of a parser's message (the rest repeats the file).
pub(super) fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}
