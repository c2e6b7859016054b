//! Typed identifiers. Every id is a UUID stored as lower-case text, so the same value works on
//! SQLite and PostgreSQL and one kind of id can never be passed where another is expected.
//! New ids are version 7 UUIDs: time-ordered, so bulk inserts append to indexes instead of
//! scattering writes across them. Secrets (sessions, tokens, links) never use ids.

use crate::Error;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new id: a time-ordered UUID (version 7), so that rows created together sit
            /// together in the database's indexes.
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// Parses untrusted text (a URL segment, a form field) into an id.
            pub fn parse(raw: &str) -> Result<Self, Error> {
                uuid::Uuid::parse_str(raw.trim())
                    .map(|uuid| Self(uuid.to_string()))
                    .map_err(|_| Error::NotFound(format!("no such {}", stringify!($name))))
            }

            /// Wraps a value read back from the database, which only ever holds valid ids.
            pub fn from_stored(value: String) -> Self {
                Self(value)
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a person in the roster (and, once they can sign in, their account).
    PersonId
);
id_type!(
    /// Identifies a note in a person's career space.
    NoteId
);
id_type!(
    /// Identifies a conversation (one step of a playbook run).
    ConversationId
);
id_type!(
    /// Identifies a career artefact (a journal entry, a dream, a goal…).
    ArtefactId
);
id_type!(
    /// Identifies a personal API token.
    TokenId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_normalises_case_and_rejects_garbage() {
        let id = PersonId::parse(" 6F9619FF-8B86-D011-B42D-00C04FC964FF ").unwrap();
        assert_eq!(id.as_str(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assert!(PersonId::parse("'; DROP TABLE people; --").is_err());
    }

    #[test]
    fn generated_ids_are_distinct() {
        assert_ne!(PersonId::generate(), PersonId::generate());
    }
}
