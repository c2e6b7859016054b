//! The fields of each kind of artefact, as data: names, labels, hints, types, and the options
//! of the choice fields. The wording is Trellis's own.

use super::{FieldSpec, FieldType};

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

pub(super) const JOURNAL: &[FieldSpec] = &[
    field("activity", "What did you do?", FieldType::Line, true),
    field("feeling", "How did it feel?", FieldType::Choice(FEELINGS), true),
    field("on", "When", FieldType::Date, true),
    hinted("tags", "Tags", "Comma-separated, e.g. writing, customers", FieldType::Tags, false),
];
pub(super) const CHAPTER: &[FieldSpec] = &[
    field("title", "Chapter", FieldType::Line, true),
    hinted("period", "When", "e.g. 2012–2016, or school years", FieldType::Line, false),
    field("story", "What happened, and what did it teach you?", FieldType::Text, false),
    field("pivot", "Was it a turning point?", FieldType::Choice(YES_NO), true),
];
pub(super) const VALUE: &[FieldSpec] = &[
    hinted("name", "Value", "One or two words, e.g. autonomy", FieldType::Line, true),
    field("meaning", "What it means to you", FieldType::Text, false),
];
pub(super) const SAME_WORK: &[FieldSpec] = &[
    field("horizon", "Looking ahead", FieldType::Choice(HORIZONS), true),
    field("answer", "Would you be happy doing exactly the work you do today?", FieldType::Choice(YES_NO), true),
    field("why", "Why, or why not?", FieldType::Text, false),
];
pub(super) const DREAM: &[FieldSpec] = &[
    field("role", "The role", FieldType::Line, true),
    hinted("organisation", "Kind of organisation", "e.g. a small non-profit, a research lab", FieldType::Line, false),
    field("why", "Why it appeals to you", FieldType::Text, false),
    hinted("values", "Values it serves", "Comma-separated, from your values", FieldType::Tags, false),
    hinted(
        "occupation",
        "Closest career in the catalogue",
        "Filled in when you start a dream from the catalogue; suggests competencies",
        FieldType::Occupation,
        false,
    ),
];
pub(super) const GROW: &[FieldSpec] = &[
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
pub(super) const ACTION: &[FieldSpec] = &[
    field("what", "Action", FieldType::Line, true),
    field("pillar", "Pillar", FieldType::Choice(PILLARS), true),
    field("mode", "Help from your manager", FieldType::Choice(MODES), false),
    field("owner", "Who does it", FieldType::Choice(OWNERS), true),
    field("due", "By when", FieldType::Date, false),
];
pub(super) const WEEKLY_SKILL: &[FieldSpec] = &[
    hinted(
        "skill",
        "Skill to practise every week",
        "e.g. ask one open question in every meeting",
        FieldType::Line,
        true,
    ),
    field("started", "Started", FieldType::Date, false),
];
pub(super) const GOAL: &[FieldSpec] = &[
    field("goal", "Goal for the next six months", FieldType::Line, true),
    hinted("actions", "Action items", "One per line", FieldType::Text, false),
    field("due", "Review by", FieldType::Date, false),
    hinted("outcome_note", "About the outcome", "Filled in at the next six-month conversation", FieldType::Text, false),
];
pub(super) const MENTOR: &[FieldSpec] = &[
    field("name", "Who", FieldType::Line, true),
    field("where", "Where they are", FieldType::Choice(WHERE), true),
    field("learn", "What you want to learn from them", FieldType::Text, false),
];

const LEVELS: &[(&str, &str)] = &[
    ("1", "1: just starting"),
    ("2", "2: learning, with help"),
    ("3", "3: capable on my own"),
    ("4", "4: strong, others ask me"),
    ("5", "5: among the best I know"),
];
const NO_YES: &[(&str, &str)] =
    &[("no", "No, keep it to my own ratings"), ("yes", "Yes, invite my manager's observations")];

pub(super) const CAREER: &[FieldSpec] = &[
    field("title", "Career", FieldType::Line, true),
    hinted("occupation", "Catalogue entry", "Set when crossed out from the catalogue", FieldType::Occupation, false),
    field("why", "Why it is out, or still in", FieldType::Text, false),
];
pub(super) const COMPETENCY: &[FieldSpec] = &[
    hinted(
        "name",
        "Competency",
        "From the library, or in your own words",
        FieldType::LineFrom("competency-library"),
        true,
    ),
    field("wanted", "The level you want to reach", FieldType::Choice(LEVELS), true),
    field("why", "Why it matters for the dream", FieldType::Text, false),
    field("invite", "Your manager's view", FieldType::Choice(NO_YES), true),
];

/// The labels of the levels 1–5 a competency is rated on.
pub const LEVEL_LABELS: &[(&str, &str)] = LEVELS;
