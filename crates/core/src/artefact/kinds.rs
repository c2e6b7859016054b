//! Each kind of artefact as data: its name, its help text, its fields, its statuses and its
//! limit. The wording is Trellis's own.

use super::{FieldSpec, FieldType, Limit};
use serde::Serialize;

/// A kind of artefact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    JournalEntry,
    LifeChapter,
    Value,
    SameWorkCheck,
    Dream,
    GrowPlan,
    Action,
    WeeklySkill,
    Goal,
    Mentor,
}

const FEELINGS: &[(&str, &str)] = &[("love", "Loved it"), ("loathe", "Loathed it")];
const YES_NO: &[(&str, &str)] = &[("yes", "Yes"), ("no", "No")];
const HORIZONS: &[(&str, &str)] = &[("one-year", "In one year"), ("five-years", "In five years")];
const PILLARS: &[(&str, &str)] = &[
    ("training", "Training and learning"),
    ("networking", "Networking"),
    ("current-role", "Changes within my current role"),
    ("next-job", "My next job"),
];
const MODES: &[(&str, &str)] = &[
    ("", "No help needed from my manager"),
    ("shadowing", "Shadowing: let me watch the work"),
    ("training", "Training: find me a course or a teacher"),
    ("experience", "Experience: give me the work itself"),
];
const OWNERS: &[(&str, &str)] = &[("me", "Me"), ("manager", "My manager"), ("other", "Someone else")];
const WHERE: &[(&str, &str)] = &[("inside", "Inside the company"), ("outside", "Outside the company")];

const fn field(name: &'static str, label: &'static str, ty: FieldType, required: bool) -> FieldSpec {
    FieldSpec { name, label, hint: "", ty, required }
}

const fn hinted(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    ty: FieldType,
    required: bool,
) -> FieldSpec {
    FieldSpec { name, label, hint, ty, required }
}

const JOURNAL: &[FieldSpec] = &[
    field("activity", "What did you do?", FieldType::Line, true),
    field("feeling", "How did it feel?", FieldType::Choice(FEELINGS), true),
    field("on", "When", FieldType::Date, true),
    hinted("tags", "Tags", "Comma-separated, e.g. writing, customers", FieldType::Tags, false),
];
const CHAPTER: &[FieldSpec] = &[
    field("title", "Chapter", FieldType::Line, true),
    hinted("period", "When", "e.g. 2012–2016, or school years", FieldType::Line, false),
    field("story", "What happened, and what did it teach you?", FieldType::Text, false),
    field("pivot", "Was it a turning point?", FieldType::Choice(YES_NO), true),
];
const VALUE: &[FieldSpec] = &[
    hinted("name", "Value", "One or two words, e.g. autonomy", FieldType::Line, true),
    field("meaning", "What it means to you", FieldType::Text, false),
];
const SAME_WORK: &[FieldSpec] = &[
    field("horizon", "Looking ahead", FieldType::Choice(HORIZONS), true),
    field("answer", "Would you be happy doing exactly the work you do today?", FieldType::Choice(YES_NO), true),
    field("why", "Why, or why not?", FieldType::Text, false),
];
const DREAM: &[FieldSpec] = &[
    field("role", "The role", FieldType::Line, true),
    hinted("organisation", "Kind of organisation", "e.g. a small non-profit, a research lab", FieldType::Line, false),
    field("why", "Why it appeals to you", FieldType::Text, false),
    hinted("values", "Values it serves", "Comma-separated, from your values", FieldType::Tags, false),
    hinted("occupation", "Closest occupation", "From the careers catalogue, if one fits", FieldType::Line, false),
];
const GROW: &[FieldSpec] = &[
    field("goal", "Goal: what do you want?", FieldType::Text, true),
    field("reality", "Reality: where are you now?", FieldType::Text, false),
    field("options", "Options: what could you do?", FieldType::Text, false),
    hinted(
        "will",
        "Will: what will you do?",
        "List the actions below, each with an owner and a date",
        FieldType::Text,
        false,
    ),
];
const ACTION: &[FieldSpec] = &[
    field("what", "Action", FieldType::Line, true),
    field("pillar", "Pillar", FieldType::Choice(PILLARS), true),
    field("mode", "Help from your manager", FieldType::Choice(MODES), false),
    field("owner", "Who does it", FieldType::Choice(OWNERS), true),
    field("due", "By when", FieldType::Date, false),
];
const WEEKLY_SKILL: &[FieldSpec] = &[
    hinted(
        "skill",
        "Skill to practise every week",
        "e.g. ask one open question in every meeting",
        FieldType::Line,
        true,
    ),
    field("started", "Started", FieldType::Date, false),
];
const GOAL: &[FieldSpec] = &[
    field("goal", "Goal for the next six months", FieldType::Line, true),
    hinted("actions", "Action items", "One per line", FieldType::Text, false),
    field("due", "Review by", FieldType::Date, false),
    hinted("outcome_note", "About the outcome", "Filled in at the next six-month conversation", FieldType::Text, false),
];
const MENTOR: &[FieldSpec] = &[
    field("name", "Who", FieldType::Line, true),
    field("where", "Where they are", FieldType::Choice(WHERE), true),
    field("learn", "What you want to learn from them", FieldType::Text, false),
];

impl Kind {
    /// Every kind, in the order the plan page shows them.
    pub const ALL: [Kind; 10] = [
        Kind::LifeChapter,
        Kind::Value,
        Kind::SameWorkCheck,
        Kind::Dream,
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
            Kind::Dream => "dreams",
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
            Kind::Dream => "Dreams",
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
            Kind::Dream => "dream",
            Kind::GrowPlan => "GROW plan",
            Kind::Action => "action",
            Kind::WeeklySkill => "weekly skill",
            Kind::Goal => "goal",
            Kind::Mentor => "mentor",
        }
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::JournalEntry => JOURNAL,
            Kind::LifeChapter => CHAPTER,
            Kind::Value => VALUE,
            Kind::SameWorkCheck => SAME_WORK,
            Kind::Dream => DREAM,
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

    /// The field whose date orders the items (newest first), if any.
    pub fn date_field(self) -> Option<&'static str> {
        match self {
            Kind::JournalEntry => Some("on"),
            Kind::Action | Kind::Goal => Some("due"),
            _ => None,
        }
    }
}
