//! What a leader sees across their organisation, never content: for each lead, how many of
//! their people have held each stage (counts), and the goals, focus competencies and dreams
//! people chose to share upward, grouped where they overlap so that the leader can match
//! projects and stretch assignments to people.

mod overlap;

pub use overlap::{group_overlaps, Overlap, Shared, SharedKind};

/// A stage of the career conversations, as counted for a lead's people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Stage {
    LifeStory,
    Dreams,
    Plan,
    /// A six-month conversation held in the last 182 days.
    SixMonth,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::LifeStory, Stage::Dreams, Stage::Plan, Stage::SixMonth];

    /// How a column is headed.
    pub fn label(self) -> &'static str {
        match self {
            Stage::LifeStory => "Life story",
            Stage::Dreams => "Dreams",
            Stage::Plan => "Career action plan",
            Stage::SixMonth => "Six-month conversation (last 6 months)",
        }
    }

    /// The stage a held conversation marks, if any (`recent`: held in the last 182 days).
    pub fn of(playbook_key: &str, step_index: usize, recent: bool) -> Option<Stage> {
        match (playbook_key, step_index) {
            ("three-conversations", 0) => Some(Stage::LifeStory),
            ("three-conversations", 1) => Some(Stage::Dreams),
            ("three-conversations", 2) => Some(Stage::Plan),
            ("six-month", _) if recent => Some(Stage::SixMonth),
            _ => None,
        }
    }

    fn index(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or_default()
    }
}

/// How far one lead's people are: how many they are, and how many held each stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    pub people: usize,
    pub held: [usize; 4],
}

impl Coverage {
    /// From each person's stages held (a person counts once per stage).
    pub fn of<'a>(people: usize, stages_by_person: impl IntoIterator<Item = &'a [Stage]>) -> Self {
        let mut held = [0; 4];
        for stages in stages_by_person {
            for stage in Stage::ALL {
                held[stage.index()] += usize::from(stages.contains(&stage));
            }
        }
        Self { people, held }
    }

    /// The count for `stage`.
    pub fn count(&self, stage: Stage) -> usize {
        self.held[stage.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_person_counts_once_per_stage() {
        let ana = [Stage::LifeStory, Stage::LifeStory, Stage::Dreams];
        let ben = [Stage::LifeStory];
        let coverage = Coverage::of(3, [&ana[..], &ben[..]]);
        assert_eq!(coverage.held, [2, 1, 0, 0]);
        assert_eq!(coverage.count(Stage::LifeStory), 2);
        assert_eq!(Stage::of("six-month", 0, false), None);
        assert_eq!(Stage::of("three-conversations", 2, false), Some(Stage::Plan));
    }
}
