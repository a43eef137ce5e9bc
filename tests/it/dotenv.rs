//! Settings from a `.env` file only: the real binary, run in a folder that
//! holds nothing but `.env`, honours every variable the README documents
//! there as it would from the environment, and the environment wins.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::child::pactbot;
use crate::support::payloads::public_key_hex;

/// A data folder that fails to load: its `meta.json` is not JSON.
fn broken_data(root: &std::path::Path) -> std::path::PathBuf {
    let dir = root.join("broken-data");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("meta.json"), "{ not json").unwrap();
    dir
}

#[test]
fn pactbot_data_and_rust_log_in_dotenv_are_honoured() {
    let (mut ask, dir) = pactbot(&["ask", "/about"], &[]);
    let broken = broken_data(dir.path());

    // Without .env: the built-in data answers, quietly.
    let out = ask.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("settings read"), "{stderr}");

    std::fs::write(
        dir.path().join(".env"),
        format!(
            "# only here\nPACTBOT_DATA={}\nRUST_LOG=pactbot=debug\n",
            broken.display()
        ),
    )
    .unwrap();
    let out = ask.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("loading the dataset from {}", broken.display())),
        "PACTBOT_DATA from .env was not used: {stderr}"
    );
    assert!(
        stderr.contains("DEBUG") && stderr.contains("settings read"),
        "RUST_LOG from .env was not used: {stderr}"
    );

    let (mut check, _) = pactbot(&["check-data"], &[]);
    let out = check.current_dir(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("meta.json"), "{stderr}");

    // The environment wins over .env.
    let out = ask
        .env("RUST_LOG", "warn")
        .env("PACTBOT_DATA", "")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("settings read"), "{stderr}");
    // Set, though empty, in the environment: .env does not replace it, and
    // empty means unset, so the built-in data answers.
    assert!(out.status.success(), "{stderr}");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let out = ask.env("PACTBOT_DATA", data).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn serve_takes_its_key_address_and_cache_from_dotenv() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let (mut serve, dir) = pactbot(&["serve"], &[]);
    serve
        .env_remove("DISCORD_PUBLIC_KEY")
        .env_remove("PACTBOT_LISTEN")
        .env_remove("PACTBOT_ANSWER_CACHE");

    // A malformed setting in .env is an error naming it, exit 2.
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "DISCORD_PUBLIC_KEY={}\nPACTBOT_ANSWER_CACHE=lots\n",
            public_key_hex()
        ),
    )
    .unwrap();
    let out = serve.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("PACTBOT_ANSWER_CACHE is malformed"), "{stderr}");
    assert!(!stderr.contains(&public_key_hex()), "{stderr}");

    std::fs::write(
        dir.path().join(".env"),
        format!(
            "DISCORD_PUBLIC_KEY={}\nPACTBOT_LISTEN=127.0.0.1:{port}\nPACTBOT_ANSWER_CACHE=0\nDISCORD_GUILD_ID=\n",
            public_key_hex()
        ),
    )
    .unwrap();
    let mut child = serve.stderr(Stdio::piped()).spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let want = format!("answering Discord interactions at http://127.0.0.1:{port}/interactions");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &String| l.contains(&want)) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen.iter().any(|l| l.contains(&want)),
        "PACTBOT_LISTEN from .env was not used: {seen:?}"
    );
}
