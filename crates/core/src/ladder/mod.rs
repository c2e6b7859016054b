//! Career tracks and ladders: an organisation's tracks (individual contributor and
//! management, side by side), the levels of each, and what is expected at each level, grouped
//! by competency. Read from three formats (`job_family` for YAML job families, `front_matter`
//! for Markdown progression frameworks, `toml_format` for Trellis's own) into one `Ladder`,
//! checked against the same limits whichever format it came from.

pub mod front_matter;
pub mod job_family;
#[cfg(test)]
mod tests;
pub mod toml_format;

use serde::Serialize;

/// The largest ladder file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
const MAX_TRACKS: usize = 12;
const MAX_LEVELS: usize = 30;
const MAX_COMPETENCIES: usize = 60;
const MAX_EXPECTATIONS: usize = 3000;
const MAX_TEXT_CHARS: usize = 2000;
const MAX_NAME_CHARS: usize = 200;

/// A competency the levels' expectations are grouped by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Competency {
    pub key: String,
    pub name: String,
    pub summary: String,
}

/// One thing expected at a level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expectation {
    /// The key of its competency.
    pub competency: String,
    pub text: String,
}

/// A level of a track, lowest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Level {
    pub key: String,
    pub name: String,
    pub expectations: Vec<Expectation>,
}

/// A track: a sequence of levels (a level may sit on several tracks, as the first levels of
/// an individual-contributor and a management track often do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Track {
    pub key: String,
    pub name: String,
    pub levels: Vec<Level>,
}

/// An organisation's ladder for one job family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ladder {
    pub key: String,
    pub name: String,
    /// Whose framework it is, and under which licence.
    pub credit: String,
    pub competencies: Vec<Competency>,
    pub tracks: Vec<Track>,
}

/// Where a person stands on a track: their level, the next one, and the levels two to four
/// steps up (the roles worth a conversation about the longer way).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position<'a> {
    pub track: &'a Track,
    pub current: &'a Level,
    pub next: Option<&'a Level>,
    pub further: Vec<&'a Level>,
}

impl Ladder {
    /// The person's position on every track that has their level.
    pub fn positions(&self, level_key: &str) -> Vec<Position<'_>> {
        self.tracks
            .iter()
            .filter_map(|track| {
                let at = track.levels.iter().position(|l| l.key == level_key)?;
                Some(Position {
                    track,
                    current: &track.levels[at],
                    next: track.levels.get(at + 1),
                    further: track.levels.iter().skip(at + 2).take(3).collect(),
                })
            })
            .collect()
    }

    /// A competency by key.
    pub fn competency(&self, key: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.key == key)
    }

    /// Every distinct level, lowest first: by its step on the tracks, then by track (so the
    /// two levels of a split sit side by side).
    pub fn levels(&self) -> Vec<&Level> {
        let mut seen: Vec<(usize, usize, &Level)> = Vec::new();
        for (track, t) in self.tracks.iter().enumerate() {
            for (step, level) in t.levels.iter().enumerate() {
                if !seen.iter().any(|(_, _, l)| l.key == level.key) {
                    seen.push((step, track, level));
                }
            }
        }
        seen.sort_by_key(|(step, track, _)| (*step, *track));
        seen.into_iter().map(|(_, _, level)| level).collect()
    }

    /// Checks the limits and that every expectation names a known competency; every problem
    /// in words.
    pub fn check(self) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let too_many = |what: &str, count: usize, max: usize| format!("It has {count} {what}; at most {max} are kept.");
        if self.tracks.is_empty() || self.tracks.iter().all(|t| t.levels.is_empty()) {
            problems.push("It has no levels.".to_string());
        }
        if self.tracks.len() > MAX_TRACKS {
            problems.push(too_many("tracks", self.tracks.len(), MAX_TRACKS));
        }
        for track in &self.tracks {
            if track.levels.len() > MAX_LEVELS {
                problems.push(too_many(
                    &format!("levels on the track \"{}\"", track.name),
                    track.levels.len(),
                    MAX_LEVELS,
                ));
            }
        }
        if self.competencies.len() > MAX_COMPETENCIES {
            problems.push(too_many("competencies", self.competencies.len(), MAX_COMPETENCIES));
        }
        let expectations: usize = self.levels().iter().map(|l| l.expectations.len()).sum();
        if expectations > MAX_EXPECTATIONS {
            problems.push(too_many("expectations", expectations, MAX_EXPECTATIONS));
        }
        for name in [&self.name]
            .into_iter()
            .chain(self.competencies.iter().map(|c| &c.name))
            .chain(self.levels().iter().map(|l| &l.name))
        {
            if name.trim().is_empty() || name.chars().count() > MAX_NAME_CHARS {
                problems.push(format!(
                    "The name \"{}\" is empty or longer than {MAX_NAME_CHARS} characters.",
                    name.chars().take(60).collect::<String>()
                ));
            }
        }
        for level in self.levels() {
            for expectation in &level.expectations {
                if self.competency(&expectation.competency).is_none() {
                    problems.push(format!(
                        "Level \"{}\" expects something of \"{}\", which is not one of its competencies.",
                        level.name, expectation.competency
                    ));
                }
                if expectation.text.trim().is_empty() || expectation.text.chars().count() > MAX_TEXT_CHARS {
                    problems.push(format!(
                        "An expectation at level \"{}\" is empty or longer than {MAX_TEXT_CHARS} characters.",
                        level.name
                    ));
                }
            }
        }
        problems.dedup();
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }
}

/// Reads a ladder file by its kind, told by its name: a `.yml` or `.yaml` job family, a `.md`
/// progression framework, or a `.toml` ladder. `credit` names whose framework it is (a TOML
/// file's own credit is kept when none is given).
pub fn read_file(file_name: &str, text: &str, credit: &str) -> Result<Ladder, Vec<String>> {
    let lower = file_name.to_ascii_lowercase();
    let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem).replace(['_', '-'], " ");
    if lower.ends_with(".yml") || lower.ends_with(".yaml") {
        job_family::parse(text, credit)
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        front_matter::parse(text, stem.trim(), credit)
    } else if lower.ends_with(".toml") {
        toml_format::parse(text).map(|ladder| {
            if credit.trim().is_empty() {
                ladder
            } else {
                Ladder { credit: credit.to_string(), ..ladder }
            }
        })
    } else {
        Err(vec!["Send a job family (.yml), a progression framework (.md) or a ladder in Trellis's format (.toml)."
            .to_string()])
    }
}

/// A key from a name: lower case, words joined by hyphens.
pub fn key_of(name: &str) -> String {
    let mut key = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push('-');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Collapses the line breaks of a YAML block into one paragraph.
fn one_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Refuses a file over the size limit before any parser sees it.
fn check_size(text: &str) -> Result<(), Vec<String>> {
    if text.len() > MAX_FILE_BYTES {
        Err(vec![format!("The file is larger than {} MB.", MAX_FILE_BYTES / (1024 * 1024))])
    } else {
        Ok(())
    }
}
