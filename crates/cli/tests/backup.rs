//! `trellis backup` against a serving Trellis, and `trellis restore` into a database that has
//! never seen Trellis, on both engines: the restored database serves the same people, and a
//! second restore over it is refused without `--force`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};
use trellis_core::policy::Visibility;
use trellis_testkit::served::Served;
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, Engine, TestDb};

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trellis"))
}

fn trellis(args: &[&str]) -> Output {
    Command::new(binary()).args(args).env_remove("TRELLIS_DATABASE_URL").output().expect("trellis runs")
}

fn said(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

both_engines! {
    async fn a_backup_of_a_serving_trellis_restores_into_an_empty_database_that_serves_the_same(db) {
        let team = import_team_with_passwords(&db.store).await;
        let ana = team.actor("Ana");
        db.store.add_note(&ana, &ana.id, Visibility::Private, "Backed-up note 3e1f").await.unwrap();
        let served = Served::start(binary(), &db.url, &[], &[]);
        assert_eq!(served.visitor().get("/sign-in").await.status, 200);

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trellis.backup");
        let file_arg = file.to_str().unwrap();
        let backed_up = trellis(&["backup", "--database-url", &db.url, "--to", file_arg]);
        assert!(backed_up.status.success(), "{}", said(&backed_up));
        assert!(said(&backed_up).contains("read back and checked"), "{}", said(&backed_up));
        drop(served);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let checked = trellis(&["check-backup", file_arg]);
        assert!(checked.status.success() && said(&checked).contains("is a complete backup"), "{}", said(&checked));

        let target = TestDb::unmigrated(if db.url.starts_with("sqlite") { Engine::Sqlite } else { Engine::Postgres }).await;
        let restored = trellis(&["restore", "--database-url", &target.url, "--from", file_arg]);
        assert!(restored.status.success(), "{}", said(&restored));
        assert!(said(&restored).starts_with("Restored "), "{}", said(&restored));
        let again = trellis(&["restore", "--database-url", &target.url, "--from", file_arg]);
        assert!(!again.status.success());
        assert!(said(&again).contains("already holds 7 people") && said(&again).contains("--force"), "{}", said(&again));

        let copy = Served::start(binary(), &target.url, &[], &[]);
        let visitor = copy.visitor();
        assert_eq!(visitor.sign_in(&email("Ana"), TEAM_PASSWORD).await.status, 303);
        let space = visitor.get(&format!("/people/{}/space", team.id("Ana"))).await;
        assert!(space.has("Backed-up note 3e1f"), "{}", space.body);
        drop(copy);
        target.cleanup().await;
    }
}

#[test]
fn a_backup_of_a_folder_without_trellis_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let output = trellis(&["backup", "--data-dir", dir.path().to_str().unwrap(), "--to", "/tmp/never.backup"]);
    assert!(!output.status.success());
    assert!(said(&output).contains("holds no Trellis data"), "{}", said(&output));
}
