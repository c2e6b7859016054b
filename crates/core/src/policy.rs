//! The access policy: the one place that answers "may this actor do this to that item in this
//! person's space?". Every read and write of career content goes through `decide`; no handler
//! or query decides on its own. The rules, in short:
//!
//! - private items are for their author only, and only while the author is the person or their
//!   current manager (a former manager loses even their own private notes);
//! - shared items are for the person and their current manager;
//! - upward items are also readable by the managers above the current manager;
//! - the people team (admin), former managers, peers, reports and strangers read nothing;
//! - after a change of manager, what was written before it reaches nobody but the person
//!   until they decide what travels (`handoff`).

use crate::handoff::{Hold, Topic};
use crate::ids::PersonId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How an actor stands to the person whose space is being accessed. An actor may hold several
/// at once (an admin who is also the manager): access is the union of what each allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The person themself.
    Myself,
    /// The person's current manager.
    Manager,
    /// A manager above the current manager (skip level and up).
    ManagerChain,
    /// Someone who managed the person before and no longer does.
    FormerManager,
    /// Someone with the same manager.
    Peer,
    /// Someone the person manages.
    DirectReport,
    /// The people team: roster and settings, never content.
    Admin,
    /// None of the above.
    Stranger,
}

impl Relation {
    /// Every relation, for exhaustive tests and documentation.
    pub const ALL: [Relation; 8] = [
        Relation::Myself,
        Relation::Manager,
        Relation::ManagerChain,
        Relation::FormerManager,
        Relation::Peer,
        Relation::DirectReport,
        Relation::Admin,
        Relation::Stranger,
    ];
}

/// Who may see an item, chosen by its author. Private is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only its author.
    #[default]
    Private,
    /// The person and their current manager.
    Shared,
    /// The person, their current manager and the managers above.
    Upward,
    /// The person and the people they manage directly: a manager's own story, told to their
    /// team. Only a life story's chapters and values can have it (`artefact::check_visibility`).
    Reports,
}

impl Visibility {
    /// Every visibility.
    pub const ALL: [Visibility; 4] = [Visibility::Private, Visibility::Shared, Visibility::Upward, Visibility::Reports];

    /// The visibilities up the person's line, which any item can have.
    pub const LINE: [Visibility; 3] = [Visibility::Private, Visibility::Shared, Visibility::Upward];

    /// The stored and submitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Shared => "shared",
            Visibility::Upward => "upward",
            Visibility::Reports => "reports",
        }
    }

    /// Parses the stored or submitted name.
    pub fn parse(raw: &str) -> Option<Self> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    /// How the visibility reads to a person choosing it.
    pub fn label(self) -> &'static str {
        match self {
            Visibility::Private => "Only me",
            Visibility::Shared => "Me and my manager",
            Visibility::Upward => "Me, my manager and the managers above",
            Visibility::Reports => "Me and the people I manage",
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the actor wants to do with the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    Write,
    /// Removing an item: its author alone, and only while they may still write it. Nobody
    /// deletes what someone else wrote, not even in a note written together.
    Delete,
}

/// Who may change an item that others may read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Editing {
    /// Everyone who may read a shared item may also change it (notes written together).
    #[default]
    Together,
    /// Only the author changes it; the people it is shared with read it (prep answers,
    /// boundaries, the person's own career artefacts).
    AuthorOnly,
}

/// The facts about one item that access depends on.
#[derive(Clone, Copy, Debug)]
pub struct ItemAccess<'a> {
    pub visibility: Visibility,
    pub author: &'a PersonId,
    pub editing: Editing,
    /// What it is about and when it was written, for a hold after a change of manager. An item
    /// that does not say is held back whenever there is a hold.
    pub written: Option<(Topic, i64)>,
}

impl<'a> ItemAccess<'a> {
    /// An item that readers of a shared item may also change.
    pub fn together(visibility: Visibility, author: &'a PersonId) -> Self {
        Self { visibility, author, editing: Editing::Together, written: None }
    }

    /// An item only its author changes.
    pub fn author_only(visibility: Visibility, author: &'a PersonId) -> Self {
        Self { visibility, author, editing: Editing::AuthorOnly, written: None }
    }

    /// The same item, saying what it is about and when it was written (milliseconds).
    pub fn written(self, topic: Topic, at: i64) -> Self {
        Self { written: Some((topic, at)), ..self }
    }
}

/// The set of relations an actor holds to a person, and the hold a change of the person's
/// manager puts on what was written before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Relations {
    list: Vec<Relation>,
    hold: Option<Hold>,
}

impl Relations {
    /// From a list; duplicates are harmless.
    pub fn new(relations: impl IntoIterator<Item = Relation>) -> Self {
        let mut list: Vec<Relation> = relations.into_iter().collect();
        if list.is_empty() {
            list.push(Relation::Stranger);
        }
        Self { list, hold: None }
    }

    /// The same relations under the hold of a change of manager.
    pub fn with_hold(self, hold: Option<Hold>) -> Self {
        Self { hold, ..self }
    }

    /// The hold of the latest change of manager, if any.
    pub fn hold(&self) -> Option<&Hold> {
        self.hold.as_ref()
    }

    /// Whether the actor holds `relation`.
    pub fn has(&self, relation: Relation) -> bool {
        self.list.contains(&relation)
    }

    /// The relations held.
    pub fn iter(&self) -> impl Iterator<Item = Relation> + '_ {
        self.list.iter().copied()
    }
}

/// The answer of the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

impl Decision {
    /// Whether access was granted.
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// Decides whether `actor`, holding `relations` to the space's person, may perform `action` on
/// `item`. The union of what each relation allows; under a hold, what someone else wrote before
/// the change of manager reaches only the person until they let it travel.
pub fn decide(actor: &PersonId, relations: &Relations, item: ItemAccess<'_>, action: Action) -> Decision {
    let held = |relation: Relation| {
        relation != Relation::Myself
            && item.author != actor
            && relations.hold().is_some_and(|hold| {
                !item.written.is_some_and(|(topic, written_at)| hold.lets_through(topic, written_at))
            })
    };
    let allowed = relations.iter().any(|relation| !held(relation) && allows(relation, actor, item, action));
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

fn allows(relation: Relation, actor: &PersonId, item: ItemAccess<'_>, action: Action) -> bool {
    let authored = item.author == actor;
    if action == Action::Delete {
        return authored && allows(relation, actor, item, Action::Write);
    }
    if action == Action::Write && item.editing == Editing::AuthorOnly && !authored {
        return false;
    }
    match (relation, item.visibility) {
        (Relation::Myself | Relation::Manager, Visibility::Private) => authored,
        (Relation::Myself, Visibility::Shared | Visibility::Upward | Visibility::Reports) => true,
        (Relation::DirectReport, Visibility::Reports) => action == Action::Read,
        (Relation::Manager | Relation::ManagerChain, Visibility::Reports) => false,
        (Relation::Manager, Visibility::Shared) => true,
        (Relation::Manager, Visibility::Upward) => action == Action::Read || authored,
        (Relation::ManagerChain, Visibility::Upward) => action == Action::Read,
        (Relation::ManagerChain, Visibility::Private | Visibility::Shared) => false,
        (
            Relation::FormerManager | Relation::Peer | Relation::DirectReport | Relation::Admin | Relation::Stranger,
            _,
        ) => false,
    }
}

/// Which visibilities an author with these relations may give a new item in the space: the
/// person chooses any; a manager writes private notes of their own or notes shared with the
/// person; nobody else writes in the space.
pub fn visibilities_for_author(relations: &Relations) -> Vec<Visibility> {
    if relations.has(Relation::Myself) {
        Visibility::LINE.to_vec()
    } else if relations.has(Relation::Manager) {
        vec![Visibility::Private, Visibility::Shared]
    } else {
        Vec::new()
    }
}

/// Whether the actor may open the person's career space at all (what they then see item by item
/// is up to `decide`): the person and the managers in their line. Everyone else, the people
/// team included, is turned away at the door.
pub fn may_open_space(relations: &Relations) -> bool {
    relations.iter().any(|r| matches!(r, Relation::Myself | Relation::Manager | Relation::ManagerChain))
}

/// Whether the actor may open the part of the person's space that can be shared with the
/// people they manage (their life story, their values): anyone who may open the space, and
/// the person's direct reports, who then see only what the person shared with them.
pub fn may_open_story(relations: &Relations) -> bool {
    may_open_space(relations) || relations.has(Relation::DirectReport)
}

/// Whether the actor is told anything about the person's boundaries (their off-limit topics):
/// the person and their current manager. Anyone else is not even told whether there are any.
pub fn may_know_boundaries(relations: &Relations) -> bool {
    relations.iter().any(|r| matches!(r, Relation::Myself | Relation::Manager))
}

/// Whether the actor may delete the person's whole career space: the person, or the people
/// team once the person has left (inactive). Nobody else, and no manager.
pub fn may_delete_space(relations: &Relations, person_active: bool) -> bool {
    relations.has(Relation::Myself) || (relations.has(Relation::Admin) && !person_active)
}

/// Whether the actor may record how the person and their new manager go on after a change of
/// manager: the two of them only (the manager before has no say).
pub fn may_agree_how_to_go_on(relations: &Relations) -> bool {
    relations.iter().any(|r| matches!(r, Relation::Myself | Relation::Manager))
}

/// Whether the actor may start a career conversation in the person's space: the person (with
/// their manager or alone) and their current manager (with the person). Nobody else, however
/// senior, proposes conversations for someone.
pub fn may_start_conversation(relations: &Relations) -> bool {
    relations.iter().any(|r| matches!(r, Relation::Myself | Relation::Manager))
}

/// Whether the actor may write what only the person writes: their plan's artefacts, their prep
/// answers and their boundaries. The person alone.
pub fn may_write_as_the_person(relations: &Relations) -> bool {
    relations.has(Relation::Myself)
}

/// Whether the actor may add an observation to one of the person's competencies: only their
/// current manager, only on a competency the manager may read, and only where the person has
/// invited it. The observation is labelled as the manager's; the ratings stay the person's.
pub fn may_observe(actor: &PersonId, relations: &Relations, item: ItemAccess<'_>, invited: bool) -> bool {
    invited
        && relations.has(Relation::Manager)
        && decide(actor, &Relations::new([Relation::Manager]).with_hold(relations.hold().cloned()), item, Action::Read)
            .is_allowed()
}

/// Whether the actor may note that one of the person's goals was reviewed in a meeting: the
/// person, or their current manager on a goal the manager may read. The review is a dated line
/// in the goal's history; the goal itself stays the person's to change.
pub fn may_note_review(actor: &PersonId, relations: &Relations, item: ItemAccess<'_>) -> bool {
    let takes_part = relations.has(Relation::Myself) || relations.has(Relation::Manager);
    takes_part && decide(actor, relations, item, Action::Read).is_allowed()
}

/// Whether the actor may count which stages of the career conversations someone has held (a
/// leader's coverage across their organisation: numbers, never content): their managers only.
/// What is counted is what the person's current manager may read.
pub fn may_count_stages(relations: &Relations) -> bool {
    relations.iter().any(|r| matches!(r, Relation::Manager | Relation::ManagerChain))
}

/// Whether the actor may change the roster, invitations and settings: the people team only.
/// (It grants no access to content: that is `decide`'s alone.)
pub fn may_manage_roster(actor_is_admin: bool) -> bool {
    actor_is_admin
}

/// Whether the actor may see a person's career level (roster data, not content): the same
/// people as their manager history.
pub fn may_see_career_level(relations: &Relations) -> bool {
    may_view_manager_history(relations)
}

/// Whether the actor may see a person's manager history (roster data, not content): the
/// person, their managers, and the people team.
pub fn may_view_manager_history(relations: &Relations) -> bool {
    relations
        .iter()
        .any(|r| matches!(r, Relation::Myself | Relation::Manager | Relation::ManagerChain | Relation::Admin))
}

/// Whether an access must be written to the person's audit trail: any access by someone else.
pub fn is_audited(actor: &PersonId, person: &PersonId) -> bool {
    actor != person
}

#[cfg(test)]
#[path = "policy_table_tests.rs"]
mod table_tests;
