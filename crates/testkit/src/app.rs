//! A running Trellis for HTTP tests: a real server on a random local port over a `TestDb`, and
//! visitors — HTTP clients with their own cookie jar that pick up the CSRF token from each page
//! the way a browser form would.

use crate::TestDb;
use std::sync::Mutex;
use tokio::sync::oneshot;
use trellis_web::{AppState, WebConfig};

/// The app, served until dropped.
pub struct TestApp {
    pub base_url: String,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestApp {
    /// Serves the app over `db`'s store.
    pub async fn start(db: &TestDb) -> Self {
        Self::start_with(db, |_| {}).await
    }

    /// Serves the app with adjusted settings.
    pub async fn start_with(db: &TestDb, adjust: impl FnOnce(&mut WebConfig)) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free local port");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let mut config = WebConfig::for_url(&base_url);
        adjust(&mut config);
        let (shutdown, stop) = oneshot::channel::<()>();
        let state = AppState::new(db.store.clone(), config);
        tokio::spawn(async move {
            let stopped = async {
                let _ = stop.await;
            };
            let _ = trellis_web::serve(listener, state, stopped, std::time::Duration::from_secs(5)).await;
        });
        Self { base_url, shutdown: Some(shutdown) }
    }

    /// A new visitor with an empty cookie jar.
    pub fn visitor(&self) -> Visitor {
        Visitor::of(&self.base_url)
    }

    /// A plain client (no cookies) for the JSON API.
    pub fn api(&self) -> reqwest::Client {
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("an HTTP client")
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    /// Where a redirect points.
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    /// Whether the body contains `text`.
    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }
}

/// Someone using Trellis through a browser (without running its scripts).
pub struct Visitor {
    pub client: reqwest::Client,
    base_url: String,
    csrf_token: Mutex<String>,
}

fn csrf_in(body: &str) -> Option<String> {
    let start = body.find("name=\"csrf_token\" value=\"")? + "name=\"csrf_token\" value=\"".len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_string())
}

impl Visitor {
    async fn read(&self, response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.expect("a response body");
        if let Some(token) = csrf_in(&body) {
            *self.csrf_token.lock().expect("csrf lock") = token;
        }
        Page { status, body, headers }
    }

    /// The CSRF token of the last page that had a form.
    /// A visitor with an empty cookie jar, of the Trellis at `base_url`.
    pub fn of(base_url: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Visitor { client, base_url: base_url.to_string(), csrf_token: Mutex::new(String::new()) }
    }

    pub fn csrf_token(&self) -> String {
        self.csrf_token.lock().expect("csrf lock").clone()
    }

    /// GET a path.
    pub async fn get(&self, path: &str) -> Page {
        let response = self.client.get(format!("{}{path}", self.base_url)).send().await.expect("GET");
        self.read(response).await
    }

    /// POST a form, with the CSRF token of the last page that had a form.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf_token();
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        form.extend_from_slice(fields);
        let response = self.client.post(format!("{}{path}", self.base_url)).form(&form).send().await.expect("POST");
        self.read(response).await
    }

    /// POST a form exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self.client.post(format!("{}{path}", self.base_url)).form(fields).send().await.expect("POST");
        self.read(response).await
    }

    /// Uploads a file in a multipart form, with the CSRF token in the query string.
    pub async fn upload(&self, path: &str, file_name: &str, bytes: Vec<u8>, fields: &[(&str, &str)]) -> Page {
        self.upload_as(path, ("file", file_name, "text/csv"), bytes, fields).await
    }

    /// Uploads a file as the form field `(field, file name, media type)`, with other fields.
    pub async fn upload_as(
        &self,
        path: &str,
        (field, file_name, media_type): (&str, &str, &str),
        bytes: Vec<u8>,
        fields: &[(&str, &str)],
    ) -> Page {
        let mut form = reqwest::multipart::Form::new().part(
            field.to_string(),
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string()).mime_str(media_type).expect("mime"),
        );
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        let url = format!("{}{path}?csrf_token={}", self.base_url, self.csrf_token());
        let response = self.client.post(url).multipart(form).send().await.expect("upload");
        self.read(response).await
    }

    /// Signs in through the form and, like a browser, follows the redirect to the page it
    /// leads to (which holds the new session's CSRF token). Returns the response to the post.
    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        self.get("/sign-in").await;
        let posted = self.post("/sign-in", &[("email", email), ("password", password), ("next", "/")]).await;
        if let Some(location) = posted.location().map(str::to_string) {
            self.get(&location).await;
        }
        posted
    }
}
