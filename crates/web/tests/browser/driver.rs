//! Real headless Chromium for browser tests, driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`), with axe-core injected to check each page for accessibility problems.
//! Where Chromium is missing the tests fail when `CI` or `TRELLIS_REQUIRE_BROWSER` is set, and
//! say loudly that they did not run otherwise. Shared by every journey in this test binary.

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("TRELLIS_REQUIRE_BROWSER").is_some()
}

fn chromedriver_path() -> Option<String> {
    std::env::var("CHROMEDRIVER").ok().filter(|p| !p.is_empty()).or_else(|| {
        ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .iter()
            .find(|p| std::path::Path::new(p).exists())
            .map(|p| p.to_string())
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium, or returns `None` where there is none and
    /// the browser tests are not required.
    pub async fn start() -> Option<Self> {
        let Some(driver_path) = chromedriver_path() else {
            assert!(
                !required(),
                "chromedriver was not found: install chromium and chromium-driver (scripts/test does)"
            );
            eprintln!("BROWSER TESTS DID NOT RUN: chromedriver not found (set TRELLIS_REQUIRE_BROWSER=1 to make this a failure)");
            return None;
        };
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e}"));
        let profile = tempfile::tempdir().unwrap();
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1280,900".into(),
        ];
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut options = json!({ "args": args });
        if std::path::Path::new("/usr/bin/chromium").exists() {
            options["binary"] = json!("/usr/bin/chromium");
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new()).capabilities(capabilities.clone()).connect(&url).await {
                Ok(client) => return Some(Self { client, driver, _profile: profile }),
                Err(error) => {
                    last_error = error.to_string();
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("could not start a Chromium session through chromedriver: {last_error}");
    }

    /// Signs in on `sign_in_url` with an e-mail and password and waits for the welcome.
    pub async fn sign_in(&self, sign_in_url: &str, email: &str, password: &str) {
        self.goto(sign_in_url).await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click_text("Sign in").await;
        self.wait_for_text("Welcome").await;
    }

    /// Signs out and waits until the sign-out has landed, so the next page is not raced by it.
    pub async fn sign_out(&self) {
        self.click_text("Sign out").await;
        self.wait_for_text("You have signed out").await;
    }

    /// Signs in as a member of the test team, by first name.
    pub async fn sign_in_as(&self, app: &trellis_testkit::TestApp, first_name: &str) {
        let email = trellis_testkit::team::email(first_name);
        self.sign_in(&app.url("/sign-in"), &email, trellis_testkit::team::TEAM_PASSWORD).await;
    }

    /// The element matching `css`, waiting a while for it to appear (a page may still be loading).
    async fn element(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(error) => panic!("no {css}: {error}\non the page:\n{}", self.text().await),
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    /// The address of the page shown.
    pub async fn current_url(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.element(css).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Chooses the option with `value` in a select list.
    pub async fn select(&self, css: &str, value: &str) {
        let list = self.element(css).await;
        list.select_by_value(value).await.unwrap();
    }

    /// Sets a field's value directly (date and time fields, whose typing depends on the locale).
    pub async fn set_value(&self, css: &str, value: &str) {
        let script = "document.querySelector(arguments[0]).value = arguments[1];";
        self.client.execute(script, vec![Value::from(css), Value::from(value)]).await.unwrap();
    }

    /// Types into a field without clearing it, as a person would (firing input events).
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.element(css).await;
        field.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.element(css).await.click().await.unwrap();
    }

    /// Clicks the button or link whose text is `text`.
    pub async fn click_text(&self, text: &str) {
        let xpath = format!("//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']");
        self.client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("nothing to click named '{text}': {e}"))
            .click()
            .await
            .unwrap();
    }

    /// The visible text of the page, or `None` while a page is being replaced (the body found
    /// may belong to the page the browser is leaving).
    async fn try_text(&self) -> Option<String> {
        self.client.find(Locator::Css("body")).await.ok()?.text().await.ok()
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        for _ in 0..100 {
            if let Some(text) = self.try_text().await {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page never settled");
    }

    /// Waits until the page's text contains `wanted` (up to 30 seconds: a busy machine runs
    /// several browsers at once).
    pub async fn wait_for_text(&self, wanted: &str) -> String {
        self.wait_for_any(&[wanted]).await
    }

    /// Waits until the page's text contains one of `wanted` (after a click whose answer may
    /// be one page or another), and returns that text.
    pub async fn wait_for_any(&self, wanted: &[&str]) -> String {
        for _ in 0..600 {
            if let Some(text) = self.try_text().await.filter(|t| wanted.iter().any(|w| t.contains(w))) {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!("the page {url} never showed any of {wanted:?}:\n{}", self.text().await);
    }

    pub async fn value(&self, css: &str) -> String {
        self.element(css).await.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Whether the page fits a phone's width (390 CSS pixels) without scrolling sideways.
    pub async fn fits_a_phone(&self) -> bool {
        self.client.set_window_size(390, 844).await.unwrap();
        let fits: Value = self
            .client
            .execute("return document.documentElement.scrollWidth <= window.innerWidth;", vec![])
            .await
            .unwrap();
        self.client.set_window_size(1280, 900).await.unwrap();
        fits.as_bool().unwrap_or(false)
    }

    /// Saves a screenshot under target/screenshots for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Runs axe-core on the current page and fails on any violation.
    pub async fn assert_accessible(&self, page: &str) {
        let path = std::env::var("TRELLIS_AXE_JS").unwrap_or_default();
        let Ok(axe) = std::fs::read_to_string(&path) else {
            assert!(!required(), "axe-core not found at TRELLIS_AXE_JS={path:?} (scripts/test installs it)");
            eprintln!("ACCESSIBILITY NOT CHECKED on {page}: set TRELLIS_AXE_JS to axe.min.js");
            return;
        };
        self.client.execute(&axe, vec![]).await.unwrap();
        let script = "const done = arguments[arguments.length - 1];\
            axe.run(document, { resultTypes: ['violations'] })\
              .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))\
              .catch(e => done(['axe could not run: ' + e]));";
        let result: Value = self.client.execute_async(script, vec![]).await.unwrap();
        let violations: Vec<String> = serde_json::from_value(result).unwrap();
        assert!(violations.is_empty(), "accessibility violations on {page}:\n{}", violations.join("\n"));
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
