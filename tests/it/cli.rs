//! Runs the real `pactbot` binary: the README's offline command, the JSON
//! contract of DESIGN.md, exit codes, batch mode, the REPL and check-data.

use std::io::Write;
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::support::child::pactbot;
use crate::support::data::{copy_tree, embedded, shipped_dir};

/// `pactbot args…` in an empty folder with none of our variables set.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let (mut c, _dir) = pactbot(args, env);
    c.output().expect("run pactbot")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let (mut c, _dir) = pactbot(args, &[]);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn pactbot");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&stdout(&o)).expect("one JSON document")
}

#[test]
fn the_readme_command_answers_offline() {
    let o = run(&["ask", "/pledged aid:air defence"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("**Air defence"), "{text}");
    assert!(
        text.contains("United Kingdom") && text.contains("Norway"),
        "{text}"
    );
    // Sources are named by their outlet: "[gov.uk](https://…)".
    assert!(text.contains("](https://"), "cites sources: {text}");
}

#[test]
fn pledged_json_follows_the_contract() {
    let v = json(&["ask", "--json", "/pledged aid:air defence"]);
    assert_eq!(v["command"], "pledged");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["aid"]["id"], "air-defence");
    assert_eq!(v["aid"]["name"], "Air defence");
    let partners = v["partners"].as_array().expect("partners");
    assert!(partners.len() >= 5);
    for p in partners {
        for key in ["id", "name", "detail"] {
            assert!(p[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {p}");
        }
        assert!(!p["sources"].as_array().expect("sources").is_empty());
    }
    // In signing order.
    let signed: Vec<_> = partners
        .iter()
        .map(|p| {
            let id = p["id"].as_str().unwrap();
            let partner = embedded().partners.iter().find(|x| x.id.as_str() == id);
            partner
                .unwrap_or_else(|| panic!("{id} is a partner"))
                .agreement
                .signed
        })
        .collect();
    assert!(signed.is_sorted(), "not in signing order: {signed:?}");
}

#[test]
fn agreement_json_for_a_typo_is_the_right_partner() {
    let v = json(&["ask", "--json", "/agreement country:Frnace"]);
    assert_eq!(v["command"], "agreement");
    assert_eq!(v["status"], "ok");
    let p = &v["partner"];
    assert_eq!(p["id"], "FR");
    assert_eq!(p["name"], "France");
    assert_eq!(p["signed"], "2024-02-16");
    assert!(p["place"].as_str().unwrap().contains("Paris"));
    assert!(p["signatories"]["partner"][0]["name"]
        .as_str()
        .unwrap()
        .contains("Macron"));
    assert!(!p["aid"].as_array().unwrap().is_empty());
    assert!(!p["sources"].as_array().unwrap().is_empty());
    // The positional form answers the same.
    assert_eq!(
        json(&["ask", "--json", "/agreement France"])["partner"]["id"],
        "FR"
    );
}

#[test]
fn non_partners_and_junk_are_answers_not_errors() {
    let v = json(&["ask", "--json", "/agreement country:Slovakia"]);
    assert_eq!(v["status"], "not_a_partner");
    assert_eq!(v["country"]["id"], "SK");
    let v = json(&["ask", "--json", "/agreement country:Угорщина"]);
    assert_eq!(v["status"], "not_a_partner");
    assert_eq!(v["country"]["id"], "HU");
    let v = json(&["ask", "--json", "/agreement country:pizza delivery"]);
    assert_eq!(v["status"], "no_match");
    // Nothing close enough to suggest: no suggestion and no candidate.
    for key in ["suggestions", "candidates"] {
        assert!(
            v.get(key).is_none() || v[key] == serde_json::json!([]),
            "{key} for junk: {v}"
        );
    }
    // An ambiguous prefix names the candidates instead.
    let v = json(&["ask", "--json", "/agreement country:austr"]);
    assert_eq!(v["status"], "no_match");
    let ids: Vec<&str> = v["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"AT") && ids.contains(&"AU"), "{v}");
}

#[test]
fn invalid_commands_exit_2_with_the_error_on_stderr() {
    let o = run(&["ask", "/plegded aid:drones"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/pledged"), "suggests the command: {err}");
    assert!(stdout(&o).is_empty());
    let o = run(&["ask", "--json", "/agreement"]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["status"], "error");
    assert!(v["error"].as_str().unwrap().contains("country"));
    // A usage error from clap is 2 as well.
    assert_eq!(run(&["ask"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn discord_output_is_the_exact_interaction_response() {
    let o = run(&["ask", "--discord", "/agreement country:GB"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["type"], 4);
    assert_eq!(v["data"]["allowed_mentions"]["parse"], serde_json::json!([]));
    let embed = &v["data"]["embeds"][0];
    assert!(embed["title"].as_str().unwrap().contains("United Kingdom"));
    // The card has no fields (Discord then omits the key); details follow.
    assert!(embed["fields"].as_array().map_or(0, Vec::len) <= 25);
    // Paginated: a next button that carries the next page's command.
    let next = &v["data"]["components"][0]["components"][2];
    assert_eq!(next["custom_id"], "pg:/agreement country:GB page:2");
}

#[test]
fn batch_mode_answers_one_json_a_line() {
    let o = run_stdin(
        &["ask", "--json", "-"],
        "/agreement Japan\n\n/pledged drones\n/nope\n/stats\n",
    );
    assert!(o.status.success());
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let statuses: Vec<&str> = lines.iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["ok", "ok", "error", "ok"]);
    assert_eq!(lines[0]["partner"]["id"], "JP");
    assert_eq!(lines[1]["aid"]["id"], "drones");
}

#[test]
fn repl_answers_until_quit() {
    let o = run_stdin(&["repl"], "/help\n/agreement Poland\nquit\n/stats\n");
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("How to use pactbot"));
    assert!(out.contains("Poland"));
    assert!(!out.contains("in numbers"), "stopped at quit");
}

#[test]
fn check_data_accepts_the_shipped_data_and_refuses_a_broken_folder_naming_the_file() {
    let data = shipped_dir();
    let o = run(&["check-data", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ok = format!("ok: {} partners", embedded().partners.len());
    assert!(stdout(&o).starts_with(&ok), "{}", stdout(&o));

    let dir = tempfile::tempdir().unwrap();
    copy_tree(&data, dir.path());
    // An unknown aid id, a pledge without a source, and a name that Germany already has.
    let fr = dir.path().join("partners/FR.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&fr).unwrap()).unwrap();
    v["aid"][0]["aid"] = "space-lasers".into();
    v["aid"][1]["sources"] = serde_json::json!([]);
    v["names"]["abbreviations"]
        .as_array_mut()
        .unwrap()
        .push("Deutschland".into());
    // A Ukrainian word written with the ASCII apostrophe, not ’.
    v["notable"][0]["uk"] = "Об'єкти критичної інфраструктури.".into();
    std::fs::write(&fr, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    // A bad date in another file.
    let it = dir.path().join("partners/IT.json");
    let text = std::fs::read_to_string(&it)
        .unwrap()
        .replace("2024-02-24", "2024-02-30");
    std::fs::write(&it, text).unwrap();

    let o = run(&["check-data", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("partners/FR.json") && err.contains("space-lasers"),
        "{err}"
    );
    assert!(err.contains("has no source"), "{err}");
    assert!(err.contains("Deutschland"), "{err}");
    assert!(
        err.contains("notable[0] (uk) writes the apostrophe of \"Об'єкти\" as U+0027"),
        "{err}"
    );
    assert!(
        err.contains("partners/IT.json") && err.contains("cannot parse"),
        "{err}"
    );
    assert!(
        !err.contains("official_count"),
        "no knock-on problem from the unparsed file: {err}"
    );

    // The bot refuses to answer from it rather than half-loading.
    let o = run(&["ask", "--data", dir.path().to_str().unwrap(), "/stats"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run_env(
        &["ask", "/stats"],
        &[("PACTBOT_DATA", dir.path().to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(1), "PACTBOT_DATA is honoured");
    let o = run(&["check-data", "/nonexistent/pactbot-data"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read"));
}

#[test]
fn lang_picks_the_replys_language_and_json_names_it() {
    for (flag, want) in [
        (None, "en"),
        (Some("en"), "en"),
        (Some("uk"), "uk"),
        (Some("UK"), "uk"),
    ] {
        let mut args = vec!["ask", "--json"];
        if let Some(l) = flag {
            args.extend(["--lang", l]);
        }
        args.push("/compare Germany vs France");
        let v = json(&args);
        assert_eq!(v["lang"], want, "{args:?}");
        // compare's JSON carries what its text shows: signatories and money.
        assert_eq!(v["first"]["id"], "DE");
        assert!(v["first"]["signatories"][0]["name"].is_string(), "{v}");
        assert!(v["first"]["money"].is_array(), "{v}");
    }
    let lines = stdout(&run_stdin(
        &["ask", "--json", "--lang", "uk", "-"],
        "/timeline\n/nope\n",
    ));
    for l in lines.lines() {
        let v: Value = serde_json::from_str(l).expect("json line");
        assert_eq!(v["lang"], "uk", "{l}");
    }
    let o = run(&["ask", "--lang", "ru", "/timeline"]);
    assert_eq!(o.status.code(), Some(2), "clap's usage error");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("ru") && err.contains("en or uk"), "{err}");
}

/// Waits for `child` to exit, polling until a deadline.
fn wait_exit(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + crate::support::wait::DEADLINE;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what}: still running after {:?}", crate::support::wait::DEADLINE);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// `pactbot ask … | head -1`: the reader of our output goes away. Writes then
/// fail with EPIPE (Rust ignores SIGPIPE), and pactbot must stop at once,
/// quietly and with status 0 — no panic from a `println!`, no `error:` line,
/// no answering the rest of its input into the void. The child's stdout here
/// is a pipe whose read end was closed before anything was written.
#[test]
fn a_closed_stdout_ends_the_batch_quietly_with_status_0() {
    // Enough lines that the answers overflow every buffer between us.
    let lines: String = [
        "/pledged aid:air defence\n",
        "/agreement Japan\n",
        "/nope\n",
        "/stats\n",
    ]
    .iter()
    .cycle()
    .take(4_000)
    .copied()
    .collect();
    for args in [
        &["ask", "--json", "-"][..],
        &["ask", "-"],
        &["ask", "--json", "/agreement Japan"],
    ] {
        let (mut c, _dir) = pactbot(args, &[]);
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pactbot");
        drop(child.stdout.take().expect("stdout"));
        let mut stdin = child.stdin.take().expect("stdin");
        let input = lines.clone();
        // pactbot may stop reading at any point: a failed write here is fine.
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let status = wait_exit(&mut child, &format!("{args:?}"));
        feeder.join().expect("feeder");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
            .expect("read stderr");
        assert_eq!(status.code(), Some(0), "{args:?}: {status}, stderr: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error"),
            "{args:?}: stderr: {stderr}"
        );
    }
}
