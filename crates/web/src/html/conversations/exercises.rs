//! What a conversation step works on, beside its prompts: links to the exercises it uses in
//! the person's plan, and, for a step that reviews goals, the person's goals with the outcome
//! each gets at this conversation (recorded by the person; the manager sees the shared ones).

use trellis_core::artefact::Kind;
use trellis_store::{Artefact, ArtefactHistory, ConversationView, LogEntry};

/// A link to where an exercise is done.
pub struct ExerciseLink {
    pub label: &'static str,
    pub href: String,
}

/// A goal under review.
pub struct GoalView {
    pub artefact: Artefact,
    pub headline: String,
    /// The outcome recorded at this conversation, if any, with its note.
    pub decided_here: Option<LogEntry>,
    /// Outcomes recorded earlier (at other conversations or on the plan page).
    pub earlier: Vec<LogEntry>,
}

impl GoalView {
    /// The label of a logged status.
    pub fn outcome_label(&self, entry: &LogEntry) -> &'static str {
        Kind::Goal.statuses().iter().find(|(key, _)| *key == entry.value).map_or("", |(_, label)| label)
    }
}

/// The extras of one conversation page.
#[derive(Default)]
pub struct StepExtras {
    pub exercises: Vec<ExerciseLink>,
    /// Present when the step reviews goals.
    pub goals: Option<Vec<GoalView>>,
}

impl StepExtras {
    /// The outcomes a goal can get (every status but "open").
    pub fn outcomes(&self) -> &'static [(&'static str, &'static str)] {
        &Kind::Goal.statuses()[1..]
    }
}

/// The extras of the conversation's step; `goals` are the goals read for a step that reviews
/// them, with their history.
pub fn step_extras(view: &ConversationView, goals: Option<(Vec<Artefact>, ArtefactHistory)>) -> StepExtras {
    let Some(step) = view.step() else {
        return StepExtras::default();
    };
    let person = &view.conversation.person_id;
    let mut exercises: Vec<ExerciseLink> = Vec::new();
    for kind in step.exercises.iter().map(|e| e.plan_kind()) {
        if !exercises.iter().any(|link| link.label == kind.title()) {
            exercises.push(ExerciseLink { label: kind.title(), href: format!("/people/{person}/plan/{}", kind.key()) });
        }
    }
    let here = Some(&view.conversation.id);
    let goals = goals.map(|(items, mut history)| {
        items
            .into_iter()
            .map(|artefact| {
                let entries = history.remove(&artefact.id).unwrap_or_default();
                let (mine, earlier): (Vec<LogEntry>, Vec<LogEntry>) =
                    entries.into_iter().partition(|e| e.conversation_id.as_ref() == here);
                GoalView {
                    headline: artefact.field("goal").to_string(),
                    decided_here: mine.into_iter().last(),
                    earlier,
                    artefact,
                }
            })
            .collect()
    });
    StepExtras { exercises, goals }
}
