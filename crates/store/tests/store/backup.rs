//! Backups, on both engines and across them: a copy taken while someone keeps writing is the
//! database at one instant, restores row for row (into the same engine and into the other),
//! refuses to overwrite people without being told to, and a damaged file changes nothing.

use std::io::{Read, Write};
use std::path::Path;
use trellis_core::policy::Visibility;
use trellis_store::backup::check_backup;
use trellis_store::Store;
use trellis_testkit::stages::life_story_held;
use trellis_testkit::team::{import_team, Team};
use trellis_testkit::{both_engines, Engine, TestDb};

const TOGGLE: &str = "toggle";

/// Moves Ben between Lena and Vic `times` times, each move one transaction (the manager and
/// the history row together), writing a note for Ana in between.
async fn keep_writing(store: Store, team: &Team, times: usize) {
    let (ben, lena, vic) = (team.id("Ben"), team.id("Lena"), team.id("Vic"));
    for n in 0..times {
        let to = if n % 2 == 0 { &vic } else { &lena };
        store.change_manager(None, &ben, Some(to), TOGGLE).await.unwrap();
        let ana = team.actor("Ana");
        store.add_note(&ana, &ana.id, Visibility::Private, &format!("note {n}")).await.unwrap();
    }
}

/// Whether Ben's manager agrees with his history: Vic after an odd number of moves.
async fn ben_agrees_with_his_history(db: &TestDb, team: &Team) -> (i64, bool) {
    let rows = db.every_row().await;
    let ben = team.id("Ben").to_string();
    let moves = rows["manager_changes"]
        .iter()
        .filter(|r| r[1].as_deref() == Some(&ben) && r[6].as_deref() == Some(TOGGLE))
        .count();
    let people = &rows["people"];
    let manager = people.iter().find(|r| r[0].as_deref() == Some(&ben)).unwrap()[7].clone();
    let expected = if moves % 2 == 1 { team.id("Vic") } else { team.id("Lena") };
    (i64::try_from(moves).unwrap(), manager.as_deref() == Some(expected.as_ref()))
}

fn other(db: &TestDb) -> Engine {
    if db.url.starts_with("sqlite") {
        Engine::Postgres
    } else {
        Engine::Sqlite
    }
}

both_engines! {
    async fn a_backup_during_writes_is_one_instant_and_restores_every_row_on_either_engine(db) {
        let team = import_team(&db.store).await;
        life_story_held(&db.store, &team).await;
        let dir = tempfile::tempdir().unwrap();
        let during = dir.path().join("during.backup");
        let writer = tokio::spawn({
            let (store, team) = (db.store.clone(), team.clone());
            async move { keep_writing(store, &team, 150).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let summary = db.store.backup_to(&during).await.unwrap();
        writer.await.unwrap();
        assert_eq!(summary, check_backup(&during).unwrap());
        assert!(summary.rows["people"] == 7 && summary.rows["conversations"] == 3, "{:?}", summary.rows);

        for engine in [Engine::Sqlite, other(db)] {
            let restored = TestDb::unmigrated(engine).await;
            restored.store.restore_from(&during, false).await.unwrap();
            let (moves, agrees) = ben_agrees_with_his_history(&restored, &team).await;
            assert!(agrees, "the copy holds Ben's manager and history from one instant ({moves} moves)");
            assert!(moves < 150, "the backup was taken while writing ({moves} of 150 moves)");
            restored.cleanup().await;
        }

        // Once the writing is done, a backup restores to exactly the source, row for row.
        let after = dir.path().join("after.backup");
        db.store.backup_to(&after).await.unwrap();
        let source = db.every_row().await;
        assert_eq!(ben_agrees_with_his_history(db, &team).await, (150, true));
        for engine in [Engine::Sqlite, other(db)] {
            let restored = TestDb::new(engine).await;
            let summary = restored.store.restore_from(&after, false).await.unwrap();
            assert_eq!(summary.total_rows(), source.values().map(|rows| rows.len() as u64).sum::<u64>());
            assert_eq!(restored.every_row().await, source, "restored on {engine:?}");
            restored.cleanup().await;
        }
    }

    async fn a_database_with_people_is_only_replaced_when_told(db) {
        let team = import_team(&db.store).await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trellis.backup");
        db.store.backup_to(&file).await.unwrap();
        let ana = team.actor("Ana");
        db.store.add_note(&ana, &ana.id, Visibility::Private, "written after the backup").await.unwrap();
        let refused = db.store.restore_from(&file, false).await.unwrap_err();
        assert!(refused.to_string().contains("already holds 7 people") && refused.to_string().contains("--force"), "{refused}");
        assert_eq!(db.every_row().await["notes"].len(), 1, "nothing changed");
        db.store.restore_from(&file, true).await.unwrap();
        assert!(db.every_row().await["notes"].is_empty(), "the note written after the backup is gone");
        assert_eq!(db.every_row().await["people"].len(), 7);
    }

    async fn a_damaged_or_cut_backup_is_refused_and_changes_nothing(db) {
        let _team = import_team(&db.store).await;
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.backup");
        db.store.backup_to(&good).await.unwrap();
        let before = db.every_row().await;
        let text = gunzip(&good);

        let cut = dir.path().join("cut.backup");
        gzip(&cut, &text[..text.len() * 2 / 3]);
        let edited = dir.path().join("edited.backup");
        gzip(&edited, &text.replacen("Ana Ruiz", "Ann Ruiz", 1));
        let garbage = dir.path().join("garbage.backup");
        std::fs::write(&garbage, b"name,email\nAna,ana@acme.test\n").unwrap();
        for (file, words) in [(&cut, "damaged"), (&edited, "does not match its checksum"), (&garbage, "damaged")] {
            let error = db.store.restore_from(file, true).await.unwrap_err().to_string();
            assert!(error.contains(words), "{}: {error}", file.display());
            assert!(check_backup(file).is_err());
            assert_eq!(db.every_row().await, before, "{} changed nothing", file.display());
        }
    }
}

fn gunzip(path: &Path) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut text).unwrap();
    text
}

fn gzip(path: &Path, text: &str) {
    let mut out = flate2::write::GzEncoder::new(std::fs::File::create(path).unwrap(), flate2::Compression::fast());
    out.write_all(text.as_bytes()).unwrap();
    out.finish().unwrap();
}
