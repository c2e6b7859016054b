//! Coaching tips shown to the manager on every conversation page, next to the tips of the
//! playbook's own step. They follow the GROW model (Goal, Reality, Options, Will), credited to
//! John Whitmore and colleagues, and the habit of coaching rather than directing.

/// One stage of GROW with a question a manager can ask at that stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GrowQuestion {
    pub stage: &'static str,
    pub question: &'static str,
}

/// The four GROW stages, each with an open question in our own words.
pub const GROW_QUESTIONS: [GrowQuestion; 4] = [
    GrowQuestion { stage: "Goal", question: "What would make this conversation worth your time?" },
    GrowQuestion { stage: "Reality", question: "Where do things stand today, and what have you tried so far?" },
    GrowQuestion { stage: "Options", question: "What could you do? What else, if nothing stood in the way?" },
    GrowQuestion { stage: "Will", question: "Which of these will you do, by when, and what would help?" },
];

/// Habits for every conversation, whatever the playbook.
pub const HABITS: [&str; 4] = [
    "Coach rather than direct: ask, listen, and let the person find their own answer first.",
    "Ask before you offer your own experience: \u{201c}Would it help if I told you how it went for me?\u{201d}",
    "Leave silences: people often say the important thing after a pause.",
    "Respect the topics the person has marked off-limits; do not raise them.",
];
