//! Commands: the declarative table, parsing into a typed [`Command`], and
//! [`execute`], which every transport calls.
//!
//! Transport-free: text from the CLI and options from a Discord interaction
//! both become an [`Invocation`], checked against the table, then a
//! [`Command`].

mod autocomplete;
mod execute;
mod parse;
pub mod table;

pub use autocomplete::{autocomplete, Choice};
pub use execute::{error_reply, execute, flag, money_amount};
pub use parse::parse;
pub use table::{CommandSpec, OptionKind, OptionSpec, COMMANDS};

/// A command ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Agreement {
        country: String,
        page: usize,
    },
    Pledged {
        aid: String,
        page: usize,
    },
    Search {
        query: String,
        page: usize,
    },
    Compare {
        first: String,
        second: String,
        page: usize,
    },
    Timeline {
        page: usize,
    },
    Stats {
        page: usize,
    },
    About {
        page: usize,
    },
    Help {
        page: usize,
    },
}

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::Agreement { .. } => "agreement",
            Command::Pledged { .. } => "pledged",
            Command::Search { .. } => "search",
            Command::Compare { .. } => "compare",
            Command::Timeline { .. } => "timeline",
            Command::Stats { .. } => "stats",
            Command::About { .. } => "about",
            Command::Help { .. } => "help",
        }
    }

    /// The command line that runs this command again, parseable by [`parse`]
    /// (used for page buttons, so it must stay short).
    pub fn to_line(&self) -> String {
        let page = |p: &usize| {
            if *p > 1 {
                format!(" page:{p}")
            } else {
                String::new()
            }
        };
        match self {
            Command::Agreement { country, page: p } => format!("/agreement country:{country}{}", page(p)),
            Command::Pledged { aid, page: p } => format!("/pledged aid:{aid}{}", page(p)),
            Command::Search { query, page: p } => format!("/search query:{query}{}", page(p)),
            Command::Compare {
                first,
                second,
                page: p,
            } => {
                format!("/compare first:{first} second:{second}{}", page(p))
            }
            Command::Timeline { page: p }
            | Command::Stats { page: p }
            | Command::About { page: p }
            | Command::Help { page: p } => format!("/{}{}", self.name(), page(p)),
        }
    }
}

/// A command named with its option values, not yet typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub spec: &'static CommandSpec,
    pub args: Vec<(&'static OptionSpec, String)>,
}

/// Why a command could not be understood. Shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("Type a command, for example `/pledged aid:air defence`.")]
    Empty,
    #[error("There is no command `/{name}`.{}", suggestion.as_ref().map(|s| format!(" Did you mean `/{s}`?")).unwrap_or_default())]
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    #[error("`/{command}` has no option `{option}`. Usage: `{usage}`")]
    UnknownOption {
        command: &'static str,
        option: String,
        usage: String,
    },
    #[error("`/{command}` needs `{option}`. Usage: `{usage}`")]
    MissingOption {
        command: &'static str,
        option: &'static str,
        usage: String,
    },
    #[error("`{option}` was given twice.")]
    RepeatedOption { option: &'static str },
    #[error("`{option}`: {reason}")]
    BadValue { option: &'static str, reason: String },
    #[error("`/{command}` takes no input. Usage: `{usage}`")]
    UnexpectedText { command: &'static str, usage: String },
}

impl Invocation {
    /// Checks names and values against the table. `args` are (option name, raw value).
    pub fn new<'a>(
        command: &str,
        args: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Result<Invocation, CommandError> {
        let spec = table::find(command).ok_or_else(|| CommandError::UnknownCommand {
            name: reply_safe(command),
            suggestion: suggest_command(command),
        })?;
        let mut out: Vec<(&'static OptionSpec, String)> = Vec::new();
        for (name, value) in args {
            let opt = spec.option(name).ok_or_else(|| CommandError::UnknownOption {
                command: spec.name,
                option: reply_safe(name),
                usage: spec.usage(),
            })?;
            if out.iter().any(|(o, _)| o.name == opt.name) {
                return Err(CommandError::RepeatedOption { option: opt.name });
            }
            let value = value.trim().to_string();
            let n = value.chars().count();
            if n > table::MAX_TEXT {
                return Err(CommandError::BadValue {
                    option: opt.name,
                    reason: format!("too long ({n} characters; at most {})", table::MAX_TEXT),
                });
            }
            if value.is_empty() {
                if opt.required {
                    return Err(CommandError::MissingOption {
                        command: spec.name,
                        option: opt.name,
                        usage: spec.usage(),
                    });
                }
                continue;
            }
            out.push((opt, value));
        }
        for o in spec.options.iter().filter(|o| o.required) {
            if !out.iter().any(|(g, _)| g.name == o.name) {
                return Err(CommandError::MissingOption {
                    command: spec.name,
                    option: o.name,
                    usage: spec.usage(),
                });
            }
        }
        Ok(Invocation { spec, args: out })
    }

    fn text(&self, name: &str) -> String {
        self.args
            .iter()
            .find(|(o, _)| o.name == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn page(&self) -> Result<usize, CommandError> {
        match self.args.iter().find(|(o, _)| o.kind == OptionKind::Page) {
            None => Ok(1),
            Some((o, v)) => match v.parse::<i64>() {
                Ok(n) if (1..=table::MAX_PAGE).contains(&n) => Ok(usize::try_from(n).unwrap_or(1)),
                _ => Err(CommandError::BadValue {
                    option: o.name,
                    reason: format!("a page is a number from 1 to {}", table::MAX_PAGE),
                }),
            },
        }
    }

    /// The typed command.
    pub fn into_command(self) -> Result<Command, CommandError> {
        let page = self.page()?;
        Ok(match self.spec.name {
            "agreement" => Command::Agreement {
                country: self.text("country"),
                page,
            },
            "pledged" => Command::Pledged {
                aid: self.text("aid"),
                page,
            },
            "search" => Command::Search {
                query: self.text("query"),
                page,
            },
            "compare" => Command::Compare {
                first: self.text("first"),
                second: self.text("second"),
                page,
            },
            "timeline" => Command::Timeline { page },
            "stats" => Command::Stats { page },
            "about" => Command::About { page },
            _ => Command::Help { page },
        })
    }
}

/// User text as it may appear inside an error message, where it always sits
/// in a code span (`` `/{name}` ``). Markdown is not parsed there but
/// backslash escapes would show literally, so nothing is escaped: a backtick,
/// which would end the span, becomes `ˋ`; control and direction characters
/// are dropped; a zero-width space after `<` and `@` keeps mention syntax
/// (`@everyone`, `<@123>`, `<#789>`) inert.
fn reply_safe(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_control()
            || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            continue;
        }
        out.push(if ch == '`' { 'ˋ' } else { ch });
        if matches!(ch, '<' | '@') {
            out.push('\u{200B}');
        }
    }
    crate::reply::clip(out.trim(), 40)
}

/// The nearest command name to a mistyped one, if it is close.
fn suggest_command(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    COMMANDS
        .iter()
        .flat_map(|c| [(c.name, c.name), (c.name_uk, c.name)])
        .map(|(alias, canonical)| (strsim::osa_distance(&lower, alias), canonical))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_line_round_trips_through_the_parser() {
        for c in [
            Command::Agreement {
                country: "GB".into(),
                page: 2,
            },
            Command::Pledged {
                aid: "air-defence".into(),
                page: 1,
            },
            Command::Search {
                query: "Japan drones".into(),
                page: 3,
            },
            Command::Compare {
                first: "DE".into(),
                second: "FR".into(),
                page: 1,
            },
            Command::Timeline { page: 2 },
            Command::Stats { page: 1 },
            Command::About { page: 2 },
            Command::Help { page: 1 },
        ] {
            assert_eq!(parse(&c.to_line()), Ok(c.clone()), "{}", c.to_line());
        }
    }

    #[test]
    fn misspelt_commands_get_a_suggestion() {
        match parse("/plegded aid:drones") {
            Err(CommandError::UnknownCommand { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("pledged"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse("/zzzzzz"),
            Err(CommandError::UnknownCommand { suggestion: None, .. })
        ));
    }

    #[test]
    fn values_are_checked() {
        assert!(matches!(
            parse("/timeline page:0"),
            Err(CommandError::BadValue { option: "page", .. })
        ));
        assert!(matches!(
            parse("/timeline page:abc"),
            Err(CommandError::BadValue { .. })
        ));
        let long = format!("/search query:{}", "a".repeat(300));
        assert!(matches!(
            parse(&long),
            Err(CommandError::BadValue { option: "query", .. })
        ));
        assert!(matches!(
            parse("/agreement"),
            Err(CommandError::MissingOption {
                option: "country",
                ..
            })
        ));
        assert!(matches!(
            parse("/agreement country:GB country:FR"),
            Err(CommandError::RepeatedOption { .. })
        ));
    }
}
