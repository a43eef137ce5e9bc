//! The real `pactbot` binary as a child process, for the end-to-end tests
//! against the fake Discord: an empty working directory (no developer's
//! `.env`), no inherited Discord variables, its log read line by line, and
//! every wait bounded.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::fake_discord::{FakeDiscord, Recorded};
use super::TOKEN;

/// The bot as a child process; killed if the test fails half-way.
pub struct Bot {
    pub child: Child,
    lines: std_mpsc::Receiver<String>,
    pub log: Vec<String>,
    _dir: tempfile::TempDir,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn pactbot(args: &[&str], env: &[(&str, &str)]) -> (Command, tempfile::TempDir) {
    // An empty working directory: no developer's .env is read.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut c = Command::new(env!("CARGO_BIN_EXE_pactbot"));
    c.args(args).current_dir(dir.path());
    for var in [
        "DISCORD_TOKEN",
        "DISCORD_GUILD_ID",
        "DISCORD_APPLICATION_ID",
        "PACTBOT_DISCORD_API",
        "PACTBOT_DATA",
        "RUST_LOG",
    ] {
        c.env_remove(var);
    }
    c.env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    (c, dir)
}

impl Bot {
    pub fn start(fake: &FakeDiscord, args: &[&str]) -> Bot {
        let base = fake.api_base();
        let (mut c, dir) = pactbot(args, &[("DISCORD_TOKEN", TOKEN), ("PACTBOT_DISCORD_API", &base)]);
        let mut child = c
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pactbot");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = std_mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Bot {
            child,
            lines,
            log: Vec::new(),
            _dir: dir,
        }
    }

    /// Waits (bounded) for a log line containing every one of `parts`.
    pub async fn expect_log(&mut self, parts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        if let Some(l) = self.log.iter().find(|l| parts.iter().all(|p| l.contains(p))) {
            return l.clone();
        }
        while Instant::now() < deadline {
            match self.lines.try_recv() {
                Ok(line) => {
                    self.log.push(line.clone());
                    if parts.iter().all(|p| line.contains(p)) {
                        return line;
                    }
                }
                Err(std_mpsc::TryRecvError::Empty) => tokio::time::sleep(Duration::from_millis(20)).await,
                Err(std_mpsc::TryRecvError::Disconnected) => break,
            }
        }
        panic!(
            "no log line with {parts:?}; the log so far:\n{}",
            self.log.join("\n")
        );
    }

    pub fn sigterm(&self) {
        self.signal("TERM");
    }

    /// Sends the signal named `name` (`TERM`, `HUP`, …) with kill(1).
    pub fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -{name} failed");
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits (bounded) for the process to exit; returns its exit code.
    pub async fn exit_code(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Drain what is left of the log.
                while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(200)) {
                    self.log.push(l);
                }
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "pactbot still running {within:?} after SIGTERM"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Waits for the callback POST of the interaction in `payload`.
pub async fn callback(fake: &mut FakeDiscord, payload: &Value) -> Recorded {
    let path = format!(
        "/api/v10/interactions/{}/{}/callback",
        payload["id"].as_str().expect("id"),
        payload["token"].as_str().expect("token")
    );
    loop {
        let r = fake.next_request().await;
        if r.method == "POST" && r.path == path {
            return r;
        }
        assert!(r.method == "GET", "unexpected request {} {}", r.method, r.path);
    }
}
