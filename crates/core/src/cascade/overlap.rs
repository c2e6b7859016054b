//! Grouping what people shared upward where it overlaps: the same focus competency, the same
//! dream (by its catalogue entry, or its role in the same words), or goals that share at least
//! two meaningful words.

use std::collections::BTreeMap;

/// What kind of item was shared upward.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum SharedKind {
    FocusCompetency,
    Dream,
    Goal,
}

impl SharedKind {
    pub fn label(self) -> &'static str {
        match self {
            SharedKind::FocusCompetency => "Focus competency",
            SharedKind::Dream => "Dream",
            SharedKind::Goal => "Goal",
        }
    }
}

/// One item someone shared upward.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Shared {
    pub kind: SharedKind,
    pub person: String,
    pub text: String,
    /// What makes two items the same beyond their words (a dream's catalogue entry).
    pub key: Option<String>,
}

/// Items that overlap (one item when nothing else matched it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Overlap {
    pub kind: SharedKind,
    /// The words they share, e.g. "mentoring" or "Data scientist".
    pub theme: String,
    pub items: Vec<Shared>,
}

impl Overlap {
    /// How many different people it brings together.
    pub fn people(&self) -> usize {
        let mut names: Vec<&str> = self.items.iter().map(|i| i.person.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }
}

const LITTLE_WORDS: &[&str] = &[
    "about", "after", "also", "from", "have", "into", "more", "next", "over", "some", "than", "that", "their", "them",
    "then", "this", "with", "your", "months", "month", "weeks", "year", "make", "start", "able", "first", "every",
    "each", "other", "good", "well", "better", "become", "least",
];

fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !LITTLE_WORDS.contains(&w.as_str()))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Groups the items: most people first, then by kind and theme.
pub fn group_overlaps(items: Vec<Shared>) -> Vec<Overlap> {
    let mut groups: Vec<Overlap> = Vec::new();
    let mut exact: BTreeMap<(SharedKind, String), Vec<Shared>> = BTreeMap::new();
    let mut goals: Vec<Shared> = Vec::new();
    for item in items {
        match item.kind {
            SharedKind::Goal => goals.push(item),
            kind => {
                let key = item.key.clone().unwrap_or_else(|| item.text.trim().to_lowercase());
                exact.entry((kind, key)).or_default().push(item);
            }
        }
    }
    for ((kind, _), items) in exact {
        groups.push(Overlap { kind, theme: items[0].text.trim().to_string(), items });
    }
    groups.extend(group_goals(goals));
    groups.sort_by(|a, b| b.people().cmp(&a.people()).then(a.kind.cmp(&b.kind)).then(a.theme.cmp(&b.theme)));
    groups
}

/// Goals that share two meaningful words end up together (transitively).
fn group_goals(goals: Vec<Shared>) -> Vec<Overlap> {
    let vocab: Vec<Vec<String>> = goals.iter().map(|g| words(&g.text)).collect();
    let mut parent: Vec<usize> = (0..goals.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for a in 0..goals.len() {
        for b in a + 1..goals.len() {
            if vocab[a].iter().filter(|w| vocab[b].contains(w)).count() >= 2 {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra] = rb;
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..goals.len() {
        let r = root(&mut parent, i);
        clusters.entry(r).or_default().push(i);
    }
    clusters
        .into_values()
        .map(|members| {
            let shared: Vec<String> = match members.as_slice() {
                [only] => vec![goals[*only].text.trim().to_string()],
                [first, rest @ ..] => {
                    vocab[*first].iter().filter(|w| rest.iter().any(|r| vocab[*r].contains(w))).cloned().collect()
                }
                [] => Vec::new(),
            };
            Overlap {
                kind: SharedKind::Goal,
                theme: shared.join(", "),
                items: members.iter().map(|i| goals[*i].clone()).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: SharedKind, person: &str, text: &str) -> Shared {
        Shared { kind, person: person.into(), text: text.into(), key: None }
    }

    #[test]
    fn the_same_competency_and_similar_goals_come_together() {
        let groups = group_overlaps(vec![
            item(SharedKind::FocusCompetency, "Ana", "Public speaking"),
            item(SharedKind::FocusCompetency, "Ben", "public speaking "),
            item(SharedKind::Goal, "Ana", "Mentor two interns through their first project"),
            item(SharedKind::Goal, "Cy", "Run the intern mentoring programme for the first project"),
            item(SharedKind::Goal, "Ben", "Ship the billing migration"),
            Shared { key: Some("onet:15-2051.00".into()), ..item(SharedKind::Dream, "Cy", "Data scientist") },
            Shared { key: Some("onet:15-2051.00".into()), ..item(SharedKind::Dream, "Dee", "Data science lead") },
        ]);
        assert_eq!(groups[0].people(), 2);
        let speaking = groups.iter().find(|g| g.kind == SharedKind::FocusCompetency).unwrap();
        assert_eq!(speaking.items.len(), 2);
        let dream = groups.iter().find(|g| g.kind == SharedKind::Dream).unwrap();
        assert_eq!(dream.people(), 2);
        let interns = groups.iter().find(|g| g.kind == SharedKind::Goal && g.items.len() == 2).unwrap();
        assert_eq!(interns.theme, "intern, project");
        assert_eq!(groups.last().unwrap().people(), 1);
    }
}
