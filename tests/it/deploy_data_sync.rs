//! `deploy/data-sync.sh`, the sidecar of the Kubernetes manifests that turns
//! a ConfigMap mount into a dataset folder and has pactbot reload it, run
//! for real: a folder laid out as the kubelet lays out a ConfigMap volume
//! (`..data` → a timestamped folder, one symlink per key, partner files as
//! flat `partners.<ID>.json` keys), the real `pactbot serve` on 127.0.0.1
//! answering from the sync's output, and ConfigMap updates made the way the
//! kubelet makes them (a new folder, then `..data` renamed over atomically).
//!
//! A valid update reaches `/readyz` through SIGHUP; an invalid one is refused
//! by the sync (`pactbot check-data`) and the last good version keeps
//! answering; old copies are pruned.
#![cfg(unix)]

use crate::support::payloads;

use std::io::BufRead;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const VERSION: &str = "2025.11.1";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The ConfigMap's keys for `data/`, as deploy/dataset-configmap.sh makes
/// them, with the version in meta.json replaced and, if `broken`, one
/// partner file that is not JSON.
fn keys(version: &str, broken: bool) -> Vec<(String, String)> {
    let data = repo().join("data");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&data).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.ends_with("meta.json") {
                assert!(text.contains(&format!("\"{VERSION}\"")));
                text = text.replace(&format!("\"{VERSION}\""), &format!("\"{version}\""));
            }
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    for e in std::fs::read_dir(data.join("partners")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let text = if broken && name == "GB.json" {
            "{ not json".to_string()
        } else {
            std::fs::read_to_string(&p).unwrap()
        };
        out.push((format!("partners.{name}"), text));
    }
    out
}

/// Publishes `keys` in the ConfigMap volume `mount` as the kubelet's atomic
/// writer does: files in a new timestamped folder, `..data` switched to it
/// with one rename, a symlink per key through `..data`, the old folder removed.
fn publish(mount: &Path, generation: u32, keys: &[(String, String)]) {
    let dir = format!("..2026_11_30_00_00_0{generation}.000000001");
    std::fs::create_dir_all(mount.join(&dir)).unwrap();
    for (k, v) in keys {
        std::fs::write(mount.join(&dir).join(k), v).unwrap();
    }
    let old = std::fs::read_link(mount.join("..data")).ok();
    symlink(&dir, mount.join("..data_tmp")).unwrap();
    std::fs::rename(mount.join("..data_tmp"), mount.join("..data")).unwrap();
    for (k, _) in keys {
        let link = mount.join(k);
        if std::fs::symlink_metadata(&link).is_err() {
            symlink(Path::new("..data").join(k), link).unwrap();
        }
    }
    if let Some(old) = old {
        std::fs::remove_dir_all(mount.join(old)).unwrap();
    }
}

/// A child process whose stderr is read line by line.
struct Proc {
    child: Child,
    lines: Receiver<String>,
    log: Vec<String>,
}

impl Proc {
    fn spawn(mut c: Command) -> Proc {
        let mut child = c
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Proc {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// The first new line containing `part` within 30 s.
    fn expect(&mut self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(part) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no line with {part:?} within 30 s; so far:\n{}",
            self.log.join("\n")
        );
    }

    /// SIGTERM, then the exit status (within 15 s).
    fn stop(&mut self) -> std::process::ExitStatus {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(Instant::now() < deadline, "still running 15 s after SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sync(args: &[&str]) -> Command {
    let mut c = Command::new("bash");
    c.arg(repo().join("deploy/data-sync.sh"))
        .args(args)
        .env("PACTBOT_BIN", env!("CARGO_BIN_EXE_pactbot"));
    c
}

/// GET /readyz until its body contains `want` (at most 30 s); the last body.
fn wait_readyz(base: &str, want: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(r) = http.get(format!("{base}/readyz")).send().await {
                last = r.text().await.unwrap_or_default();
                if last.contains(want) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("/readyz never said {want:?}; last: {last:?}");
    })
}

fn versions(dest: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dest)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("v-"))
        .collect();
    v.sort();
    v
}

#[test]
fn configmap_updates_reach_a_running_server_and_a_broken_one_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let (mount, dest) = (root.path().join("configmap"), root.path().join("dataset"));
    std::fs::create_dir(&mount).unwrap();
    publish(&mount, 1, &keys(VERSION, false));

    // The init container: one copy, laid out and checked.
    let out = sync(&["--once", mount.to_str().unwrap(), dest.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dest.join("current/partners/GB.json").is_file());
    assert!(dest.join("current/meta.json").is_file());

    let mut serve = Command::new(env!("CARGO_BIN_EXE_pactbot"));
    serve
        .current_dir(root.path())
        .env_remove("RUST_LOG")
        .env_remove("PACTBOT_DATA")
        .env_remove("PACTBOT_LISTEN")
        .env("NO_COLOR", "1")
        .env("DISCORD_PUBLIC_KEY", payloads::public_key_hex())
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(dest.join("current"));
    let mut serve = Proc::spawn(serve);
    let first = serve.expect("http://");
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .trim_end_matches("/interactions")
        .to_string();
    wait_readyz(&base, &format!("data v{VERSION}"));

    // The sidecar, signalling this server.
    let pid = serve.child.id().to_string();
    let mut watch = Proc::spawn(sync(&[
        "--watch",
        "1",
        mount.to_str().unwrap(),
        dest.to_str().unwrap(),
        "--pid",
        &pid,
    ]));
    watch.expect("watching");

    // 1. A new version is copied, switched to and reloaded.
    publish(&mount, 2, &keys("2099.1.1", false));
    watch.expect("sent SIGHUP");
    serve.expect("dataset reloaded");
    wait_readyz(&base, "data v2099.1.1");

    // 2. A broken version is refused by the sync; the server keeps the last good one.
    publish(&mount, 3, &keys("2099.2.2", true));
    watch.expect("the new dataset is invalid");
    assert!(wait_readyz(&base, "data v").contains("data v2099.1.1"));
    assert!(std::fs::read_link(dest.join("current"))
        .unwrap()
        .to_string_lossy()
        .starts_with("v-"));

    // 3. More updates: each taken up; at most three copies are kept.
    for (generation, version) in [(4, "2099.3.3"), (5, "2099.4.4"), (6, "2099.5.5")] {
        publish(&mount, generation, &keys(version, false));
        wait_readyz(&base, &format!("data v{version}"));
    }
    assert!(versions(&dest).len() <= 3, "{:?}", versions(&dest));

    assert!(watch.stop().success(), "{}", watch.log.join("\n"));
    assert!(serve.stop().success(), "{}", serve.log.join("\n"));
}
