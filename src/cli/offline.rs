//! The subcommands that answer without Discord: `ask`, `repl`, `check-data`.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use pactbot::answers::{self, Answers, Format};
use pactbot::dataset::{Dataset, Snapshot};
use pactbot::lang::Lang;
use pactbot::reply::Status;

use super::Failure;

/// The dataset from `dir`, else the built-in one, with the folder named in
/// the error.
pub(super) fn load(dir: Option<&Path>) -> anyhow::Result<Dataset> {
    Dataset::load(dir).with_context(|| match dir {
        Some(d) => format!("loading the dataset from {}", d.display()),
        None => "loading the built-in dataset".to_string(),
    })
}

/// `pactbot ask`: one command, or one a line from stdin with `-`. A bad
/// command is a usage error (exit 2, the reason on stderr); the structured
/// formats still print their document first.
pub(super) fn ask(
    data: Option<&Path>,
    json: bool,
    discord: bool,
    lang: Lang,
    command: &str,
) -> Result<(), Failure> {
    let ds = load(data)?;
    let format = if json {
        Format::Json
    } else if discord {
        Format::DiscordMessage
    } else {
        Format::Text
    };
    if command == "-" {
        return batch(Snapshot::new(ds), format, lang);
    }
    let reply = if json {
        pactbot::answer_json(&ds, command, lang)
    } else {
        pactbot::answer(&ds, command, lang)
    };
    if reply.status != Status::Error || !matches!(format, Format::Text) {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            answers::render_reply(&reply, format)
        )?;
    }
    if reply.status == Status::Error {
        let reason = reply.description.lines().next().unwrap_or_default();
        return Err(Failure::Usage(reason.to_string()));
    }
    Ok(())
}

/// One command a line in, one answer out (one JSON document a line with
/// `--json`). Bad lines are answered with `status: error`; the exit code is
/// 0 once all input was answered. A command asked again (however it is
/// typed) is answered from memory: see `pactbot::answers`.
fn batch(snap: Snapshot, format: Format, lang: Lang) -> Result<(), Failure> {
    let answers = Answers::default();
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line.context("reading standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = answers.line(&snap, &line, format, lang);
        writeln!(out, "{}", answer.body)?;
        if matches!(format, Format::Text) {
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `pactbot repl`: commands typed one at a time, until end of input or quit.
pub(super) fn repl(data: Option<&Path>) -> Result<(), Failure> {
    let ds = load(data)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "pactbot — data as of {}. Type a command such as /pledged aid:air defence, /help, or quit.",
        ds.meta.as_of
    )?;
    let stdin = std::io::stdin();
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if matches!(line, "quit" | "exit" | "/quit" | "/exit") {
            break;
        }
        let reply = pactbot::answer(&ds, line, Lang::En);
        writeln!(out, "{}", pactbot::render::text::render(&reply))?;
    }
    Ok(())
}

/// `pactbot check-data`: validates a folder (or the built-in data) and says
/// what it holds, or lists every problem (exit 1).
pub(super) fn check_data(dir: Option<&Path>) -> Result<(), Failure> {
    let ds = Dataset::load(dir).with_context(|| match dir {
        Some(d) => d.display().to_string(),
        None => "the built-in dataset".to_string(),
    })?;
    writeln!(
        std::io::stdout().lock(),
        "ok: {} partners, {} aid types, {} countries without an agreement; as of {} (v{})",
        ds.partners.len(),
        ds.aid_types.len(),
        ds.countries.len(),
        ds.meta.as_of,
        ds.meta.version
    )?;
    Ok(())
}
