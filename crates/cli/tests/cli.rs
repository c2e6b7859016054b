//! Tests of the built `trellis` binary: help, configuration, migrations, users, tokens and roster
//! import on SQLite and PostgreSQL, and the start-up of `serve` and `demo`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use trellis_testkit::{both_engines, testdata};

fn trellis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(args)
        .env_remove("TRELLIS_DATABASE_URL")
        .output()
        .expect("the trellis binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_command_explains_itself_with_help() {
    for command in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["demo", "--help"],
        vec!["migrate", "--help"],
        vec!["config", "example", "--help"],
        vec!["user", "create", "--help"],
        vec!["user", "reset-password", "--help"],
        vec!["token", "create", "--help"],
        vec!["token", "list", "--help"],
        vec!["token", "revoke", "--help"],
        vec!["roster", "import", "--help"],
        vec!["backup", "--help"],
        vec!["restore", "--help"],
        vec!["check-backup", "--help"],
    ] {
        let output = trellis(&command);
        assert!(output.status.success(), "{command:?}");
        assert!(stdout(&output).contains("Usage: trellis"), "{command:?}: {}", stdout(&output));
    }
    let import_help = stdout(&trellis(&["roster", "import", "--help"]));
    for flag in ["--dry-run", "--map <FIELD=COLUMN>", "--unknown-manager", "--email-domain"] {
        assert!(import_help.contains(flag), "{flag}");
    }
}

#[test]
fn config_example_prints_the_annotated_defaults() {
    let output = trellis(&["config", "example"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("bind = \"127.0.0.1:8080\"") && text.contains("# Empty: SQLite"), "{text}");
}

#[test]
fn an_unsupported_database_is_refused_with_a_clear_message() {
    let output = trellis(&["migrate", "--database-url", "mysql://root:hunter2@db/trellis"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("is not a supported database") && message.contains("postgres://"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
}

#[test]
fn serve_prints_a_single_use_link_for_the_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let link = lines.next().unwrap().unwrap();
    let listening = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.contains("no admin account"), "{first}");
    assert!(link.trim().starts_with("http://127.0.0.1:0/setup/"), "{link}");
    assert!(listening.starts_with("Trellis is listening on 127.0.0.1:"), "{listening}");
    assert!(dir.path().join("trellis.db").exists());
}

#[test]
fn the_demo_prints_its_address_and_sign_ins_before_serving() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines: Vec<String> = BufReader::new(child.stdout.take().unwrap()).lines().take(9).map(Result::unwrap).collect();
    let url = lines[0].trim_start_matches("Trellis demo: ").to_string();
    let health = std::net::TcpStream::connect(url.trim_start_matches("http://"));
    child.kill().unwrap();
    child.wait().unwrap();
    let text = lines.join("\n");
    assert!(url.starts_with("http://127.0.0.1:"), "{text}");
    assert!(text.contains("people team (admin)  priya.shah@example.org"), "{text}");
    assert!(text.contains("manager              lena.park@example.org"), "{text}");
    assert!(text.contains("person               ana.ruiz@example.org"), "{text}");
    assert!(text.contains("trellis-demo"), "{text}");
    assert!(health.is_ok(), "the demo is serving at {url}");
}

both_engines! {
    async fn migrate_brings_the_schema_up_to_date(db) {
        let output = trellis(&["migrate", "--database-url", &db.url]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stdout(&output).contains("is up to date"));
    }

    async fn users_are_created_and_get_single_use_links(db) {
        let created = trellis(&["user", "create", "--database-url", &db.url, "--email", "Hana@Acme.test", "--name", "Hana Kim", "--admin"]);
        assert!(created.status.success(), "{}", stderr(&created));
        let text = stdout(&created);
        assert!(text.contains("Added Hana Kim to the people team") && text.contains("/invite/"), "{text}");
        let hana = db.store.person_by_email("hana@acme.test").await.unwrap().unwrap();
        assert!(hana.is_admin && !hana.can_sign_in);
        let again = trellis(&["user", "create", "--database-url", &db.url, "--email", "hana@acme.test", "--name", "Other"]);
        assert!(!again.status.success());
        assert!(stderr(&again).contains("email: is already used by Hana Kim"), "{}", stderr(&again));
        let reset = trellis(&["user", "reset-password", "--database-url", &db.url, "--email", "hana@acme.test"]);
        assert!(stdout(&reset).contains("/invite/"), "no password yet, so an invitation");
        let unknown = trellis(&["user", "reset-password", "--database-url", &db.url, "--email", "nobody@acme.test"]);
        assert!(stderr(&unknown).contains("no one in the roster has the e-mail nobody@acme.test"));
    }

    async fn a_token_is_printed_once_and_works(db) {
        trellis(&["user", "create", "--database-url", &db.url, "--email", "hana@acme.test", "--name", "Hana Kim"]);
        let output = trellis(&["token", "create", "--database-url", &db.url, "--email", "hana@acme.test", "--name", "sync"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let token = stdout(&output).trim().to_string();
        assert_eq!(db.store.person_for_token(&token).await.unwrap().unwrap().name, "Hana Kim");
        let listed = stdout(&trellis(&["token", "list", "--database-url", &db.url, "--email", "hana@acme.test"]));
        assert!(listed.contains("active  sync") && !listed.contains(&token), "never the secret: {listed}");
        let id = listed.split_whitespace().next().unwrap().to_string();
        let revoked = trellis(&["token", "revoke", "--database-url", &db.url, "--email", "hana@acme.test", "--id", &id]);
        assert!(revoked.status.success(), "{}", stderr(&revoked));
        assert!(db.store.person_for_token(&token).await.unwrap().is_none());
        assert!(stdout(&trellis(&["token", "list", "--database-url", &db.url, "--email", "hana@acme.test"])).contains("revoked"));
    }

    async fn a_provisioning_token_is_made_listed_and_revoked(db) {
        let output = trellis(&["token", "create", "--database-url", &db.url, "--scim", "--name", "Okta"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let token = stdout(&output).trim().to_string();
        assert!(token.starts_with("trellis_scim_") && db.store.scim_token_is_valid(&token).await.unwrap());
        let listed = stdout(&trellis(&["token", "list", "--database-url", &db.url, "--scim"]));
        assert!(listed.contains("active  Okta") && !listed.contains(&token), "{listed}");
        let id = listed.split_whitespace().next().unwrap().to_string();
        assert!(trellis(&["token", "revoke", "--database-url", &db.url, "--scim", "--id", &id]).status.success());
        assert!(!db.store.scim_token_is_valid(&token).await.unwrap());
        let neither = trellis(&["token", "create", "--database-url", &db.url]);
        assert!(!neither.status.success() && stderr(&neither).contains("--email"), "{}", stderr(&neither));
    }

    async fn a_roster_imports_all_or_nothing_and_twice_changes_nothing(db) {
        let file = testdata("oracle-hr-schema/employees.csv");
        let file = file.to_str().unwrap();
        let refused = trellis(&["roster", "import", "--database-url", &db.url, file]);
        assert!(!refused.status.success());
        let text = stdout(&refused);
        assert!(text.contains("error: row 2, column \"email\": \"SKING\" is not an e-mail address"), "{text}");
        assert!(text.contains("Nothing was written"), "{text}");
        assert_eq!(db.store.count_people().await.unwrap(), 0);

        let dry = trellis(&["roster", "import", "--database-url", &db.url, "--email-domain", "example.com", "--dry-run", file]);
        assert!(dry.status.success());
        assert!(stdout(&dry).contains("would import: 107 new"), "{}", stdout(&dry));
        assert_eq!(db.store.count_people().await.unwrap(), 0);

        let done = trellis(&["roster", "import", "--database-url", &db.url, "--email-domain", "example.com", file]);
        assert!(stdout(&done).contains("imported: 107 new, 0 changed, 0 unchanged, 106 manager changes"), "{}", stdout(&done));
        let again = trellis(&["roster", "import", "--database-url", &db.url, "--email-domain", "example.com", file]);
        assert!(stdout(&again).contains("imported: 0 new, 0 changed, 107 unchanged, 0 manager changes"), "{}", stdout(&again));
    }

    async fn columns_can_be_named_and_unknown_managers_skipped(db) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, "Worker,Mail,Boss\r\nAna Ruiz,ana@x.org,\r\nBen Ode,ben@x.org,\"Ruiz, Ana\"\r\nCy Lam,cy@x.org,Nobody Known\r\n").unwrap();
        let path = path.to_str().unwrap();
        let unmapped = trellis(&["roster", "import", "--database-url", &db.url, path]);
        assert!(stdout(&unmapped).contains("no column holds the name"), "{}", stdout(&unmapped));
        let mapped = ["roster", "import", "--database-url", &db.url, "--map", "name=Worker", "--map", "email=Mail", "--map", "manager=Boss"];
        let strict = trellis(&[&mapped[..], &[path]].concat());
        assert!(!strict.status.success());
        assert!(stdout(&strict).contains("error: row 4, column \"Boss\""), "{}", stdout(&strict));
        assert_eq!(db.store.count_people().await.unwrap(), 0);
        let lenient = trellis(&[&mapped[..], &["--unknown-manager", "skip", path]].concat());
        assert!(lenient.status.success(), "{}", stdout(&lenient));
        assert!(stdout(&lenient).contains("warning: row 4, column \"Boss\""), "{}", stdout(&lenient));
        let ben = db.store.person_by_email("ben@x.org").await.unwrap().unwrap();
        let ana = db.store.person_by_email("ana@x.org").await.unwrap().unwrap();
        assert_eq!(ben.manager_id, Some(ana.id));
    }
}

#[cfg(unix)]
#[test]
fn the_data_folder_and_database_files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert!(trellis(&["migrate", "--data-dir", data.to_str().unwrap()]).status.success());
    assert_eq!(mode(&data), 0o700);
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    // A folder and database an earlier version left open to everyone are closed at start.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(data.join("trellis.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(trellis(&["migrate", "--data-dir", data.to_str().unwrap()]).status.success());
    assert_eq!((mode(&data), mode(&data.join("trellis.db"))), (0o700, 0o600));
}
