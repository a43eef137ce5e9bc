//! Commands: the declarative table, parsing into a typed [`Command`], and
//! [`execute`], which every transport calls.
//!
//! Transport-free: text from the CLI and options from a Discord interaction
//! both become an [`Invocation`], checked against the table, then a
//! [`Command`].

mod ask;
mod autocomplete;
mod execute;
mod parse;
pub mod table;

pub use ask::answer_question;
pub use autocomplete::autocomplete;
pub use execute::{error_reply, execute, execute_json};
pub use parse::parse;
pub use table::{CommandKind, CommandSpec, OptionKind, OptionSpec, COMMANDS};

/// A command ready to run: every option is a typed value, checked against
/// the table. `Hash + Eq` so an answer can be cached by its command.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Command {
    /// A question in plain words, answered as the command it maps to.
    Ask { question: String },
    /// One partner's agreement.
    Agreement { country: String, page: usize },
    /// Every partner that pledged one kind of aid.
    Pledged {
        aid: String,
        /// Only partners of this group (`groups.json` id or name).
        group: Option<String>,
        page: usize,
    },
    /// Free text: a partner, an aid type or both.
    Search { query: String, page: usize },
    /// Two partners side by side.
    Compare {
        first: String,
        second: String,
        page: usize,
    },
    /// Every signing in order.
    Timeline { page: usize },
    /// Counts and sums.
    Stats { page: usize },
    /// What the data covers.
    About { page: usize },
    /// How to use the bot.
    Help { page: usize },
}

impl Command {
    /// Which command of the table this is.
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::Ask { .. } => CommandKind::Ask,
            Command::Agreement { .. } => CommandKind::Agreement,
            Command::Pledged { .. } => CommandKind::Pledged,
            Command::Search { .. } => CommandKind::Search,
            Command::Compare { .. } => CommandKind::Compare,
            Command::Timeline { .. } => CommandKind::Timeline,
            Command::Stats { .. } => CommandKind::Stats,
            Command::About { .. } => CommandKind::About,
            Command::Help { .. } => CommandKind::Help,
        }
    }

    /// The English name, as in the table (`pledged`).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The page asked for (1-based).
    pub fn page(&self) -> usize {
        match self {
            Command::Agreement { page, .. }
            | Command::Pledged { page, .. }
            | Command::Search { page, .. }
            | Command::Compare { page, .. }
            | Command::Timeline { page }
            | Command::Stats { page }
            | Command::About { page }
            | Command::Help { page } => *page,
            // The answer's own pages are the mapped command's.
            Command::Ask { .. } => 1,
        }
    }

    /// The same command showing another page.
    #[must_use]
    pub fn with_page(&self, n: usize) -> Command {
        let mut c = self.clone();
        match &mut c {
            Command::Agreement { page, .. }
            | Command::Pledged { page, .. }
            | Command::Search { page, .. }
            | Command::Compare { page, .. }
            | Command::Timeline { page }
            | Command::Stats { page }
            | Command::About { page }
            | Command::Help { page } => *page = n,
            Command::Ask { .. } => {}
        }
        c
    }

    /// The command line that runs this command again, parseable by [`parse`]
    /// (used for page buttons, so it must stay short).
    pub fn to_line(&self) -> String {
        let page = match self.page() {
            p if p > 1 => format!(" page:{p}"),
            _ => String::new(),
        };
        match self {
            Command::Ask { question } => format!("/ask question:{question}"),
            Command::Agreement { country, .. } => format!("/agreement country:{country}{page}"),
            Command::Pledged { aid, group, .. } => {
                let group = group.as_ref().map(|g| format!(" group:{g}")).unwrap_or_default();
                format!("/pledged aid:{aid}{group}{page}")
            }
            Command::Search { query, .. } => format!("/search query:{query}{page}"),
            Command::Compare { first, second, .. } => {
                format!("/compare first:{first} second:{second}{page}")
            }
            Command::Timeline { .. }
            | Command::Stats { .. }
            | Command::About { .. }
            | Command::Help { .. } => {
                format!("/{}{page}", self.name())
            }
        }
    }
}

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
}

/// A command named with its option values, checked but not yet a [`Command`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub spec: &'static CommandSpec,
    pub args: Vec<(&'static OptionSpec, Value)>,
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
                command: spec.name,
                option: reply_safe(name),
                usage: spec.usage(),
            })?;
            if out.iter().any(|(o, _)| o.name == opt.name) {
                return Err(CommandError::RepeatedOption { option: opt.name });
            }
            if let Some(value) = check(spec, opt, arg)? {
                out.push((opt, value));
            }
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
                Value::Page(_) => None,
            })
            .unwrap_or_default()
    }

    fn page(&self) -> usize {
        self.args
            .iter()
            .find_map(|(_, v)| match v {
                Value::Page(n) => Some(*n),
                Value::Text(_) => None,
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
            CommandKind::Timeline => Command::Timeline { page },
            CommandKind::Stats => Command::Stats { page },
            CommandKind::About => Command::About { page },
            CommandKind::Help => Command::Help { page },
        })
    }
}

/// One value checked against its option: `None` for an empty optional value.
fn check(spec: &CommandSpec, opt: &'static OptionSpec, arg: Arg) -> Result<Option<Value>, CommandError> {
    let bad_page = || CommandError::BadValue {
        option: opt.name,
        reason: format!("a page is a number from 1 to {}", table::MAX_PAGE),
    };
    let text = match arg {
        Arg::Integer(n) if opt.kind == OptionKind::Page => {
            return page_number(n).map(|p| Some(Value::Page(p))).ok_or_else(bad_page)
        }
        Arg::Integer(n) => n.to_string(),
        Arg::Text(t) => t,
    };
    let text = text.trim();
    let n = text.chars().count();
    if n > table::MAX_TEXT {
        return Err(CommandError::BadValue {
            option: opt.name,
            reason: format!("too long ({n} characters; at most {})", table::MAX_TEXT),
        });
    }
    if text.is_empty() {
        if opt.required {
            return Err(CommandError::MissingOption {
                command: spec.name,
                option: opt.name,
                usage: spec.usage(),
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
        OptionKind::Partner | OptionKind::Aid | OptionKind::Group | OptionKind::Text => {
            Ok(Some(Value::Text(text.to_string())))
        }
    }
}

fn page_number(n: i64) -> Option<usize> {
    if (1..=table::MAX_PAGE).contains(&n) {
        usize::try_from(n).ok()
    } else {
        None
    }
}

fn reply_safe(s: &str) -> String {
    execute::format::code_span_safe(s, 40)
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
                group: None,
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

    /// One example command per kind of the table, with every option set.
    fn example(kind: CommandKind, page: usize) -> Command {
        match kind {
            CommandKind::Ask => Command::Ask {
                question: "which Nordic countries pledged F-16s?".into(),
            },
            CommandKind::Agreement => Command::Agreement {
                country: "United Kingdom".into(),
                page,
            },
            CommandKind::Pledged => Command::Pledged {
                aid: "air defence".into(),
                group: Some("nordic".into()),
                page,
            },
            CommandKind::Search => Command::Search {
                query: "what did Japan pledge on demining".into(),
                page,
            },
            CommandKind::Compare => Command::Compare {
                first: "Germany".into(),
                second: "France".into(),
                page,
            },
            CommandKind::Timeline => Command::Timeline { page },
            CommandKind::Stats => Command::Stats { page },
            CommandKind::About => Command::About { page },
            CommandKind::Help => Command::Help { page },
        }
    }

    #[test]
    fn every_command_of_the_table_round_trips_through_its_line() {
        for spec in COMMANDS {
            for page in [1, 2, table::MAX_PAGE as usize] {
                let c = example(spec.kind, page);
                assert_eq!(c.kind(), spec.kind);
                assert_eq!(c.name(), spec.name);
                // A question has no pages of its own (its answer's buttons
                // carry the command it maps to).
                let page = if spec.kind == CommandKind::Ask { 1 } else { page };
                assert_eq!(c.page(), page);
                let line = c.to_line();
                assert!(
                    line.starts_with(&format!("/{} ", spec.name)) || line == format!("/{}", spec.name),
                    "{line}"
                );
                assert_eq!(parse(&line), Ok(c.clone()), "{line}");
                assert_eq!(c.with_page(3).with_page(page), c);
            }
        }
    }

    #[test]
    fn integer_pages_stay_integers_and_are_range_checked() {
        let inv = Invocation::new("timeline", [("page", Arg::Integer(7))]).unwrap();
        assert_eq!(inv.args[0].1, Value::Page(7));
        assert_eq!(inv.into_command(), Ok(Command::Timeline { page: 7 }));
        for bad in [0, -1, table::MAX_PAGE + 1, i64::MAX] {
            assert!(matches!(
                Invocation::new("timeline", [("page", Arg::Integer(bad))]),
                Err(CommandError::BadValue { option: "page", .. })
            ));
        }
        let inv = Invocation::new("сторінка", std::iter::empty());
        assert!(matches!(inv, Err(CommandError::UnknownCommand { .. })));
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
