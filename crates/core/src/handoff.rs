//! A change of manager, with the person's consent. When someone gets a new manager, what they
//! had shared before the change is held back from everyone but themselves (the new manager,
//! the managers above) until they decide what travels: nothing, everything that was shared,
//! or a selection by topic. What is written after the change is not held. The access policy
//! asks `Hold::lets_through` for every item.

use crate::artefact::Kind;
use serde::Serialize;

/// What an item is about, as the person chooses what travels to a new manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Topic {
    /// An artefact of the plan, by kind.
    Plan(Kind),
    /// Conversations with the manager, their prep answers and the notes written in them.
    Conversations,
    /// Notes in the career space.
    Notes,
    /// The topics the person does not want to discuss.
    Boundaries,
}

impl Topic {
    /// Every topic, in the order the consent form lists them.
    pub fn all() -> Vec<Topic> {
        let mut all: Vec<Topic> = Kind::ALL.into_iter().map(Topic::Plan).collect();
        all.extend([Topic::Conversations, Topic::Notes, Topic::Boundaries]);
        all
    }

    /// The stored and submitted name.
    pub fn key(self) -> &'static str {
        match self {
            Topic::Plan(kind) => kind.key(),
            Topic::Conversations => "conversations",
            Topic::Notes => "notes",
            Topic::Boundaries => "boundaries",
        }
    }

    /// Parses a stored or submitted name.
    pub fn parse(key: &str) -> Option<Topic> {
        Topic::all().into_iter().find(|topic| topic.key() == key)
    }

    /// How the consent form names it.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Plan(kind) => kind.title(),
            Topic::Conversations => "Conversations, their prep answers and shared notes",
            Topic::Notes => "Notes in your space",
            Topic::Boundaries => "Off-limits topics",
        }
    }
}

/// What the person decided travels to the new manager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Carried {
    /// Not decided yet: nothing travels meanwhile.
    Pending,
    /// Start fresh.
    Nothing,
    /// Everything that was shared.
    Everything,
    /// What was shared on these topics.
    Topics(Vec<Topic>),
}

impl Carried {
    /// The stored form: a choice and a comma-separated list of topics.
    pub fn to_stored(&self) -> (&'static str, String) {
        match self {
            Carried::Pending => ("pending", String::new()),
            Carried::Nothing => ("nothing", String::new()),
            Carried::Everything => ("everything", String::new()),
            Carried::Topics(topics) => ("topics", topics.iter().map(|t| t.key()).collect::<Vec<_>>().join(",")),
        }
    }

    /// Reads the stored form; anything unknown holds everything back.
    pub fn from_stored(choice: &str, topics: &str) -> Self {
        match choice {
            "nothing" => Carried::Nothing,
            "everything" => Carried::Everything,
            "topics" => Carried::Topics(topics.split(',').filter_map(Topic::parse).collect()),
            _ => Carried::Pending,
        }
    }

    /// Whether what was shared on `topic` travels.
    pub fn includes(&self, topic: Topic) -> bool {
        match self {
            Carried::Pending | Carried::Nothing => false,
            Carried::Everything => true,
            Carried::Topics(topics) => topics.contains(&topic),
        }
    }
}

/// The hold a change of manager puts on what was written before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    /// When the manager changed (milliseconds).
    pub since: i64,
    pub carried: Carried,
}

impl Hold {
    /// Whether an item on `topic` written at `written_at` may reach anyone but the person.
    /// Written in the very millisecond of the change counts as before it.
    pub fn lets_through(&self, topic: Topic, written_at: i64) -> bool {
        written_at > self.since || self.carried.includes(topic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_written_before_the_change_travels_only_as_decided() {
        let before = 100;
        let after = 300;
        let hold = |carried| Hold { since: 200, carried };
        for carried in [Carried::Pending, Carried::Nothing] {
            assert!(!hold(carried.clone()).lets_through(Topic::Plan(Kind::Goal), before));
            assert!(hold(carried).lets_through(Topic::Plan(Kind::Goal), after), "what comes after is theirs");
        }
        let goals_only = hold(Carried::Topics(vec![Topic::Plan(Kind::Goal), Topic::Plan(Kind::Action)]));
        assert!(goals_only.lets_through(Topic::Plan(Kind::Goal), before));
        assert!(!goals_only.lets_through(Topic::Plan(Kind::LifeChapter), before));
        assert!(!goals_only.lets_through(Topic::Conversations, before));
        assert!(hold(Carried::Everything).lets_through(Topic::Boundaries, before));
    }

    #[test]
    fn the_stored_choice_reads_back_and_anything_unknown_holds_back() {
        for carried in [
            Carried::Pending,
            Carried::Nothing,
            Carried::Everything,
            Carried::Topics(vec![Topic::Plan(Kind::Goal), Topic::Notes]),
        ] {
            let (choice, topics) = carried.to_stored();
            assert_eq!(Carried::from_stored(choice, &topics), carried);
        }
        assert_eq!(Carried::from_stored("everything please", ""), Carried::Pending);
        assert_eq!(Carried::from_stored("topics", "goals,bogus"), Carried::Topics(vec![Topic::Plan(Kind::Goal)]));
        assert_eq!(Topic::all().len(), Kind::ALL.len() + 3);
        assert!(Topic::all().into_iter().all(|t| Topic::parse(t.key()) == Some(t)));
    }
}
