//! `trellis serve` as an operator runs it, on both engines: one log line per request (as JSON
//! with `--log-format json`, without colour codes when written to a file), and a stop on
//! SIGTERM that lets running requests finish but does not wait for a stalled client forever.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;
use std::time::Duration;
use trellis_testkit::both_engines;
use trellis_testkit::served::Served;
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};

const NOTE: &str = "Marker-7d41: I want to lead the platform team";

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_trellis"))
}

/// Waits until the log has a request line for `route`.
async fn wait_for_line(served: &Served, route: &str) -> Vec<String> {
    for _ in 0..200 {
        let lines = served.log_lines();
        if lines.iter().any(|line| line.contains(route)) {
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no line for {route}: {:?}", served.log_lines())
}

both_engines! {
    async fn each_request_is_one_json_line_with_its_route_template_and_nothing_private(db) {
        let team = import_team_with_passwords(&db.store).await;
        let served = Served::start(binary(), &db.url, &["--log-format", "json"], &[]);
        let ana = served.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let space = format!("/people/{}/space", team.id("Ana"));
        ana.get(&space).await;
        let saved = ana.post(&format!("{space}/notes"), &[("visibility", "private"), ("body", NOTE)]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let lines = wait_for_line(&served, "/people/{id}/space/notes").await;

        let requests: Vec<serde_json::Value> = lines
            .iter()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
            .filter(|entry| entry["fields"]["message"] == "request")
            .collect();
        let note = requests.iter().find(|r| r["fields"]["route"] == "/people/{id}/space/notes").unwrap();
        assert_eq!(note["level"], "INFO");
        assert_eq!(note["fields"]["method"], "POST");
        assert_eq!(note["fields"]["status"], 303);
        assert!(note["fields"]["latency_ms"].as_f64().is_some(), "{note}");
        assert_eq!(note["fields"]["request_id"].as_str().map(str::len), Some(32), "{note}");
        assert!(requests.iter().any(|r| r["fields"]["route"] == "/sign-in" && r["fields"]["method"] == "POST"));
        let everything = lines.join("\n");
        for private in [NOTE, "Marker-7d41", TEAM_PASSWORD, team.id("Ana").as_ref(), "trellis_session", "csrf"] {
            assert!(!everything.contains(private), "the log holds {private:?}:\n{everything}");
        }
    }

    async fn a_log_written_to_a_file_holds_no_colour_codes(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let served = Served::start(binary(), &db.url, &[], &[]);
        served.visitor().get("/sign-in").await;
        let lines = wait_for_line(&served, "route=\"/sign-in\"").await;
        let line = lines.iter().find(|line| line.contains("route=\"/sign-in\"")).unwrap();
        assert!(!lines.join("\n").contains('\u{1b}'), "{lines:?}");
        for field in ["INFO", "trellis::http", "method=\"GET\"", "status=200", "latency_ms=", "request_id="] {
            assert!(line.contains(field), "{field} missing from {line}");
        }
    }

    async fn sigterm_lets_a_stalled_request_go_after_the_grace_period(db) {
        let served_db = db;
        let mut served = Served::start(binary(), &served_db.url, &[], &[("TRELLIS_SHUTDOWN_GRACE_SECONDS", "2")]);
        // A client that sends half a request and then nothing: the request is running.
        let address = served.base_url.trim_start_matches("http://").to_string();
        let mut stalled = std::net::TcpStream::connect(&address).unwrap();
        stalled.write_all(b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=").unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        served.terminate();
        let status = served.wait_for_exit(Duration::from_secs(30));
        assert!(status.is_some_and(|s| s.success()), "still running 30 s after SIGTERM with a 2 s grace: {status:?}");
        let log = served.log_lines().join("\n");
        assert!(log.contains("the 2 s grace ran out"), "{log}");
        drop(stalled);
    }
}
