//! Every string of the Big List of Naughty Strings (shared/testdata/blns, MIT) saved as a note
//! comes back byte for byte, on SQLite and PostgreSQL; the blank ones are refused with a clear
//! message and store nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::policy::Visibility;
use trellis_testkit::team::import_team;
use trellis_testkit::{both_engines, testdata};

fn naughty_strings() -> Vec<String> {
    let text = std::fs::read_to_string(testdata("blns/blns.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

both_engines! {
    async fn every_naughty_string_round_trips_byte_for_byte(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.actor("Ana");
        let strings = naughty_strings();
        assert_eq!(strings.len(), 515);
        let mut saved = 0;
        for text in &strings {
            match store.add_note(&ana, &ana.id, Visibility::Private, text).await {
                Ok(note) => {
                    assert_eq!(note.body.as_bytes(), text.as_bytes());
                    saved += 1;
                }
                Err(error) => {
                    assert!(text.trim().is_empty(), "{text:?} was refused: {error}");
                    assert_eq!(error.field_errors()[0].message, "is empty");
                }
            }
        }
        assert_eq!(saved, 513, "all but the two blank strings");
        let mut read: Vec<String> = store.notes_for(&ana, &ana.id).await.unwrap().into_iter().map(|n| n.body).collect();
        let mut expected: Vec<String> = strings.into_iter().filter(|s| !s.trim().is_empty()).collect();
        read.sort();
        expected.sort();
        assert_eq!(read, expected, "read back exactly as written");
    }
}
