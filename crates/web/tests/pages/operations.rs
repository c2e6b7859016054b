//! HTTP tests of what an operator relies on: a request id on every answer, compressed pages,
//! and `/metrics` (off by default, behind a token, read by the Prometheus project's own
//! parser, and free of names and ids). SQLite and PostgreSQL.

use trellis_testkit::python::read_openmetrics;
use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

const METRICS_TOKEN: &str = "scrape-4f1c9e2d7a";

both_engines! {
    async fn every_answer_carries_a_request_id_and_a_proxy_id_is_kept_when_it_is_safe(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let client = app.api();
        let fresh = client.get(app.url("/sign-in")).send().await.unwrap();
        let id = fresh.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(id.len(), 32, "{id}");
        let another = client.get(app.url("/sign-in")).send().await.unwrap();
        assert_ne!(another.headers()["x-request-id"], id.as_str(), "each request its own id");
        let kept = client.get(app.url("/nowhere")).header("x-request-id", "edge-7f3a.1").send().await.unwrap();
        assert_eq!((kept.status().as_u16(), kept.headers()["x-request-id"].to_str().unwrap()), (404, "edge-7f3a.1"));
        let forged = client.get(app.url("/healthz")).header("x-request-id", "a\" status=500").send().await.unwrap();
        let replaced = forged.headers()["x-request-id"].to_str().unwrap();
        assert!(replaced.len() == 32 && replaced.bytes().all(|b| b.is_ascii_hexdigit()), "{replaced}");
    }

    async fn pages_styles_and_scripts_are_compressed_for_a_browser_that_asks(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let client = app.api();
        let page = client.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
        let css = page.split("href=\"").map(|rest| rest.split('"').next().unwrap()).find(|href| href.ends_with(".css")).unwrap();
        let js = page.split("src=\"").map(|rest| rest.split('"').next().unwrap()).find(|src| src.ends_with(".js")).unwrap();
        for (path, encoding) in [("/sign-in", "br"), ("/sign-in", "gzip"), (css, "br"), (js, "gzip")] {
            let response = client.get(app.url(path)).header("accept-encoding", encoding).send().await.unwrap();
            assert_eq!(response.headers().get("content-encoding").map(|v| v.to_str().unwrap()), Some(encoding), "{path}");
        }
        let plain = client.get(app.url("/sign-in")).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
    }

    async fn metrics_are_off_unless_a_token_is_set(db) {
        let app = TestApp::start(db).await;
        assert_eq!(app.api().get(app.url("/metrics")).send().await.unwrap().status(), 404);
    }

    async fn a_scrape_without_the_token_is_refused(db) {
        let app = TestApp::start_with(db, |config| config.metrics_token = Some(METRICS_TOKEN.into())).await;
        for given in [None, Some("Bearer wrong"), Some(METRICS_TOKEN)] {
            let mut request = app.api().get(app.url("/metrics"));
            if let Some(given) = given {
                request = request.header("authorization", given);
            }
            let refused = request.send().await.unwrap();
            assert_eq!(refused.status(), 401, "{given:?}");
            assert_eq!(refused.headers()["www-authenticate"], "Bearer realm=\"trellis-metrics\"");
        }
    }

    async fn metrics_count_requests_by_route_template_and_name_no_one(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start_with(db, |config| config.metrics_token = Some(METRICS_TOKEN.into())).await;
        let lena = signed_in(&app, "Lena").await;
        let ana = team.id("Ana").to_string();
        for _ in 0..3 {
            assert_eq!(lena.get(&format!("/people/{ana}")).await.status, 200);
        }
        lena.get(&format!("/people/{ana}/nowhere/at/all")).await;
        let wrong = app.visitor();
        wrong.get("/sign-in").await;
        wrong.post("/sign-in", &[("email", "lena@acme.test"), ("password", "not it"), ("next", "/")]).await;

        let scrape = app.api().get(app.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
        assert_eq!(scrape.status(), 200);
        assert!(scrape.headers()["content-type"].to_str().unwrap().starts_with("application/openmetrics-text"));
        let text = scrape.text().await.unwrap();
        let samples = read_openmetrics(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
        let value = |name: &str, labels: &[(&str, &str)]| {
            samples
                .iter()
                .find(|s| s.name == name && labels.iter().all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v)))
                .map(|s| s.value)
        };
        let person_page = [("method", "GET"), ("route", "/people/{id}"), ("status", "200")];
        assert_eq!(value("trellis_http_requests_total", &person_page), Some(3.0), "{text}");
        assert_eq!(value("trellis_http_request_duration_seconds_count", &person_page), Some(3.0));
        assert_eq!(value("trellis_http_requests_total", &[("route", "unmatched"), ("status", "404")]), Some(1.0));
        assert_eq!(value("trellis_sign_in_failures_total", &[("reason", "wrong_password")]), Some(1.0));
        assert!(value("trellis_db_connections", &[("state", "max")]).is_some_and(|max| max >= 1.0));
        assert!(value("trellis_jobs", &[("state", "failed")]).is_some());
        for secret in [ana.as_str(), "Ana", "Lena", "acme.test", "nowhere"] {
            assert!(!text.contains(secret), "the scrape names {secret}");
        }
    }
}
