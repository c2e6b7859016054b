//! A real `trellis serve` process for tests of what an operator runs: its address, what it
//! logs, and stopping it with SIGTERM.

use crate::Visitor;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A `trellis serve` on a free port of 127.0.0.1, killed when dropped.
pub struct Served {
    child: Child,
    pub base_url: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Served {
    /// Starts `binary serve` over `database_url`, with `args` and `envs` added, and waits until
    /// it listens.
    pub fn start(binary: &Path, database_url: &str, args: &[&str], envs: &[(&str, &str)]) -> Self {
        let mut command = Command::new(binary);
        command.args(["serve", "--bind", "127.0.0.1:0", "--database-url", database_url]).args(args);
        for key in ["TRELLIS_DATABASE_URL", "TRELLIS_CONFIG", "RUST_LOG"] {
            command.env_remove(key);
        }
        command.envs(envs.iter().copied());
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("trellis serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let collected = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                collected.lock().expect("log lock").push(line);
            }
        });
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let line = lines.next().and_then(Result::ok).unwrap_or_else(|| {
                panic!("trellis serve stopped before listening: {:?}", log.lock().expect("log lock"))
            });
            if let Some(rest) = line.strip_prefix("Trellis is listening on ") {
                break rest.split_whitespace().next().expect("an address").to_string();
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        Self { child, base_url: format!("http://{address}"), log }
    }

    /// A visitor with an empty cookie jar.
    pub fn visitor(&self) -> Visitor {
        Visitor::of(&self.base_url)
    }

    /// Every line written to standard error so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().expect("log lock").clone()
    }

    /// Sends SIGTERM, as systemd does to stop a service.
    pub fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("kill runs");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits up to `limit` for the process to end; `None` if it is still running.
    pub fn wait_for_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("the process can be waited for") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
