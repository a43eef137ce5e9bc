//! pactbot: answers questions about Ukraine's bilateral long-term security
//! agreements from a curated, sourced dataset.
//!
//! The core — [`dataset`], [`search`], [`commands`], [`lang`], [`reply`] — is
//! free of any transport: the CLI, the Discord gateway and the HTTP
//! interactions endpoint all call [`commands::execute`] in the reader's
//! [`lang::Lang`] and render its [`reply::Reply`]. A test below holds the
//! core to that.

#![forbid(unsafe_code)]

pub mod answers;
pub mod chart;
pub mod commands;
pub mod dataset;
pub mod discord;
pub mod figures;
pub mod lang;
pub mod question;
pub mod render;
pub mod reply;
pub mod search;
pub mod telegram;

use commands::{parse, Command};
use dataset::Dataset;
use lang::Lang;
use reply::Reply;

/// Parses and answers one command line in `lang`, as the bot would, for a
/// reader (text or Discord): the `--json` data is not built.
///
/// A line not starting with `/` is a plain-language question, answered as
/// the command it maps to (in Ukrainian when it is written in Ukrainian).
pub fn answer(ds: &Dataset, line: &str, lang: Lang) -> Reply {
    if question::is_question(line) {
        return commands::answer_question(ds, line, lang, false);
    }
    match parse(line) {
        Ok(cmd) => commands::execute(ds, &cmd, lang),
        Err(e) => commands::error_reply(ds, &e, lang),
    }
}

/// The same answer with its `--json` data, for `render::json`.
pub fn answer_json(ds: &Dataset, line: &str, lang: Lang) -> Reply {
    if question::is_question(line) {
        return commands::answer_question(ds, line, lang, true);
    }
    match parse(line) {
        Ok(cmd) => commands::execute_json(ds, &cmd, lang),
        Err(e) => commands::error_reply(ds, &e, lang),
    }
}
/// Parses a command line; the `Command` is also what page buttons carry.
pub fn parse_line(line: &str) -> Result<Command, commands::CommandError> {
    parse(line)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// The transport-free core, as `src/` paths; each must exist, so a
    /// rename cannot make the guard pass by reading nothing.
    const CORE: &[&str] = &[
        "dataset",
        "search",
        "question",
        "commands",
        "lang",
        "reply.rs",
        "answers",
        "answers.rs",
        "render",
        "chart",
        "figures",
    ];
    const TRANSPORTS: &[&str] = &["serenity", "teloxide", "axum", "tokio", "tower", "hyper"];

    fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
        if path.is_dir() {
            for entry in std::fs::read_dir(path).expect("readable source folder") {
                rust_files(&entry.expect("directory entry").path(), out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_path_buf());
        }
    }

    /// Every use of a transport crate in code: a path (`tokio::spawn`), an
    /// import (`use tokio`, `use {tokio, …}` is caught by the path form once
    /// used) or an `extern crate`. Prose in comments may name them.
    fn uses_of(source: &str, krate: &str) -> Vec<String> {
        source
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.starts_with("//"))
            .filter(|l| {
                l.contains(&format!("{krate}::"))
                    || l.starts_with(&format!("use {krate}"))
                    || l.contains(&format!("extern crate {krate}"))
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_core_never_uses_a_transport_crate() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for part in CORE {
            let path = src.join(part);
            assert!(path.exists(), "{} is gone: update CORE", path.display());
            rust_files(&path, &mut files);
        }
        assert!(files.len() > 20, "{files:?}");
        let mut found = Vec::new();
        for file in &files {
            let source = std::fs::read_to_string(file).expect("readable source");
            for krate in TRANSPORTS {
                for line in uses_of(&source, krate) {
                    found.push(format!("{}: {line}", file.display()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "transport crates in the core:\n{}",
            found.join("\n")
        );
        // The check itself sees a use.
        assert_eq!(
            uses_of("    let rt = tokio::runtime::Builder::new();", "tokio").len(),
            1
        );
        assert_eq!(uses_of("use axum::Router;", "axum").len(), 1);
        assert!(uses_of("// no tokio::spawn here", "tokio").is_empty());
    }
}
