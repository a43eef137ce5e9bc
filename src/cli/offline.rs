//! The subcommands that answer without Discord: `ask`, `repl`, `check-data`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

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

/// How `pactbot ask` writes its answer.
pub(super) struct Output {
    pub json: bool,
    pub discord: bool,
    /// Where to write the answer's picture.
    pub out: Option<PathBuf>,
}

/// `pactbot ask`: one command, or one a line from stdin with `-`. A bad
/// command is a usage error (exit 2, the reason on stderr); the structured
/// formats still print their document first. With `--out`, the answer's
/// picture is written to that file, and an answer without one is an error
/// (after the answer is printed).
pub(super) fn ask(data: Option<&Path>, output: Output, lang: Lang, command: &str) -> Result<(), Failure> {
    let Output { json, discord, out } = output;
    if command == "-" && out.is_some() {
        return Err(Failure::Usage(
            "--out writes the picture of one command; it does not go with `-`".into(),
        ));
    }
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
    // The picture is written before the answer prints, so that the text
    // leaves out its line on how to save the picture only once it is saved;
    // a failed write still prints the answer, then reports the failure.
    let written = match (&out, &reply.image) {
        (Some(path), Some(image)) if reply.status != Status::Error => Some(
            write_atomically(path, &image.png)
                .with_context(|| format!("writing the picture to {}", path.display())),
        ),
        _ => None,
    };
    let saved = matches!(written, Some(Ok(())));
    if reply.status != Status::Error || !matches!(format, Format::Text) {
        let text = match format {
            Format::Text if saved => pactbot::render::text::render_picture_saved(&reply),
            _ => answers::render_reply(&reply, format),
        };
        writeln!(std::io::stdout().lock(), "{text}")?;
    }
    if let (Some(result), Some(path), Some(image)) = (written, &out, &reply.image) {
        result?;
        writeln!(
            std::io::stderr().lock(),
            "wrote {} ({} × {} px, {} bytes)",
            path.display(),
            image.width,
            image.height,
            image.byte_len()
        )?;
    }
    let not_written = |path: &Path| format!("no picture, so {} was not written", path.display());
    if reply.status == Status::Error {
        let reason = reply.description.lines().next().unwrap_or_default();
        return Err(Failure::Usage(match &out {
            Some(path) => format!("{reason} ({})", not_written(path)),
            None => reason.to_string(),
        }));
    }
    match out {
        Some(path) if !saved => Err(Failure::Usage(format!(
            "the answer to {command:?} has {} (only /chart draws one)",
            not_written(&path)
        ))),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed over it once complete: a reader never sees half a picture, and
/// a failure leaves an existing file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
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
