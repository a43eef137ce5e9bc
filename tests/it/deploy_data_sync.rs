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

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::child::{pactbot, Pactbot};
use crate::support::data::{fixture_dataset, fixture_dir};
use crate::support::payloads;
use crate::support::wait::{wait_for_value, DEADLINE};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The ConfigMap's keys for the fixture dataset, as
/// deploy/dataset-configmap.sh makes them for `data/`, with the version in
/// meta.json replaced and, if `broken`, one partner file that is not JSON.
fn keys(version: &str, broken: bool) -> Vec<(String, String)> {
    let data = fixture_dir();
    let current = format!("\"{}\"", fixture_dataset().meta.version);
    let mut out = Vec::new();
    for e in std::fs::read_dir(&data).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.ends_with("meta.json") {
                assert!(text.contains(&current));
                text = text.replace(&current, &format!("\"{version}\""));
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

fn sync(args: &[&str]) -> Command {
    let mut c = Command::new("bash");
    c.arg(repo().join("deploy/data-sync.sh"))
        .args(args)
        .env("PACTBOT_BIN", env!("CARGO_BIN_EXE_pactbot"));
    c
}

/// GET /readyz until its body contains `want` (bounded); that body.
async fn wait_readyz(base: &str, want: &str) -> String {
    let http = reqwest::Client::new();
    let url = format!("{base}/readyz");
    wait_for_value(DEADLINE * 2, &format!("/readyz saying {want:?}"), || async {
        let body = http.get(&url).send().await.ok()?.text().await.ok()?;
        body.contains(want).then_some(body)
    })
    .await
}

/// The sync script as a child process, its log read line by line.
fn spawn_sync(args: &[&str]) -> Pactbot {
    Pactbot::spawn(sync(args), tempfile::tempdir().unwrap())
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configmap_updates_reach_a_running_server_and_a_broken_one_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let (mount, dest) = (root.path().join("configmap"), root.path().join("dataset"));
    std::fs::create_dir(&mount).unwrap();
    let version = fixture_dataset().meta.version.clone();
    publish(&mount, 1, &keys(&version, false));

    // The init container: one copy, laid out and checked.
    let out = sync(&["--once", mount.to_str().unwrap(), dest.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dest.join("current/partners/GB.json").is_file());
    assert!(dest.join("current/meta.json").is_file());

    let key = payloads::public_key_hex();
    let data = dest.join("current");
    let (c, dir) = pactbot(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--data",
            data.to_str().unwrap(),
        ],
        &[("DISCORD_PUBLIC_KEY", &key)],
    );
    let mut serve = Pactbot::spawn(c, dir);
    let first = serve.expect_log(&["http://"]).await;
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .trim_end_matches("/interactions")
        .to_string();
    wait_readyz(&base, &format!("data v{version}")).await;

    // The sidecar, signalling this server.
    let pid = serve.child.id().to_string();
    let mut watch = spawn_sync(&[
        "--watch",
        "1",
        mount.to_str().unwrap(),
        dest.to_str().unwrap(),
        "--pid",
        &pid,
    ]);
    watch.expect_new_log(&["watching"]).await;

    // 1. A new version is copied, switched to and reloaded.
    publish(&mount, 2, &keys("2099.1.1", false));
    watch.expect_new_log(&["sent SIGHUP"]).await;
    serve.expect_new_log(&["dataset reloaded"]).await;
    wait_readyz(&base, "data v2099.1.1").await;

    // 2. A broken version is refused by the sync; the server keeps the last good one.
    publish(&mount, 3, &keys("2099.2.2", true));
    watch.expect_new_log(&["the new dataset is invalid"]).await;
    assert!(wait_readyz(&base, "data v").await.contains("data v2099.1.1"));
    assert!(std::fs::read_link(dest.join("current"))
        .unwrap()
        .to_string_lossy()
        .starts_with("v-"));

    // 3. More updates: each taken up; at most three copies are kept.
    for (generation, version) in [(4, "2099.3.3"), (5, "2099.4.4"), (6, "2099.5.5")] {
        publish(&mount, generation, &keys(version, false));
        wait_readyz(&base, &format!("data v{version}")).await;
    }
    assert!(versions(&dest).len() <= 3, "{:?}", versions(&dest));

    watch.stop().await;
    serve.stop().await;
}
