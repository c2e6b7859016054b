//! Each kind of artefact as data: its name, its help text, its fields, its statuses and its
//! limit. The wording is Trellis's own.

use super::fields::*;
use super::{FieldSpec, Limit};
use serde::Serialize;

/// A kind of artefact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    JournalEntry,
    LifeChapter,
    Value,
    SameWorkCheck,
    Career,
    Dream,
    Competency,
    GrowPlan,
    Action,
    WeeklySkill,
    Goal,
    Mentor,
}

impl Kind {
    /// Whether items of this kind can be shared with the people one manages (a manager's own
    /// story, told to their team): life-story chapters and values.
    pub fn shares_with_reports(self) -> bool {
        matches!(self, Kind::LifeChapter | Kind::Value)
    }

    /// The visibilities an item of this kind can have.
    pub fn visibilities(self) -> &'static [crate::policy::Visibility] {
        if self.shares_with_reports() {
            &crate::policy::Visibility::ALL
        } else {
            &crate::policy::Visibility::LINE
        }
    }

    /// Refuses a visibility this kind cannot have, naming the field.
    pub fn check_visibility(self, visibility: crate::policy::Visibility) -> crate::Result<()> {
        if self.visibilities().contains(&visibility) {
            Ok(())
        } else {
            Err(crate::Error::invalid(
                "visibility",
                "can be shared with the people you manage only for your life story and values",
            ))
        }
    }

    /// Every kind, in the order the plan page shows them.
    pub const ALL: [Kind; 12] = [
        Kind::LifeChapter,
        Kind::Value,
        Kind::SameWorkCheck,
        Kind::Career,
        Kind::Dream,
        Kind::Competency,
        Kind::GrowPlan,
        Kind::Action,
        Kind::WeeklySkill,
        Kind::Goal,
        Kind::Mentor,
        Kind::JournalEntry,
    ];

    /// The name in URLs and storage.
    pub fn key(self) -> &'static str {
        match self {
            Kind::JournalEntry => "journal",
            Kind::LifeChapter => "life-story",
            Kind::Value => "values",
            Kind::SameWorkCheck => "same-work",
            Kind::Career => "careers",
            Kind::Dream => "dreams",
            Kind::Competency => "competencies",
            Kind::GrowPlan => "grow",
            Kind::Action => "actions",
            Kind::WeeklySkill => "weekly-skill",
            Kind::Goal => "goals",
            Kind::Mentor => "mentors",
        }
    }

    pub fn parse(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The heading of its page.
    pub fn title(self) -> &'static str {
        match self {
            Kind::JournalEntry => "Love it / loathe it journal",
            Kind::LifeChapter => "Life story",
            Kind::Value => "Values",
            Kind::SameWorkCheck => "Same work in one or five years?",
            Kind::Career => "Careers explored",
            Kind::Dream => "Dreams",
            Kind::Competency => "Competencies",
            Kind::GrowPlan => "GROW plans",
            Kind::Action => "Career action plan",
            Kind::WeeklySkill => "Weekly practice skill",
            Kind::Goal => "Six-month goals",
            Kind::Mentor => "Career mentors",
        }
    }

    /// What the kind is for, in a sentence or two.
    pub fn intro(self) -> &'static str {
        match self {
            Kind::JournalEntry => "Note what you loved and what you loathed, as it happens. Over weeks the pattern shows what energises you and what drains you.",
            Kind::LifeChapter => "Tell your story in chapters, from early on to today, and mark the turning points. The values you distil from it guide the rest of the plan.",
            Kind::Value => "Distil three to five values from your story: what you need in your work to be at your best.",
            Kind::SameWorkCheck => "A quick check: would you be content doing exactly what you do today, a year from now? Five years from now? A no is a good place to start dreaming.",
            Kind::Dream => "Roles you could see yourself in at the height of your career. Keep up to three active; cross out the ones you have ruled out.",
            Kind::Career => "Careers you looked at in the catalogue and crossed out, or kept in mind. Cross out liberally: what is left is where the dreams come from.",
            Kind::Competency => "What a dream asks of you, up to 10 per dream. Rate yourself from 1 to 5 now and again; pick the few to focus on now. Invite your manager's view on any of them if you wish.",
            Kind::GrowPlan => "For a dream: the goal, where you are, your options, and what you will do.",
            Kind::Action => "What you will do over the next six months or so, by pillar. Where your manager can help, say how.",
            Kind::WeeklySkill => "One small skill to practise every week. Tick off each week you practised it.",
            Kind::Goal => "Goals for the next six months. At the next six-month conversation, each gets an outcome.",
            Kind::Mentor => "People to learn from, inside or outside the company, outside your reporting line.",
        }
    }

    /// The one-item name, for buttons ("Add a dream").
    pub fn singular(self) -> &'static str {
        match self {
            Kind::JournalEntry => "journal entry",
            Kind::LifeChapter => "chapter",
            Kind::Value => "value",
            Kind::SameWorkCheck => "answer",
            Kind::Career => "career",
            Kind::Dream => "dream",
            Kind::Competency => "competency",
            Kind::GrowPlan => "GROW plan",
            Kind::Action => "action",
            Kind::WeeklySkill => "weekly skill",
            Kind::Goal => "goal",
            Kind::Mentor => "mentor",
        }
    }

    /// The singular with its article: "an action", "a GROW plan".
    pub fn a_singular(self) -> String {
        crate::names::with_article(self.singular())
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::JournalEntry => JOURNAL,
            Kind::LifeChapter => CHAPTER,
            Kind::Value => VALUE,
            Kind::SameWorkCheck => SAME_WORK,
            Kind::Career => CAREER,
            Kind::Dream => DREAM,
            Kind::Competency => COMPETENCY,
            Kind::GrowPlan => GROW,
            Kind::Action => ACTION,
            Kind::WeeklySkill => WEEKLY_SKILL,
            Kind::Goal => GOAL,
            Kind::Mentor => MENTOR,
        }
    }

    /// The statuses an item moves through; the first is where it starts.
    pub fn statuses(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Kind::Dream => &[("active", "Active"), ("crossed-out", "Crossed out")],
            Kind::Career => &[("crossed-out", "Crossed out"), ("kept", "Kept in mind")],
            Kind::Competency => &[
                ("listed", "Not sorted yet"),
                ("focus", "Focus now"),
                ("strength", "A strength already"),
                ("not-now", "Not important now"),
            ],
            Kind::Action => &[("open", "To do"), ("done", "Done")],
            Kind::WeeklySkill => &[("active", "Practising"), ("finished", "Finished")],
            Kind::Goal => &[
                ("open", "Open"),
                ("achieved", "Achieved"),
                ("carried-over", "Carried over"),
                ("redefined", "Redefined"),
                ("dropped", "Dropped"),
            ],
            _ => &[("active", "Active")],
        }
    }

    /// The status a new item starts in.
    pub fn first_status(self) -> &'static str {
        self.statuses()[0].0
    }

    /// The kind an item may hang under (a GROW plan under a dream, an action under a plan).
    pub fn parent(self) -> Option<Kind> {
        match self {
            Kind::GrowPlan => Some(Kind::Dream),
            Kind::Action => Some(Kind::GrowPlan),
            Kind::Competency => Some(Kind::Dream),
            _ => None,
        }
    }

    /// How many items may be in the first status at once.
    pub fn limit(self) -> Option<Limit> {
        match self {
            Kind::Value => Some(Limit {
                max: 5,
                message:
                    "You can keep at most 5 values. Distil them to the ones that matter most, or remove one first.",
            }),
            Kind::Dream => Some(Limit {
                max: 3,
                message: "You can have at most 3 active dreams. Cross one out, or remove it, before adding another.",
            }),
            Kind::WeeklySkill => Some(Limit {
                max: 1,
                message: "You practise one skill at a time. Mark the current one finished before starting another.",
            }),
            _ => None,
        }
    }

    /// How many items may hang under one parent (or under none), whatever their status.
    pub fn per_parent_limit(self) -> Option<Limit> {
        match self {
            Kind::Competency => Some(Limit {
                max: 10,
                message:
                    "A dream can have at most 10 competencies. Keep the ones that matter most, or remove one first.",
            }),
            _ => None,
        }
    }

    /// The field whose date orders the items (newest first), if any.
    pub fn date_field(self) -> Option<&'static str> {
        match self {
            Kind::JournalEntry => Some("on"),
            Kind::Action | Kind::Goal => Some("due"),
            _ => None,
        }
    }
}
