//! `/chart` and its picture, delivered everywhere: `ask --out` writes the
//! PNG, the HTTP endpoint defers and edits it in as multipart, the gateway
//! uploads it with the callback, Telegram sends it with sendPhoto.

use std::process::Output;

use crate::support::child::pactbot;

/// `pactbot args…` in an empty folder (returned, to look for files in it).
fn run_in(args: &[&str]) -> (Output, tempfile::TempDir) {
    let (mut c, dir) = pactbot(args, &[]);
    let o = c.output().expect("run pactbot");
    (o, dir)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn out_with_an_answer_that_has_no_picture_prints_it_and_names_the_file_not_written() {
    let (o, dir) = run_in(&["ask", "--out", "t.png", "/timeline"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("**"), "the answer still prints");
    let err = text(&o.stderr);
    assert!(err.contains("no picture") && err.contains("t.png"), "{err}");
    assert!(!dir.path().join("t.png").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left behind"
    );
}

#[test]
fn out_does_not_go_with_a_batch() {
    let (o, _dir) = run_in(&["ask", "--out", "t.png", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--out"), "{}", text(&o.stderr));
}
