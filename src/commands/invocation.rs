//! From option values, as a transport hands them over, to a typed
//! [`Command`]: each value checked against its [`OptionSpec`] once.

use super::table::{self, CommandKind, CommandSpec, OptionKind, OptionSpec, COMMANDS};
use super::Command;
use crate::chart::ChartKind;

/// An option value as a transport hands it over: text from a typed line or
/// a Discord string option, an integer from a Discord integer option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Integer(i64),
}

/// An option value after checking against its [`OptionSpec`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Trimmed, non-empty, at most [`table::MAX_TEXT`] characters.
    Text(String),
    /// A page number from 1 to [`table::MAX_PAGE`].
    Page(usize),
    /// A year from [`table::MIN_YEAR`] to [`table::MAX_YEAR`].
    Year(u16),
    /// What `/chart` draws.
    ChartKind(ChartKind),
}

/// A command named with its option values, checked but not yet a [`Command`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub spec: &'static CommandSpec,
    pub args: Vec<(&'static OptionSpec, Value)>,
}

/// Why a command could not be understood. Shown to the user.
///
/// Once the line has named a command of the table, the error carries it
/// ([`CommandError::command`]), so the error reply is tagged with the
/// command without splitting the line or searching the table again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("Type a command, for example `/pledged aid:air defence`.")]
    Empty,
    #[error("There is no command `/{name}`.{}", suggestion.as_ref().map(|s| format!(" Did you mean `/{s}`?")).unwrap_or_default())]
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    #[error("`/{}` has no option `{option}`. Usage: `{usage}`", command.name())]
    UnknownOption {
        command: CommandKind,
        option: String,
        usage: String,
    },
    #[error("`/{}` needs `{option}`. Usage: `{usage}`{}", command.name(), if *pair { format!(" or `/{} A vs B`", command.name()) } else { String::new() })]
    MissingOption {
        command: CommandKind,
        option: &'static str,
        usage: String,
        /// The command also takes its two values as free text ("A vs B"):
        /// each language words that alternative itself, outside the usage.
        pair: bool,
    },
    #[error("`{option}` was given twice.")]
    RepeatedOption {
        command: CommandKind,
        option: &'static str,
    },
    #[error("`{option}`: {reason}")]
    BadValue {
        command: CommandKind,
        option: &'static str,
        reason: BadValueReason,
    },
    #[error("`/{}` takes no input. Usage: `{usage}`", command.name())]
    UnexpectedText { command: CommandKind, usage: String },
}

/// Why a value was refused: typed, so each language words it itself (the
/// English wording is the `Display`; Ukrainian is in `lang::uk_errors`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadValueReason {
    #[error("a page is a number from 1 to {}", table::MAX_PAGE)]
    NotAPage,
    #[error("a year from {} to {}", table::MIN_YEAR, table::MAX_YEAR)]
    NotAYear,
    #[error("too long ({chars} characters; at most {})", table::MAX_TEXT)]
    TooLong { chars: usize },
    /// `given` is already made safe for a code span.
    #[error("there is no chart kind `{given}`.{} The kinds are {}.", nearest.map(|k| format!(" Did you mean `{}`?", k.as_str())).unwrap_or_default(), chart_kinds_md())]
    UnknownChartKind {
        given: String,
        nearest: Option<ChartKind>,
    },
}

/// Every chart kind as code spans: "`timeline`, `money`, …".
pub fn chart_kinds_md() -> String {
    ChartKind::ALL
        .iter()
        .map(|k| format!("`{}`", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl CommandError {
    /// The command the line named, when the table has it: `None` for an
    /// empty line or an unknown command.
    pub fn command(&self) -> Option<CommandKind> {
        match self {
            CommandError::Empty | CommandError::UnknownCommand { .. } => None,
            CommandError::UnknownOption { command, .. }
            | CommandError::MissingOption { command, .. }
            | CommandError::RepeatedOption { command, .. }
            | CommandError::BadValue { command, .. }
            | CommandError::UnexpectedText { command, .. } => Some(*command),
        }
    }
}

impl Invocation {
    /// Checks names and values against the table. `args` are (option name, value).
    pub fn new<'a>(
        command: &str,
        args: impl IntoIterator<Item = (&'a str, Arg)>,
    ) -> Result<Invocation, CommandError> {
        let spec = table::find(command).ok_or_else(|| CommandError::UnknownCommand {
            name: reply_safe(command),
            suggestion: suggest_command(command),
        })?;
        let mut out: Vec<(&'static OptionSpec, Value)> = Vec::new();
        for (name, arg) in args {
            let opt = spec.option(name).ok_or_else(|| CommandError::UnknownOption {
                command: spec.kind,
                option: reply_safe(name),
                usage: spec.usage(),
            })?;
            if out.iter().any(|(o, _)| o.name == opt.name) {
                return Err(CommandError::RepeatedOption {
                    command: spec.kind,
                    option: opt.name,
                });
            }
            if let Some(value) = check(spec, opt, arg)? {
                out.push((opt, value));
            }
        }
        for o in spec.options.iter().filter(|o| o.required) {
            if !out.iter().any(|(g, _)| g.name == o.name) {
                return Err(CommandError::MissingOption {
                    command: spec.kind,
                    option: o.name,
                    usage: spec.usage(),
                    pair: false,
                });
            }
        }
        Ok(Invocation { spec, args: out })
    }

    /// The text of option `name` (empty when absent, which the table's
    /// `required` rules out for every option read this way).
    fn text(&mut self, name: &str) -> String {
        debug_assert!(
            self.spec.option(name).is_some(),
            "{} has no option {name}",
            self.spec.name
        );
        self.args
            .iter_mut()
            .find(|(o, _)| o.name == name)
            .and_then(|(_, v)| match v {
                Value::Text(t) => Some(std::mem::take(t)),
                Value::Page(_) | Value::Year(_) | Value::ChartKind(_) => None,
            })
            .unwrap_or_default()
    }

    /// The year given, if any.
    fn year(&self) -> Option<u16> {
        self.args.iter().find_map(|(_, v)| match v {
            Value::Year(y) => Some(*y),
            Value::Text(_) | Value::Page(_) | Value::ChartKind(_) => None,
        })
    }

    /// The chart kind given (required where the table declares one).
    fn chart_kind(&self) -> Result<ChartKind, CommandError> {
        self.args
            .iter()
            .find_map(|(_, v)| match v {
                Value::ChartKind(k) => Some(*k),
                Value::Text(_) | Value::Page(_) | Value::Year(_) => None,
            })
            .ok_or_else(|| CommandError::MissingOption {
                command: self.spec.kind,
                option: "kind",
                usage: self.spec.usage(),
                pair: false,
            })
    }

    fn page(&self) -> usize {
        self.args
            .iter()
            .find_map(|(_, v)| match v {
                Value::Page(n) => Some(*n),
                Value::Text(_) | Value::Year(_) | Value::ChartKind(_) => None,
            })
            .unwrap_or(1)
    }

    /// The typed command.
    pub fn into_command(mut self) -> Result<Command, CommandError> {
        let page = self.page();
        Ok(match self.spec.kind {
            CommandKind::Ask => Command::Ask {
                question: self.text("question"),
            },
            CommandKind::Agreement => Command::Agreement {
                country: self.text("country"),
                page,
            },
            CommandKind::Pledged => Command::Pledged {
                aid: self.text("aid"),
                group: Some(self.text("group")).filter(|g| !g.is_empty()),
                page,
            },
            CommandKind::Search => Command::Search {
                query: self.text("query"),
                page,
            },
            CommandKind::Compare => Command::Compare {
                first: self.text("first"),
                second: self.text("second"),
                page,
            },
            CommandKind::Timeline => Command::Timeline {
                year: self.year(),
                page,
            },
            CommandKind::Stats => Command::Stats { page },
            CommandKind::About => Command::About { page },
            CommandKind::Help => Command::Help { page },
            CommandKind::Money => Command::Money {
                group: Some(self.text("group")).filter(|g| !g.is_empty()),
                year: self.year(),
                page,
            },
            CommandKind::Chart => Command::Chart {
                kind: self.chart_kind()?,
                aid: Some(self.text("aid")).filter(|a| !a.is_empty()),
            },
        })
    }
}

/// One value checked against its option: `None` for an empty optional value.
fn check(spec: &CommandSpec, opt: &'static OptionSpec, arg: Arg) -> Result<Option<Value>, CommandError> {
    let bad_page = || CommandError::BadValue {
        command: spec.kind,
        option: opt.name,
        reason: BadValueReason::NotAPage,
    };
    let bad_year = || CommandError::BadValue {
        command: spec.kind,
        option: opt.name,
        reason: BadValueReason::NotAYear,
    };
    let text = match arg {
        Arg::Integer(n) if opt.kind == OptionKind::Page => {
            return page_number(n).map(|p| Some(Value::Page(p))).ok_or_else(bad_page)
        }
        Arg::Integer(n) if opt.kind == OptionKind::Year => {
            return year_number(n).map(|y| Some(Value::Year(y))).ok_or_else(bad_year)
        }
        Arg::Integer(n) => n.to_string(),
        Arg::Text(t) => t,
    };
    let text = text.trim();
    let n = text.chars().count();
    if n > table::MAX_TEXT {
        return Err(CommandError::BadValue {
            command: spec.kind,
            option: opt.name,
            reason: BadValueReason::TooLong { chars: n },
        });
    }
    if text.is_empty() {
        if opt.required {
            return Err(CommandError::MissingOption {
                command: spec.kind,
                option: opt.name,
                usage: spec.usage(),
                pair: false,
            });
        }
        return Ok(None);
    }
    match opt.kind {
        OptionKind::Page => text
            .parse::<i64>()
            .ok()
            .and_then(page_number)
            .map(|p| Some(Value::Page(p)))
            .ok_or_else(bad_page),
        OptionKind::Year => text
            .parse::<i64>()
            .ok()
            .and_then(year_number)
            .map(|y| Some(Value::Year(y)))
            .ok_or_else(bad_year),
        OptionKind::ChartKind => ChartKind::parse(text)
            .map(|k| Some(Value::ChartKind(k)))
            .ok_or_else(|| CommandError::BadValue {
                command: spec.kind,
                option: opt.name,
                reason: unknown_chart_kind(text),
            }),
        OptionKind::Partner | OptionKind::Aid | OptionKind::Group | OptionKind::Text => {
            Ok(Some(Value::Text(text.to_string())))
        }
    }
}

/// Names the kind that is not one and the nearest if it is close.
fn unknown_chart_kind(typed: &str) -> BadValueReason {
    let lower = typed.to_lowercase();
    let nearest = ChartKind::ALL
        .iter()
        .map(|k| (strsim::osa_distance(&lower, k.as_str()), *k))
        // One slip in a short word, two in a longer one ("pie" is not "aid").
        .filter(|(d, k)| *d <= if k.as_str().len() <= 4 { 1 } else { 2 })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    BadValueReason::UnknownChartKind {
        given: reply_safe(typed),
        nearest,
    }
}

fn page_number(n: i64) -> Option<usize> {
    if (1..=table::MAX_PAGE).contains(&n) {
        usize::try_from(n).ok()
    } else {
        None
    }
}

fn year_number(n: i64) -> Option<u16> {
    if (table::MIN_YEAR..=table::MAX_YEAR).contains(&n) {
        u16::try_from(n).ok()
    } else {
        None
    }
}

fn reply_safe(s: &str) -> String {
    super::execute::format::code_span_safe(s, 40)
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
