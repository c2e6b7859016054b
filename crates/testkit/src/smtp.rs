//! A real SMTP server for tests: `aiosmtpd` from PyPI (installed into `.tools/venv` by
//! `scripts/test`), listening on a free loopback port and delivering into a Maildir that the
//! test reads back, parsed by an independent mail parser.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A delivered mail, parsed.
#[derive(Clone, Debug)]
pub struct Delivered {
    pub raw: String,
    pub subject: String,
    pub to: Vec<String>,
    pub from: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
    /// An attached iCalendar invitation, if any.
    pub calendar: Option<String>,
    /// The `List-Unsubscribe` and `List-Unsubscribe-Post` headers, as sent.
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
}

impl Delivered {
    fn parse(raw: String) -> Self {
        let message = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a well-formed mail");
        let addresses = |list: Option<&mail_parser::Address>| -> Vec<String> {
            list.map(|a| a.iter().filter_map(|addr| addr.address().map(str::to_string)).collect()).unwrap_or_default()
        };
        let from = addresses(message.from()).into_iter().next().unwrap_or_default();
        let calendar: Option<String> = message
            .attachments()
            .find(|part| mail_parser::MimeHeaders::is_content_type(*part, "text", "calendar"))
            .map(|part| String::from_utf8_lossy(part.contents()).into_owned());
        let header = |name: &str| message.header_raw(name).map(|value| value.trim().to_string());
        Self {
            list_unsubscribe: header("List-Unsubscribe"),
            list_unsubscribe_post: header("List-Unsubscribe-Post"),
            subject: message.subject().unwrap_or_default().to_string(),
            to: addresses(message.to()),
            from,
            message_id: message.message_id().unwrap_or_default().to_string(),
            text: message.body_text(0).map(|t| t.to_string()).unwrap_or_default(),
            html: message.body_html(0).map(|t| t.to_string()).unwrap_or_default(),
            calendar,
            raw,
        }
    }

    /// The first link in the plain-text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.links(prefix).into_iter().next()
    }

    /// Every link in the plain-text part that starts with `prefix`, in order.
    pub fn links(&self, prefix: &str) -> Vec<String> {
        self.text
            .match_indices(prefix)
            .map(|(start, _)| self.text[start..].split_whitespace().next().unwrap_or_default().to_string())
            .collect()
    }
}

/// A running SMTP server; stopped when dropped.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

pub(crate) fn python() -> PathBuf {
    if let Ok(path) = std::env::var("TRELLIS_TEST_PYTHON") {
        return PathBuf::from(path);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools/venv/bin/python");
    if venv.exists() {
        return venv;
    }
    panic!(
        "The mail tests need a real SMTP server (aiosmtpd in .tools/venv). Run ./scripts/test, which installs it, \
         or set TRELLIS_TEST_PYTHON to a Python that has aiosmtpd."
    )
}

impl SmtpServer {
    /// Starts the server and waits until it accepts connections.
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let maildir = dir.path().join("mail");
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let server = Self { child, port, maildir, _dir: dir };
        crate::wait_for_port(port, "aiosmtpd", String::new);
        server
    }

    /// The URL Trellis sends to.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail delivered so far, oldest first.
    pub fn delivered(&self) -> Vec<Delivered> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
        files.into_iter().filter_map(|path| std::fs::read_to_string(path).ok()).map(Delivered::parse).collect()
    }

    /// How many mails arrived so far (without reading them).
    pub fn count(&self) -> usize {
        std::fs::read_dir(self.maildir.join("new")).map_or(0, |entries| entries.count())
    }

    /// Waits up to ten seconds for `count` mails, and returns what arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Delivered> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let delivered = self.delivered();
            if delivered.len() >= count || Instant::now() > deadline {
                return delivered;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
