//! The documents of a conversation and of a person's space that are written in place rather than
//! added to a list: the notes both sides keep together, each side's private note, the person's
//! prep answers and their boundaries. Each is one text with a revision number, so that a save
//! made from an old revision is caught instead of overwriting someone else's words.

use crate::ids::{ConversationId, PersonId};
use crate::policy::{Editing, Visibility};

/// The longest document accepted, in characters.
pub const MAX_DOCUMENT_CHARS: usize = 50_000;

/// Which document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Notes the person and the manager keep together during the conversation.
    SharedNotes,
    /// A side's own notes, for their eyes only.
    PrivateNotes,
    /// The person's answer to one prompt, written before the conversation ("group.prompt").
    Prep(String),
    /// Topics the person does not want to discuss; always shown to their current manager.
    Boundaries,
}

impl Slot {
    /// The unique key of the document within the person's space.
    pub fn key(&self, conversation: Option<&ConversationId>, author: &PersonId) -> String {
        let conversation = conversation.map_or("", ConversationId::as_str);
        match self {
            Slot::SharedNotes => format!("c:{conversation}:shared"),
            Slot::PrivateNotes => format!("c:{conversation}:private:{author}"),
            Slot::Prep(prompt) => format!("c:{conversation}:prep:{prompt}"),
            Slot::Boundaries => "boundaries".to_string(),
        }
    }

    /// The name a form uses for the slot: "shared", "private" or "prep:GROUP.PROMPT".
    pub fn form_name(&self) -> String {
        match self {
            Slot::SharedNotes => "shared".into(),
            Slot::PrivateNotes => "private".into(),
            Slot::Prep(prompt) => format!("prep:{prompt}"),
            Slot::Boundaries => "boundaries".into(),
        }
    }

    /// Reads the name a form uses; `None` for anything else.
    pub fn from_form_name(raw: &str) -> Option<Slot> {
        match raw {
            "shared" => Some(Slot::SharedNotes),
            "private" => Some(Slot::PrivateNotes),
            "boundaries" => Some(Slot::Boundaries),
            _ => {
                let prompt = raw.strip_prefix("prep:")?;
                let (group, index) = prompt.split_once('.')?;
                let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                (numeric(group) && numeric(index)).then(|| Slot::Prep(prompt.to_string()))
            }
        }
    }

    /// The slot a stored key names (the inverse of `key`).
    pub fn from_key(key: &str) -> Option<Slot> {
        if key == "boundaries" {
            return Some(Slot::Boundaries);
        }
        let rest = key.strip_prefix("c:")?;
        let (_conversation, slot) = rest.split_once(':')?;
        match slot.split_once(':') {
            None if slot == "shared" => Some(Slot::SharedNotes),
            Some(("private", _)) => Some(Slot::PrivateNotes),
            Some(("prep", prompt)) => Some(Slot::Prep(prompt.to_string())),
            _ => None,
        }
    }

    /// Who may change it besides the author.
    pub fn editing(&self) -> Editing {
        match self {
            Slot::SharedNotes => Editing::Together,
            Slot::PrivateNotes | Slot::Prep(_) | Slot::Boundaries => Editing::AuthorOnly,
        }
    }

    /// The visibility the document always has, or `None` where its author chooses (prep
    /// answers: private until the person shares them).
    pub fn fixed_visibility(&self) -> Option<Visibility> {
        match self {
            Slot::SharedNotes | Slot::Boundaries => Some(Visibility::Shared),
            Slot::PrivateNotes => Some(Visibility::Private),
            Slot::Prep(_) => None,
        }
    }

    /// Whether only the person (never the manager) writes it.
    pub fn written_by_the_person(&self) -> bool {
        matches!(self, Slot::Prep(_) | Slot::Boundaries)
    }
}

/// Checks a document's text: it may be empty (a cleared note), but not too long and without NUL
/// characters, which no database text column can hold.
pub fn check_document_body(body: &str) -> crate::Result<()> {
    if body.chars().count() > MAX_DOCUMENT_CHARS {
        return Err(crate::Error::invalid("body", format!("is longer than {MAX_DOCUMENT_CHARS} characters")));
    }
    if body.contains('\0') {
        return Err(crate::Error::invalid("body", "contains a NUL character"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_has_its_own_private_notes_and_prep_is_per_prompt() {
        let conversation = ConversationId::generate();
        let (ana, lena) = (PersonId::generate(), PersonId::generate());
        let c = Some(&conversation);
        assert_ne!(Slot::PrivateNotes.key(c, &ana), Slot::PrivateNotes.key(c, &lena));
        assert_eq!(Slot::SharedNotes.key(c, &ana), Slot::SharedNotes.key(c, &lena));
        assert_ne!(Slot::Prep("0.1".into()).key(c, &ana), Slot::Prep("0.2".into()).key(c, &ana));
        assert!(Slot::Boundaries.written_by_the_person());
        for slot in [Slot::SharedNotes, Slot::PrivateNotes, Slot::Prep("1.2".into()), Slot::Boundaries] {
            assert_eq!(Slot::from_key(&slot.key(c, &ana)), Some(slot));
        }
        assert_eq!(Slot::from_key("c:x:elsewhere"), None);
        for slot in [Slot::SharedNotes, Slot::PrivateNotes, Slot::Prep("1.2".into()), Slot::Boundaries] {
            assert_eq!(Slot::from_form_name(&slot.form_name()), Some(slot));
        }
        assert_eq!(Slot::from_form_name("prep:1.x"), None);
        assert_eq!(Slot::from_form_name("prep:../../x"), None);
        assert_eq!(Slot::Boundaries.fixed_visibility(), Some(Visibility::Shared));
    }

    #[test]
    fn bodies_may_be_cleared_but_not_hold_nul() {
        assert!(check_document_body("").is_ok());
        assert!(check_document_body("a\0b").is_err());
        assert!(check_document_body(&"x".repeat(MAX_DOCUMENT_CHARS + 1)).is_err());
    }
}
