//! The built-in catalogue: careers to browse (O*NET occupations and ESCO occupations) and
//! competencies to draw on (O*NET skills and work styles, ESCO transversal skills), with, for
//! each O*NET occupation, the competencies its data rates most important. The data is derived
//! from the published releases (see `derive`) and compiled in; it is read once, on first use.
//! Entries are named by a reference such as `onet:15-1252.00` or `esco:<uuid>`.

#[cfg(test)]
mod derive;
mod search;

pub use search::CareerPage;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The credit O*NET asks for, shown wherever its data is.
pub const ONET_CREDIT: &str = "This product includes information from the O*NET Database (a 2018 release, O*NET-SOC 2010 taxonomy) by the U.S. Department of \
     Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a \
     trademark of USDOL/ETA. Trellis has shortened the descriptions; USDOL/ETA has not approved, endorsed or tested \
     these changes.";
/// The credit for ESCO.
pub const ESCO_CREDIT: &str = "This product includes occupations and transversal skills from ESCO, the European \
     classification of Skills, Competences, Qualifications and Occupations, © European Union, used under the CC BY \
     4.0 license. Descriptions are shortened.";

/// The most competencies suggested for one occupation.
pub const MAX_SUGGESTIONS: usize = 10;

/// Where an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Onet,
    Esco,
}

impl Source {
    pub fn key(self) -> &'static str {
        match self {
            Source::Onet => "onet",
            Source::Esco => "esco",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Source::Onet => "O*NET",
            Source::Esco => "ESCO",
        }
    }

    pub fn parse(key: &str) -> Option<Source> {
        [Source::Onet, Source::Esco].into_iter().find(|s| s.key() == key)
    }
}

/// A career (occupation) to browse.
#[derive(Debug)]
pub struct Career {
    pub source: Source,
    pub code: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// Title and summary in lower case, for search.
    haystack: (String, String),
}

/// A competency from the built-in set.
#[derive(Debug)]
pub struct Competency {
    pub source: Source,
    pub code: &'static str,
    /// "skill", "work-style" or "transversal".
    pub group: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

impl Career {
    /// The reference stored with a dream, e.g. `onet:15-1252.00`.
    pub fn reference(&self) -> String {
        format!("{}:{}", self.source.key(), self.code)
    }
}

impl Competency {
    pub fn reference(&self) -> String {
        format!("{}:{}", self.source.key(), self.code)
    }

    /// The kind of competency, in words.
    pub fn group_label(&self) -> &'static str {
        match self.group {
            "skill" => "Skill",
            "work-style" => "Work style",
            _ => "Transversal skill",
        }
    }
}

/// Every built-in career and competency.
pub struct Catalogue {
    careers: Vec<Career>,
    competencies: Vec<Competency>,
    career_index: HashMap<String, usize>,
    competency_index: HashMap<String, usize>,
    /// O*NET occupation code → competency references, most important first.
    importance: HashMap<&'static str, Vec<&'static str>>,
}

fn columns(line: &'static str) -> Vec<&'static str> {
    line.split('\t').collect()
}

fn source(key: &str) -> Source {
    Source::parse(key).unwrap_or(Source::Esco)
}

impl Catalogue {
    /// The compiled-in catalogue, read on first use.
    pub fn builtin() -> &'static Catalogue {
        static BUILT_IN: OnceLock<Catalogue> = OnceLock::new();
        BUILT_IN.get_or_init(Catalogue::load)
    }

    fn load() -> Catalogue {
        let careers: Vec<Career> = include_str!("../../data/careers.tsv")
            .lines()
            .map(columns)
            .filter(|c| c.len() == 4)
            .map(|c| Career {
                source: source(c[0]),
                code: c[1],
                title: c[2],
                summary: c[3],
                haystack: (c[2].to_lowercase(), c[3].to_lowercase()),
            })
            .collect();
        let competencies: Vec<Competency> = include_str!("../../data/competencies.tsv")
            .lines()
            .map(columns)
            .filter(|c| c.len() == 5)
            .map(|c| Competency { source: source(c[0]), code: c[1], group: c[2], name: c[3], summary: c[4] })
            .collect();
        let mut importance: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for c in include_str!("../../data/importance.tsv").lines().map(columns).filter(|c| c.len() == 3) {
            importance.entry(c[0]).or_default().push(c[1]);
        }
        Catalogue {
            career_index: careers.iter().enumerate().map(|(i, c)| (c.reference(), i)).collect(),
            competency_index: competencies.iter().enumerate().map(|(i, c)| (c.reference(), i)).collect(),
            careers,
            competencies,
            importance,
        }
    }

    pub fn career(&self, reference: &str) -> Option<&Career> {
        self.career_index.get(reference).map(|&i| &self.careers[i])
    }

    pub fn competency(&self, reference: &str) -> Option<&Competency> {
        self.competency_index.get(reference).map(|&i| &self.competencies[i])
    }

    /// Every built-in competency, O*NET first, each group in the data's order.
    pub fn competencies(&self) -> &[Competency] {
        &self.competencies
    }

    pub fn career_count(&self, source: Source) -> usize {
        self.careers.iter().filter(|c| c.source == source).count()
    }

    /// The competencies the data rates most important for a career, at most
    /// `MAX_SUGGESTIONS`, most important first. Empty for a career without ratings (ESCO
    /// occupations, and the few O*NET ones without data).
    pub fn suggestions(&self, career_reference: &str) -> Vec<&Competency> {
        let Some(code) = career_reference.strip_prefix("onet:") else { return Vec::new() };
        let elements = self.importance.get(code).map(Vec::as_slice).unwrap_or_default();
        elements
            .iter()
            .filter_map(|element| self.competency(&format!("onet:{element}")))
            .take(MAX_SUGGESTIONS)
            .collect()
    }
}

#[cfg(test)]
mod tests;
