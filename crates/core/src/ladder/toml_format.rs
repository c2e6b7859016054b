//! Trellis's own ladder format, TOML, for an organisation that writes its ladder by hand or
//! exports it from a spreadsheet. Documented in `docs/ladders.md`:
//!
//! ```toml
//! [ladder]
//! key = "engineering"
//! name = "Engineering"
//! credit = "Acme's engineering ladder"
//!
//! [[competency]]
//! key = "delivery"
//! name = "Delivery"
//!
//! [[track]]
//! key = "ic"
//! name = "Individual contributor"
//!
//! [[track.level]]
//! key = "e2"
//! name = "Engineer"
//! expect = [{ competency = "delivery", text = "Ships well-scoped tasks on their own." }]
//! ```

use super::{check_size, key_of, Competency, Expectation, Ladder, Level, Track};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct File {
    ladder: Head,
    #[serde(default)]
    competency: Vec<CompetencyDef>,
    track: Vec<TrackDef>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Head {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    name: String,
    #[serde(default)]
    credit: String,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct CompetencyDef {
    key: String,
    name: String,
    #[serde(default)]
    summary: String,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct TrackDef {
    key: String,
    name: String,
    level: Vec<LevelDef>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct LevelDef {
    key: String,
    name: String,
    #[serde(default)]
    expect: Vec<ExpectDef>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ExpectDef {
    competency: String,
    text: String,
}

/// Reads a ladder file; a mistake is named by its line.
pub fn parse(text: &str) -> Result<Ladder, Vec<String>> {
    check_size(text)?;
    let file: File = toml::from_str(text).map_err(|error| {
        let line = error.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let message = error.message().trim().to_string();
        vec![match line {
            Some(line) => format!("Line {line}: {message}"),
            None => message,
        }]
    })?;
    let key = file.ladder.key.clone().filter(|k| !k.trim().is_empty()).unwrap_or_else(|| key_of(&file.ladder.name));
    Ladder {
        key,
        name: file.ladder.name,
        credit: file.ladder.credit,
        competencies: file
            .competency
            .into_iter()
            .map(|c| Competency { key: c.key, name: c.name, summary: c.summary })
            .collect(),
        tracks: file
            .track
            .into_iter()
            .map(|t| Track {
                key: t.key,
                name: t.name,
                levels: t
                    .level
                    .into_iter()
                    .map(|l| Level {
                        key: l.key,
                        name: l.name,
                        expectations: l
                            .expect
                            .into_iter()
                            .map(|e| Expectation { competency: e.competency, text: e.text })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
    .check()
}

/// Writes a ladder in this format (what is stored, and edited in the browser).
pub fn write(ladder: &Ladder) -> String {
    let file = File {
        ladder: Head { key: Some(ladder.key.clone()), name: ladder.name.clone(), credit: ladder.credit.clone() },
        competency: ladder
            .competencies
            .iter()
            .map(|c| CompetencyDef { key: c.key.clone(), name: c.name.clone(), summary: c.summary.clone() })
            .collect(),
        track: ladder
            .tracks
            .iter()
            .map(|t| TrackDef {
                key: t.key.clone(),
                name: t.name.clone(),
                level: t
                    .levels
                    .iter()
                    .map(|l| LevelDef {
                        key: l.key.clone(),
                        name: l.name.clone(),
                        expect: l
                            .expectations
                            .iter()
                            .map(|e| ExpectDef { competency: e.competency.clone(), text: e.text.clone() })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    toml::to_string(&file).unwrap_or_default()
}
