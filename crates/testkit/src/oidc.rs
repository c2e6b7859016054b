//! A real OpenID provider for the single sign-on tests: npm's certified `oidc-provider`
//! (installed into `.tools/oidc` by `scripts/test`), run by Node on a free loopback port with
//! the accounts of `oidc/provider.mjs`; and a way through its login and consent pages without
//! a browser.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::{TestApp, TestDb};
use trellis_web::{SsoSettings, WebConfig};

const SCRIPT: &str = include_str!("../oidc/provider.mjs");

/// The client Trellis is registered as.
pub const CLIENT_ID: &str = "trellis";
pub const CLIENT_SECRET: &str = "trellis-test-secret";

fn install_dir() -> PathBuf {
    let dir = std::env::var("TRELLIS_TEST_OIDC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools/oidc"));
    assert!(
        dir.join("node_modules/oidc-provider").exists(),
        "The single sign-on tests need oidc-provider in {}. Run ./scripts/test, which installs it.",
        dir.display()
    );
    dir
}

/// A running provider; stopped when dropped.
pub struct Provider {
    child: Child,
    pub port: u16,
}

/// How a provider behaves.
#[derive(Clone, Debug)]
pub struct ProviderOptions {
    /// How far its clock is off (negative: behind), in seconds.
    pub clock_offset_seconds: i64,
    /// How long its ID tokens last.
    pub id_token_seconds: u32,
    /// Whether its ID tokens carry the e-mail claims; without, they are only at its userinfo
    /// endpoint (as the specification's strictest reading has it).
    pub claims_in_id_token: bool,
    /// An audience to sign its ID tokens for instead of the client's (another application's).
    pub id_token_audience: Option<String>,
}

impl Default for ProviderOptions {
    fn default() -> Self {
        Self { clock_offset_seconds: 0, id_token_seconds: 3600, claims_in_id_token: true, id_token_audience: None }
    }
}

impl Provider {
    /// Starts the provider for a client returning to `redirect_uri`.
    pub fn start(redirect_uri: &str, options: ProviderOptions) -> Self {
        let dir = install_dir();
        let script = dir.join("provider.mjs");
        std::fs::write(&script, SCRIPT).expect("the provider script is written");
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let child = Command::new("node")
            .arg(&script)
            .args([port.to_string(), redirect_uri.to_string()])
            .args([options.clock_offset_seconds.to_string(), options.id_token_seconds.to_string()])
            .arg(if options.claims_in_id_token { "claims-in-id-token" } else { "claims-at-userinfo" })
            .arg(options.id_token_audience.as_deref().unwrap_or_default())
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts (scripts/test installs it)");
        crate::wait_for_port(port, "oidc-provider", String::new);
        Self { child, port }
    }

    /// The issuer URL Trellis discovers the provider from.
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An app with single sign-on through a provider of its own.
pub async fn app_with_sso(
    db: &TestDb,
    options: ProviderOptions,
    adjust: impl FnOnce(&mut WebConfig),
) -> (TestApp, Provider) {
    let mut provider = None;
    let app = TestApp::start_with(db, |config| {
        let started = Provider::start(&format!("{}/sign-in/sso/callback", config.public_url), options);
        config.sso = Some(sso_settings(&started));
        provider = Some(started);
        adjust(config);
    })
    .await;
    (app, provider.expect("the provider started"))
}

/// Trellis's settings for `provider`.
pub fn sso_settings(provider: &Provider) -> SsoSettings {
    SsoSettings {
        issuer: provider.issuer(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        email_claim: "email".into(),
    }
}
fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http") {
        location.to_string()
    } else {
        format!("{}{location}", base.split('/').take(3).collect::<Vec<_>>().join("/"))
    }
}

/// Goes from `start` (Trellis's `/sign-in/sso`) through the provider's login (as `login`) and
/// consent pages, following every redirect with `client` (which keeps cookies and does not
/// follow redirects itself), and stops at the address the provider sends the browser back to:
/// Trellis's callback, with its code and state, not yet visited.
pub async fn callback_from_provider(client: &reqwest::Client, start: &str, login: &str) -> String {
    let mut url = start.to_string();
    for _ in 0..20 {
        if url.contains("/sign-in/sso/callback") {
            return url;
        }
        let response = client.get(&url).send().await.expect("a request on the way");
        if let Some(location) = response.headers().get("location").and_then(|v| v.to_str().ok()) {
            url = absolute(&url, location);
            continue;
        }
        let page = response.text().await.expect("a page");
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("neither a redirect nor a form at {url}: {page}"));
        let form: Vec<(&str, &str)> = if page.contains("name=\"login\"") {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        let posted = client.post(absolute(&url, action)).form(&form).send().await.expect("a form is posted");
        let location = posted.headers().get("location").and_then(|v| v.to_str().ok()).expect("the form redirects");
        url = absolute(&url, location);
    }
    panic!("too many redirects on the way through the provider")
}
