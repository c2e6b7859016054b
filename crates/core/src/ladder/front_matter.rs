//! Markdown progression frameworks, as Monzo's are: either the data in YAML front matter
//! (topics, the competencies, each with criteria per level), or written out in the text
//! (`## Level 1`, then a `### Competency` heading and its paragraphs or bullets). One track,
//! its levels numbered from 1.

use super::job_family::first_line;
use super::{check_size, key_of, Competency, Expectation, Ladder, Level, Track};
use serde::Deserialize;

#[derive(Deserialize)]
struct Framework {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    topics: Vec<Topic>,
}

#[derive(Deserialize)]
struct Topic {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: Vec<Content>,
}

#[derive(Deserialize)]
struct Content {
    level: usize,
    #[serde(default)]
    criteria: Vec<String>,
    #[serde(default, rename = "exampleCriteria")]
    example_criteria: Vec<Example>,
}

#[derive(Deserialize)]
struct Example {
    criteria: String,
}

/// Reads a framework file; `fallback_name` names it when its front matter has no title.
pub fn parse(text: &str, fallback_name: &str, credit: &str) -> Result<Ladder, Vec<String>> {
    check_size(text)?;
    let yaml = front_matter(text).ok_or_else(|| {
        vec!["The file has no front matter: it should start with a line of three dashes, the framework's YAML, and another such line.".to_string()]
    })?;
    let framework: Framework = serde_saphyr::from_str(yaml)
        .map_err(|e| vec![format!("The front matter could not be read: {}", first_line(&e.to_string()))])?;
    let name = framework
        .title
        .as_deref()
        .map(plain_title)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback_name.to_string());
    let (competencies, rows) = if framework.topics.is_empty() {
        from_text(&text[text.find(yaml).unwrap_or(0) + yaml.len()..])
    } else {
        from_topics(&framework.topics)
    };
    let count = rows.iter().map(|(level, _)| *level).max().unwrap_or(0);
    if count == 0 || count > 30 {
        return Err(vec![format!("It has {count} levels; a framework has 1 to 30.")]);
    }
    let levels = (1..=count)
        .map(|n| Level {
            key: format!("level-{n}"),
            name: format!("Level {n}"),
            expectations: rows.iter().filter(|(level, _)| *level == n).map(|(_, e)| e.clone()).collect(),
        })
        .collect();
    Ladder {
        key: key_of(&name),
        name: name.clone(),
        credit: credit.to_string(),
        competencies,
        tracks: vec![Track { key: key_of(&name), name, levels }],
    }
    .check()
}

/// The competencies and (level, expectation) rows of front matter topics.
fn from_topics(topics: &[Topic]) -> (Vec<Competency>, Vec<(usize, Expectation)>) {
    let competencies = topics
        .iter()
        .map(|topic| Competency {
            key: key_of(&topic.name),
            name: topic
                .title
                .as_deref()
                .map(plain_title)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| humane(&topic.name)),
            summary: String::new(),
        })
        .collect();
    let rows = topics
        .iter()
        .flat_map(|topic| topic.content.iter().map(move |c| (topic, c)))
        .flat_map(|(topic, content)| {
            let texts =
                content.criteria.iter().cloned().chain(content.example_criteria.iter().map(|e| e.criteria.clone()));
            texts.map(move |text| (content.level, Expectation { competency: key_of(&topic.name), text }))
        })
        .collect();
    (competencies, rows)
}

/// The competencies and rows of a framework written out: `## Level N`, `### Competency`, and
/// under it paragraphs or bullets, each one expectation.
fn from_text(body: &str) -> (Vec<Competency>, Vec<(usize, Expectation)>) {
    let (mut competencies, mut rows): (Vec<Competency>, Vec<(usize, Expectation)>) = (Vec::new(), Vec::new());
    let (mut level, mut competency, mut paragraph) = (0usize, None::<String>, String::new());
    let flush =
        |paragraph: &mut String, level: usize, competency: &Option<String>, rows: &mut Vec<(usize, Expectation)>| {
            if let (Some(key), false) = (competency, paragraph.trim().is_empty()) {
                if level > 0 {
                    rows.push((
                        level,
                        Expectation {
                            competency: key.clone(),
                            text: paragraph.split_whitespace().collect::<Vec<_>>().join(" "),
                        },
                    ));
                }
            }
            paragraph.clear();
        };
    for line in body.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix("### ") {
            flush(&mut paragraph, level, &competency, &mut rows);
            let name = plain_title(heading);
            let key = key_of(&name);
            if !competencies.iter().any(|c| c.key == key) {
                competencies.push(Competency { key: key.clone(), name, summary: String::new() });
            }
            competency = Some(key);
        } else if let Some(heading) = line.strip_prefix("## ") {
            flush(&mut paragraph, level, &competency, &mut rows);
            level = heading.trim().strip_prefix("Level ").and_then(|n| n.trim().parse().ok()).unwrap_or(0);
            competency = None;
        } else if let Some(bullet) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush(&mut paragraph, level, &competency, &mut rows);
            paragraph.push_str(bullet);
            flush(&mut paragraph, level, &competency, &mut rows);
        } else if line.is_empty() || line == "---" {
            flush(&mut paragraph, level, &competency, &mut rows);
        } else {
            paragraph.push(' ');
            paragraph.push_str(line);
        }
    }
    flush(&mut paragraph, level, &competency, &mut rows);
    (competencies, rows)
}

/// The YAML between the opening `---` line and the next one.
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches('\u{feff}').strip_prefix("---")?;
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n'))?;
    let end = rest.find("\n---")?;
    Some(&rest[..end])
}

/// A title without the pictures some frameworks put before it.
fn plain_title(title: &str) -> String {
    title.trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_string()
}

/// "technical-skills" → "Technical skills".
fn humane(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
