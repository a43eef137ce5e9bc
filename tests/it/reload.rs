//! Hot reload (SIGHUP) of the dataset, over 127.0.0.1:
//!
//! - the real `pactbot serve --data DIR` binary: a new version is taken up,
//!   a broken one and a vanished folder are refused with a logged error and
//!   the last good version keeps answering, with no 5xx while requests keep
//!   coming; with the built-in dataset SIGHUP has nothing to reload;
//! - in process: an answer started on one version finishes on it; under
//!   continuous reloads every answer is wholly one version; the answer cache
//!   never serves an older version's answer after a reload;
//! - the gateway's handler answers from the reloaded dataset.
//!
//! Requests are signed with the fixed test key of `tests/it/support/payloads.rs`.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::support::child::Pactbot;
use crate::support::data::{copy_tree, embedded, fixture_dataset, fixture_dir};
use crate::support::fresh;
use crate::support::payloads as discord;
use crate::support::payloads::{integer_option as int, string_option as opt};
use crate::support::server::{signed_post, TestServer};
use crate::support::wait::{wait_until, DEADLINE};
use pactbot::dataset::{DataSource, Dataset, SharedDataset};
use pactbot::discord::endpoint::Options;
use pactbot::discord::{gateway, reload};
use serde_json::Value;

/// The version of the fixture dataset, which these tests copy and reload
/// (small, so a reload is quick even in a debug build).
fn fixture_version() -> String {
    fixture_dataset().meta.version.clone()
}

/// Copies the fixture dataset to `to`, then sets its version and, if given, appends
/// `title_suffix` to the UK agreement's title (so an answer that mixed two
/// versions would show).
fn write_version(to: &Path, version: &str, title_suffix: &str) {
    copy_tree(&fixture_dir(), to);
    let meta = to.join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace(&format!("\"{}\"", fixture_version()), &format!("\"{version}\"")),
    )
    .unwrap();
    if !title_suffix.is_empty() {
        let gb = to.join("partners/GB.json");
        let text = std::fs::read_to_string(&gb).unwrap();
        let title = "\"UK-Ukraine Agreement on Security Co-operation\"";
        assert!(text.contains(title));
        let new = format!("\"UK-Ukraine Agreement on Security Co-operation{title_suffix}\"");
        std::fs::write(&gb, text.replace(title, &new)).unwrap();
    }
}

/// A mix of every kind of request the cache keys on.
fn requests() -> Vec<String> {
    vec![
        discord::command("about", vec![]),
        discord::command("agreement", vec![opt("country", "UK", false)]),
        discord::command(
            "agreement",
            vec![opt("country", "United Kingdom", false), int("page", 2)],
        ),
        discord::command("pledged", vec![opt("aid", "air defence", false)]),
        discord::command(
            "compare",
            vec![opt("first", "GB", false), opt("second", "France", false)],
        ),
        discord::command("timeline", vec![]),
        discord::command("stats", vec![]),
        discord::command("search", vec![opt("query", "britain", false)]),
        discord::autocomplete("agreement", vec![opt("country", "unit", true)]),
        discord::button("pg:/agreement country:GB page:2"),
    ]
}

async fn start(data: SharedDataset) -> TestServer {
    TestServer::start_with(Options::default(), data).await
}

// ---------------------------------------------------------------- in process

#[tokio::test]
async fn an_answer_started_on_one_version_finishes_on_it() {
    let dir = tempfile::tempdir().unwrap();
    write_version(dir.path(), "A", "");
    let shared = SharedDataset::load(DataSource::Dir(dir.path().to_path_buf())).unwrap();
    let body = discord::command("agreement", vec![opt("country", "UK", false)]);

    // What a request holds from its start: the version current then.
    let held = shared.current();
    let expected_a = fresh(&held, &body);

    write_version(dir.path(), "B", " (B)");
    assert!(matches!(
        shared.reload().unwrap(),
        pactbot::dataset::Reloaded::Replaced { .. }
    ));
    // The request finishes after the swap, on its own version, whole.
    let finished = fresh(&held, &body);
    assert_eq!(finished, expected_a);
    assert!(finished.to_string().contains("· vA") && !finished.to_string().contains("(B)"));
    // A request that starts now takes the new one.
    let now = fresh(&shared.current(), &body).to_string();
    assert!(now.contains("· vB") && now.contains("Co-operation (B)"), "{now}");
    // The old version is freed once its last request is done.
    let weak = Arc::downgrade(&held);
    drop(held);
    assert!(weak.upgrade().is_none(), "the old dataset outlived its requests");
}

/// The answer cache keys on the dataset it answered from: after each reload
/// (to B, back to A's content, to B again) every answer, cached or not, is
/// the new version's.
#[tokio::test]
async fn the_answer_cache_never_serves_an_older_version() {
    let dir = tempfile::tempdir().unwrap();
    write_version(dir.path(), "A", "");
    let data = SharedDataset::load(DataSource::Dir(dir.path().to_path_buf())).unwrap();
    let s = start(data).await;
    let ds_a = Dataset::from_dir(dir.path()).unwrap();
    let b_dir = tempfile::tempdir().unwrap();
    write_version(b_dir.path(), "B", " (B)");
    let ds_b = Dataset::from_dir(b_dir.path()).unwrap();

    for (round, (version, suffix, expected)) in [
        ("A", "", &ds_a),
        ("B", " (B)", &ds_b),
        ("A", "", &ds_a),
        ("B", " (B)", &ds_b),
    ]
    .into_iter()
    .enumerate()
    {
        if round > 0 {
            write_version(dir.path(), version, suffix);
            s.endpoint.data().reload().unwrap();
        }
        // Twice: the second time from the cache.
        for pass in 0..2 {
            for body in requests() {
                assert_eq!(
                    s.answer(&body).await,
                    fresh(expected, &body),
                    "round {round} ({version}), pass {pass}: {body}"
                );
            }
        }
    }
    let metrics = s
        .http
        .get(format!("http://{}/metrics", s.addr))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(r#"pactbot_answer_cache_lookups_total{result="hit"}"#),
        "the cache was not used: {metrics}"
    );
}

/// Reloads while [`under_continuous_reloads_every_answer_is_one_whole_version`]
/// runs: enough to cross many requests, few enough for a debug build.
const RELOADS: usize = 20;

/// Requests keep coming while the dataset flips between A and B: every
/// answer is 200 and wholly A's or wholly B's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_continuous_reloads_every_answer_is_one_whole_version() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    write_version(&a, "A", "");
    write_version(&b, "B", " (B)");
    // The server reads a symlink that the test points at a or b between
    // reloads (never during one).
    let link = root.path().join("current");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    let data = SharedDataset::load(DataSource::Dir(link.clone())).unwrap();
    let s = Arc::new(start(data).await);
    let (ds_a, ds_b) = (Dataset::from_dir(&a).unwrap(), Dataset::from_dir(&b).unwrap());
    let bodies = requests();
    let expected: Vec<(Value, Value)> = bodies
        .iter()
        .map(|b| (fresh(&ds_a, b), fresh(&ds_b, b)))
        .collect();
    assert!(expected.iter().filter(|(x, y)| x != y).count() >= 8);

    let done = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for c in 0..4 {
        let (s, done, bodies, expected) = (
            Arc::clone(&s),
            Arc::clone(&done),
            bodies.clone(),
            expected.clone(),
        );
        clients.push(tokio::spawn(async move {
            let mut n = 0usize;
            // At least one answer each, however the tasks are scheduled.
            loop {
                let i = (n + c) % bodies.len();
                let got = s.answer(&bodies[i]).await;
                let (xa, xb) = &expected[i];
                assert!(
                    &got == xa || &got == xb,
                    "an answer that is neither A's nor B's for {}: {got}",
                    bodies[i]
                );
                n += 1;
                if done.load(Ordering::SeqCst) {
                    break n;
                }
            }
        }));
    }
    // Each reload is taken up by the very next request: the flipper checks
    // that itself, so both versions are seen whatever the clients do.
    for reload in 0..RELOADS {
        let (target, version) = if reload % 2 == 0 { (&b, "B") } else { (&a, "A") };
        let tmp = root.path().join("next");
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(target, &tmp).unwrap();
        std::fs::rename(&tmp, &link).unwrap();
        match reload::reload_now(s.endpoint.data()).await {
            reload::Outcome::Replaced { version: v, .. } => assert_eq!(v, version),
            other => panic!("reload {reload}: {other:?}"),
        }
        let i = reload % bodies.len();
        let want = if version == "A" {
            &expected[i].0
        } else {
            &expected[i].1
        };
        assert_eq!(&s.answer(&bodies[i]).await, want, "reload {reload} to {version}");
    }
    done.store(true, Ordering::SeqCst);
    let mut n = 0;
    for c in clients {
        n += c.await.unwrap();
    }
    eprintln!("{n} answers by 4 clients during {RELOADS} reloads, each wholly A's or B's");
}

/// The gateway's handler takes the current version per interaction: after a
/// reload its callback carries the new one.
#[tokio::test]
async fn the_gateway_handler_answers_from_the_reloaded_dataset() {
    use crate::support::fake_discord::{Behaviour, FakeDiscord};
    let dir = tempfile::tempdir().unwrap();
    write_version(dir.path(), "A", "");
    let data = Arc::new(SharedDataset::load(DataSource::Dir(dir.path().to_path_buf())).unwrap());
    let handler = gateway::Handler::new(Arc::clone(&data));
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let http = serenity::all::HttpBuilder::new(crate::support::TOKEN)
        .proxy(fake.api_base())
        .ratelimiter_disabled(true)
        .build();
    let payload = crate::support::fixture("agreement");
    let i: serenity::all::Interaction = serde_json::from_value(payload.clone()).unwrap();

    let (_, sent) = handler.answer(&http, &i).await;
    assert!(sent);
    let first = fake.next_request().await.body.to_string();
    assert!(first.contains("· vA"), "{first}");

    write_version(dir.path(), "B", " (B)");
    assert!(matches!(
        reload::reload_now(&data).await,
        reload::Outcome::Replaced { ref version, partners } if version == "B" && partners == fixture_dataset().partners.len()
    ));
    let (_, sent) = handler.answer(&http, &i).await;
    assert!(sent);
    let second = fake.next_request().await.body.to_string();
    assert!(second.contains("· vB"), "{second}");

    // Refused: the handler keeps answering from B.
    std::fs::write(dir.path().join("aid-types.json"), "[]").unwrap();
    assert!(matches!(
        reload::reload_now(&data).await,
        reload::Outcome::Refused { ref version, .. } if version == "B"
    ));
    handler.answer(&http, &i).await;
    assert_eq!(fake.next_request().await.body.to_string(), second);
}

// ------------------------------------------------------------ the real binary

/// `GET /readyz` of a served pactbot.
async fn readyz(http: &reqwest::Client, url: &str) -> String {
    let r = http
        .get(url.replace("/interactions", "/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

/// Signed requests in a loop until told to stop; returns how many got each
/// status (a 5xx or a transport error would show here).
fn background_load(
    url: String,
    stop: Arc<AtomicBool>,
    sent: Arc<AtomicUsize>,
) -> tokio::task::JoinHandle<Vec<(u16, usize)>> {
    tokio::spawn(async move {
        let http = reqwest::Client::new();
        let bodies = requests();
        let mut counts = std::collections::BTreeMap::<u16, usize>::new();
        let mut i = 0;
        while !stop.load(Ordering::SeqCst) {
            let (status, _) = signed_post(&http, &url, &bodies[i % bodies.len()]).await;
            *counts.entry(status).or_default() += 1;
            i += 1;
            sent.store(i, Ordering::SeqCst);
        }
        counts.into_iter().collect()
    })
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_reloads_on_sighup_and_a_broken_or_missing_folder_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let version = fixture_version();
    write_version(&dir, &version, "");
    let (mut server, url) = Pactbot::serve(Some(&dir)).await;
    let http = reqwest::Client::new();
    let about = discord::command("about", vec![]);
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let load = background_load(url.clone(), Arc::clone(&stop), Arc::clone(&sent));

    assert!(readyz(&http, &url).await.contains(&format!("data v{version}")));
    let (status, before) = signed_post(&http, &url, &about).await;
    assert_eq!(status, 200);
    assert!(before.contains(&format!("dataset v{version}")));

    // 1. A new version: taken up at the next request.
    write_version(&dir, "2099.1.1", " (new)");
    server.signal("HUP");
    let line = server
        .expect_log(&[
            "dataset reloaded",
            "version=2099.1.1",
            &format!("partners={}", fixture_dataset().partners.len()),
        ])
        .await;
    assert!(line.contains("INFO"), "{line}");
    assert!(readyz(&http, &url).await.contains("data v2099.1.1"));
    let (status, after) = signed_post(&http, &url, &about).await;
    assert_eq!(status, 200);
    assert!(after.contains("dataset v2099.1.1"), "{after}");
    let uk = discord::command("agreement", vec![opt("country", "UK", false)]);
    let (_, uk_after) = signed_post(&http, &url, &uk).await;
    assert!(uk_after.contains("Co-operation (new)"));

    // 2. A broken partner file: refused, named in the log; the last good
    //    version keeps answering.
    std::fs::write(dir.join("partners/GB.json"), "{ \"id\": \"GB\", ").unwrap();
    server.signal("HUP");
    let line = server
        .expect_log(&["reload refused", "keeps answering", "partners/GB.json"])
        .await;
    assert!(
        line.contains("ERROR") && line.contains("version=2099.1.1"),
        "{line}"
    );
    assert!(readyz(&http, &url).await.contains("data v2099.1.1"));
    assert_eq!(signed_post(&http, &url, &about).await, (200, after.clone()));
    assert_eq!(signed_post(&http, &url, &uk).await, (200, uk_after.clone()));

    // 3. A dataset that parses but fails validation: refused too.
    write_version(&dir, "2099.2.0", "");
    let aid = dir.join("aid-types.json");
    let text = std::fs::read_to_string(&aid).unwrap();
    std::fs::write(&aid, text.replacen("\"air-defence\"", "\"air-defense-typo\"", 1)).unwrap();
    server.signal("HUP");
    let line = server.expect_log(&["reload refused", "problem(s)"]).await;
    assert!(line.contains("version=2099.1.1"), "{line}");
    assert!(readyz(&http, &url).await.contains("data v2099.1.1"));

    // 4. The folder disappears: refused, still answering.
    std::fs::remove_dir_all(&dir).unwrap();
    server.signal("HUP");
    server
        .expect_log(&["reload refused", "cannot read the data folder"])
        .await;
    assert_eq!(signed_post(&http, &url, &about).await, (200, after.clone()));

    // 5. It comes back, valid: taken up again.
    write_version(&dir, "2099.3.0", "");
    server.signal("HUP");
    server.expect_log(&["dataset reloaded", "version=2099.3.0"]).await;
    let (_, last) = signed_post(&http, &url, &about).await;
    assert!(last.contains("dataset v2099.3.0"), "{last}");

    // The load overlapped the reloads: it has not stopped by itself.
    wait_until(DEADLINE, "ten requests of background load", || {
        sent.load(Ordering::SeqCst) >= 10
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    let counts = load.await.unwrap();
    assert_eq!(counts.len(), 1, "statuses during the reloads: {counts:?}");
    assert_eq!(counts[0].0, 200, "{counts:?}");
    let log = server.stop().await;
    assert_eq!(log.matches("SIGHUP:").count(), 5, "{log}");
    assert!(!log.contains("panicked"), "{log}");
}

#[cfg(unix)]
#[tokio::test]
async fn serve_with_the_built_in_dataset_has_nothing_to_reload() {
    let version = embedded().meta.version.clone();
    let (mut server, url) = Pactbot::serve(None).await;
    let http = reqwest::Client::new();
    server.signal("HUP");
    let line = server.expect_log(&["nothing to reload"]).await;
    assert!(
        line.contains("built-in dataset") && line.contains("--data"),
        "{line}"
    );
    // A second one while serving: still alive, still answering.
    server.signal("HUP");
    server.expect_log(&["nothing to reload"]).await;
    assert!(readyz(&http, &url).await.contains(&format!("data v{version}")));
    let (status, _) = signed_post(&http, &url, &discord::ping()).await;
    assert_eq!(status, 200);
    server.stop().await;
}
