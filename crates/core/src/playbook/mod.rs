//! Playbooks: career-conversation frameworks described as data. A playbook is a sequence of
//! conversations, each with a purpose, a suggested length, prompts in groups, the exercises it
//! uses, and rules for cadence and preparation. Playbooks are written as TOML
//! (docs/playbooks.md); `parse_playbook` reads one and checks it, naming the line and field of
//! every problem. Trellis ships four, in `builtin`.

pub mod builtin;
pub mod compose;
mod file;
pub mod question_list;
mod single;
mod validate;

pub use validate::parse_playbook;

use serde::Serialize;
use std::fmt;

/// An exercise a conversation can use; each is a tool in the person's space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exercise {
    /// Noting activities as loved or loathed, in the moment or from the calendar.
    LoveLoathe,
    /// Chapters, pivots and the values distilled from them.
    LifeStory,
    /// "Would I be happy doing exactly this in one year? In five?"
    SameWorkCheck,
    /// Candidate roles, careers explored and crossed out, up to three active dreams.
    Dreams,
    /// Rating the competencies a dream needs, and choosing which to develop.
    Competencies,
    /// Goal, reality, options, will.
    GrowPlan,
    /// Actions by pillar (training, networking, current role, next job).
    ActionPlan,
    /// Goals for the next six months, reviewed at the next conversation.
    SixMonthGoals,
    /// Reviewing last period's goals: achieved, carried over, redefined or dropped.
    GoalReview,
    /// One skill practised every week.
    WeeklySkill,
    /// People outside the reporting line to learn from.
    Mentors,
}

impl Exercise {
    /// Every exercise, in the order documentation lists them.
    pub const ALL: [Exercise; 11] = [
        Exercise::LoveLoathe,
        Exercise::LifeStory,
        Exercise::SameWorkCheck,
        Exercise::Dreams,
        Exercise::Competencies,
        Exercise::GrowPlan,
        Exercise::ActionPlan,
        Exercise::SixMonthGoals,
        Exercise::GoalReview,
        Exercise::WeeklySkill,
        Exercise::Mentors,
    ];

    /// The name used in playbook files.
    pub fn key(self) -> &'static str {
        match self {
            Exercise::LoveLoathe => "love-loathe",
            Exercise::LifeStory => "life-story",
            Exercise::SameWorkCheck => "same-work-check",
            Exercise::Dreams => "dreams",
            Exercise::Competencies => "competencies",
            Exercise::GrowPlan => "grow-plan",
            Exercise::ActionPlan => "action-plan",
            Exercise::SixMonthGoals => "six-month-goals",
            Exercise::GoalReview => "goal-review",
            Exercise::WeeklySkill => "weekly-skill",
            Exercise::Mentors => "mentors",
        }
    }

    /// Parses the name used in playbook files.
    pub fn parse(key: &str) -> Option<Exercise> {
        Exercise::ALL.into_iter().find(|e| e.key() == key)
    }

    /// The part of the person's plan where the exercise is done.
    pub fn plan_kind(self) -> crate::artefact::Kind {
        use crate::artefact::Kind;
        match self {
            Exercise::LoveLoathe => Kind::JournalEntry,
            Exercise::LifeStory => Kind::LifeChapter,
            Exercise::SameWorkCheck => Kind::SameWorkCheck,
            Exercise::Dreams => Kind::Dream,
            Exercise::Competencies => Kind::Competency,
            Exercise::GrowPlan => Kind::GrowPlan,
            Exercise::ActionPlan => Kind::Action,
            Exercise::SixMonthGoals | Exercise::GoalReview => Kind::Goal,
            Exercise::WeeklySkill => Kind::WeeklySkill,
            Exercise::Mentors => Kind::Mentor,
        }
    }
}

/// One prompt of a conversation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prompt {
    pub text: String,
    /// A gentler way in, for people who find the prompt hard.
    pub hint: Option<String>,
    /// Whether answers are expected to list several items (so themes can show).
    pub multiple: bool,
}

/// Prompts that belong together, e.g. "Looking back".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PromptGroup {
    pub title: String,
    pub prompts: Vec<Prompt>,
}

/// One conversation (a step) of a playbook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conversation {
    pub key: String,
    pub title: String,
    pub purpose: String,
    /// Suggested length.
    pub minutes: u32,
    /// Whether the person may skip this step of a series.
    pub optional: bool,
    /// For a step that follows the previous one after a while (e.g. about a month later).
    pub days_after_previous: Option<u32>,
    pub groups: Vec<PromptGroup>,
    pub exercises: Vec<Exercise>,
    /// Tips for the manager during this conversation.
    pub coaching: Vec<String>,
}

/// How often a playbook is run, and how close together a series should stay.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cadence {
    /// Days between one run of the playbook and the next.
    pub every_days: Option<u32>,
    /// For a series: the window (in days) all its conversations should fit in.
    pub series_window_days: Option<u32>,
}

/// How people prepare.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Preparation {
    /// Prompts become visible to the person this many days before the conversation.
    pub share_prompts_days_before: Option<u32>,
    /// The person is asked whether they are ready this many days before.
    pub readiness_check_days_before: Option<u32>,
}

/// A checked playbook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Playbook {
    pub key: String,
    pub name: String,
    pub summary: String,
    /// Whose framework this is, by name.
    pub credit: Option<String>,
    pub cadence: Cadence,
    pub preparation: Preparation,
    pub conversations: Vec<Conversation>,
}

/// A problem in a playbook file, with the line it is on and the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaybookProblem {
    pub line: Option<usize>,
    /// A path like `conversation[2].minutes`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for PlaybookProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}
