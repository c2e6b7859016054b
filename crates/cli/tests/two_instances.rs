//! Two `trellis serve` instances on one PostgreSQL behind a real nginx, as an organisation runs
//! them: one signed-in session is answered by both (nginx takes turns), what is written through
//! one is read through the other, and nginx's request id reaches each instance's log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use trellis_testkit::served::Served;
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{Engine, TestDb, Visitor};

fn nginx_binary() -> PathBuf {
    if let Ok(path) = std::env::var("TRELLIS_NGINX") {
        return PathBuf::from(path);
    }
    for candidate in ["/usr/sbin/nginx", "/usr/bin/nginx"] {
        if Path::new(candidate).exists() {
            return PathBuf::from(candidate);
        }
    }
    panic!("This test needs nginx. Run ./scripts/test, which installs it, or set TRELLIS_NGINX.")
}

/// nginx on a free port in front of `upstreams`, stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn start(upstreams: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let servers: String = upstreams.iter().map(|u| format!("server {u};\n")).collect();
        let prefix = dir.path().display();
        let config = format!(
            "daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n access_log off;\n client_body_temp_path {prefix}/body;\n proxy_temp_path {prefix}/proxy;\n\
             fastcgi_temp_path {prefix}/fastcgi;\n uwsgi_temp_path {prefix}/uwsgi;\n scgi_temp_path {prefix}/scgi;\n\
             upstream trellis {{\n{servers}}}\n\
             server {{\n listen 127.0.0.1:{port};\n location / {{\n  proxy_pass http://trellis;\n\
             proxy_set_header Host $host:$server_port;\n  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
             proxy_set_header X-Request-Id $request_id;\n }}\n }}\n}}\n"
        );
        let file = dir.path().join("nginx.conf");
        std::fs::write(&file, config).unwrap();
        let child = Command::new(nginx_binary())
            .args(["-p", &prefix.to_string(), "-c"])
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nginx starts");
        let error_log = dir.path().join("error.log");
        trellis_testkit::wait_for_port(port, "nginx", || std::fs::read_to_string(&error_log).unwrap_or_default());
        Self { child, port, _dir: dir }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The request ids each instance logged.
fn ids_logged(served: &Served) -> Vec<String> {
    served
        .log_lines()
        .iter()
        .filter(|line| line.contains("trellis::http"))
        .filter_map(|line| line.split("request_id=\"").nth(1).map(|rest| rest.trim_end_matches('"').to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_session_is_answered_by_two_instances_behind_nginx_on_one_postgresql() {
    let db = TestDb::new(Engine::Postgres).await;
    let team = import_team_with_passwords(&db.store).await;
    let binary = Path::new(env!("CARGO_BIN_EXE_trellis"));
    let first = Served::start(binary, &db.url, &[], &[]);
    let second = Served::start(binary, &db.url, &[], &[]);
    let upstreams: Vec<String> =
        [&first, &second].iter().map(|s| s.base_url.trim_start_matches("http://").to_string()).collect();
    let nginx = Nginx::start(&[&upstreams[0], &upstreams[1]]);

    let ana = Visitor::of(&format!("http://127.0.0.1:{}", nginx.port));
    assert_eq!(ana.sign_in(&email("Ana"), TEAM_PASSWORD).await.status, 303);
    let space = format!("/people/{}/space", team.id("Ana"));
    let mut ids = Vec::new();
    for n in 0..6 {
        let page = ana.get(&space).await;
        assert_eq!(page.status, 200, "request {n} through nginx: {}", page.body);
        ids.push(page.headers["x-request-id"].to_str().unwrap().to_string());
    }
    let saved = ana
        .post(&format!("{space}/notes"), &[("visibility", "private"), ("body", "Written through one instance")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    for _ in 0..2 {
        assert!(ana.get(&space).await.has("Written through one instance"), "read back through either instance");
    }

    tokio::time::sleep(Duration::from_millis(300)).await;
    let (by_first, by_second) = (ids_logged(&first), ids_logged(&second));
    let answered_by = |id: &String| (by_first.contains(id), by_second.contains(id));
    assert!(ids.iter().all(|id| id.len() == 32), "nginx's $request_id came back: {ids:?}");
    assert!(ids.iter().any(|id| answered_by(id) == (true, false)), "the first instance answered some: {ids:?}");
    assert!(ids.iter().any(|id| answered_by(id) == (false, true)), "the second instance answered some: {ids:?}");
    drop(nginx);
    drop((first, second));
    db.cleanup().await;
}
