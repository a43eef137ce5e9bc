//! The real `pactbot` binary as a child process: an empty working directory
//! (no developer's `.env`), none of our variables inherited, its log read
//! line by line, and every wait bounded.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::fake_discord::{FakeDiscord, Recorded};
use super::payloads;
use super::wait::DEADLINE;
use super::TOKEN;

/// Every variable pactbot reads, removed from the child's environment so a
/// developer's shell cannot change a test.
const OURS: &[&str] = &[
    "DISCORD_TOKEN",
    "DISCORD_GUILD_ID",
    "DISCORD_APPLICATION_ID",
    "DISCORD_PUBLIC_KEY",
    "PACTBOT_DISCORD_API",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "PACTBOT_TELEGRAM_API",
    "PACTBOT_DATA",
    "PACTBOT_LISTEN",
    "PACTBOT_ANSWER_CACHE",
    "RUST_LOG",
];

/// `pactbot args…` in a fresh empty working directory (returned, so a test
/// can put a `.env` in it), with only `env` of our variables set.
pub fn pactbot(args: &[&str], env: &[(&str, &str)]) -> (Command, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut c = Command::new(env!("CARGO_BIN_EXE_pactbot"));
    c.args(args).current_dir(dir.path());
    for var in OURS {
        c.env_remove(var);
    }
    c.env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    (c, dir)
}

/// A running pactbot; killed if the test fails half-way.
pub struct Pactbot {
    pub child: Child,
    lines: mpsc::UnboundedReceiver<String>,
    /// Every log line read so far.
    pub log: Vec<String>,
    _dir: tempfile::TempDir,
}

impl Drop for Pactbot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Pactbot {
    /// Spawns `c` (from [`pactbot`]) with its stderr read line by line.
    pub fn spawn(mut c: Command, dir: tempfile::TempDir) -> Pactbot {
        let mut child = c
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pactbot");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Pactbot {
            child,
            lines,
            log: Vec::new(),
            _dir: dir,
        }
    }

    /// `pactbot <args>` against the fake Discord, with a valid token.
    pub fn discord(fake: &FakeDiscord, args: &[&str]) -> Pactbot {
        let base = fake.api_base();
        let (c, dir) = pactbot(args, &[("DISCORD_TOKEN", TOKEN), ("PACTBOT_DISCORD_API", &base)]);
        Pactbot::spawn(c, dir)
    }

    /// `pactbot serve --listen 127.0.0.1:0 [--data DIR]` with the test key;
    /// returns it and its interactions URL once it listens.
    pub async fn serve(data: Option<&Path>) -> (Pactbot, String) {
        Pactbot::serve_env(data, &[]).await
    }

    /// [`Pactbot::serve`] with more of our variables set (`PACTBOT_DISCORD_API`).
    pub async fn serve_env(data: Option<&Path>, env: &[(&str, &str)]) -> (Pactbot, String) {
        let key = payloads::public_key_hex();
        let mut vars = vec![("DISCORD_PUBLIC_KEY", key.as_str())];
        vars.extend_from_slice(env);
        let (mut c, dir) = pactbot(&["serve", "--listen", "127.0.0.1:0"], &vars);
        if let Some(d) = data {
            c.arg("--data").arg(d);
        }
        let mut p = Pactbot::spawn(c, dir);
        let line = p.expect_log(&["http://"]).await;
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        (p, url)
    }

    /// The next log line, or `None` once the process has closed its stderr.
    async fn next_line(&mut self, deadline: Instant) -> Option<String> {
        match tokio::time::timeout_at(deadline, self.lines.recv()).await {
            Ok(Some(line)) => {
                self.log.push(line.clone());
                Some(line)
            }
            Ok(None) => None,
            Err(_) => panic!(
                "no log line within {DEADLINE:?}; the log so far:\n{}",
                self.log.join("\n")
            ),
        }
    }

    /// Waits (bounded) for a log line containing every one of `parts`; an
    /// earlier line that matches counts too.
    pub async fn expect_log(&mut self, parts: &[&str]) -> String {
        let matches = |l: &String| parts.iter().all(|p| l.contains(p));
        if let Some(l) = self.log.iter().find(|l| matches(l)) {
            return l.clone();
        }
        self.expect_new_log(parts).await
    }

    /// Waits (bounded) for a log line not read yet that contains every one
    /// of `parts`.
    pub async fn expect_new_log(&mut self, parts: &[&str]) -> String {
        let matches = |l: &String| parts.iter().all(|p| l.contains(p));
        let deadline = Instant::now() + DEADLINE;
        while let Some(line) = self.next_line(deadline).await {
            if matches(&line) {
                return line;
            }
        }
        panic!(
            "pactbot exited without a log line with {parts:?}; its log:\n{}",
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

    /// Waits (bounded) for the process to exit, reading the rest of its
    /// log; returns its exit code.
    pub async fn exit_code(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        // The log ends when the process does.
        while let Ok(Some(line)) = tokio::time::timeout_at(deadline, self.lines.recv()).await {
            self.log.push(line);
        }
        assert!(
            Instant::now() < deadline,
            "pactbot still running {within:?} later; its log:\n{}",
            self.log.join("\n")
        );
        let status = self.child.wait().expect("wait for pactbot");
        status.code()
    }

    /// SIGTERM, then a clean exit (code 0) within 15 s; returns the log.
    pub async fn stop(mut self) -> String {
        self.sigterm();
        let code = self.exit_code(DEADLINE).await;
        let log = self.log.join("\n");
        assert_eq!(code, Some(0), "{log}");
        log
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
