//! Commands: the declarative table, parsing into a typed [`Command`], and
//! [`execute`], which every transport calls.
//!
//! Transport-free: text from the CLI and options from a Discord interaction
//! both become an [`Invocation`], checked against the table, then a
//! [`Command`].

pub(crate) mod ask;
mod autocomplete;
mod execute;
mod invocation;
mod parse;
pub mod table;

pub use ask::answer_question;
pub use autocomplete::autocomplete;
pub use execute::{error_reply, execute, execute_json, execute_with, Fresh, Painter};
pub use invocation::{chart_kinds_md, Arg, BadValueReason, CommandError, Invocation, Value};
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
    Timeline {
        /// Only agreements signed in this year.
        year: Option<u16>,
        page: usize,
    },
    /// Counts and sums.
    Stats { page: usize },
    /// What the data covers.
    About { page: usize },
    /// How to use the bot.
    Help { page: usize },
    /// Money commitments across partners, converted to EUR.
    Money {
        /// Only partners of this group (`groups.json` id or name).
        group: Option<String>,
        /// Only commitments whose years include this one.
        year: Option<u16>,
        page: usize,
    },
    /// A picture: what `kind` draws, for `kind:aid` of one aid type (as
    /// typed; resolved like `/pledged`'s).
    Chart {
        kind: crate::chart::ChartKind,
        aid: Option<String>,
    },
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
            Command::Money { .. } => CommandKind::Money,
            Command::Chart { .. } => CommandKind::Chart,
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
            | Command::Timeline { page, .. }
            | Command::Stats { page }
            | Command::About { page }
            | Command::Help { page }
            | Command::Money { page, .. } => *page,
            // The answer's own pages are the mapped command's; a chart is
            // one picture.
            Command::Ask { .. } | Command::Chart { .. } => 1,
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
            | Command::Timeline { page, .. }
            | Command::Stats { page }
            | Command::About { page }
            | Command::Help { page }
            | Command::Money { page, .. } => *page = n,
            Command::Ask { .. } | Command::Chart { .. } => {}
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
            Command::Money { group, year, .. } => {
                let group = group.as_ref().map(|g| format!(" group:{g}")).unwrap_or_default();
                let year = year.map(|y| format!(" year:{y}")).unwrap_or_default();
                format!("/money{group}{year}{page}")
            }
            Command::Chart { kind, aid } => {
                let aid = aid.as_ref().map(|a| format!(" aid:{a}")).unwrap_or_default();
                format!("/chart kind:{}{aid}", kind.as_str())
            }
            Command::Timeline { year, .. } => {
                let year = year.map(|y| format!(" year:{y}")).unwrap_or_default();
                format!("/timeline{year}{page}")
            }
            Command::Stats { .. } | Command::About { .. } | Command::Help { .. } => {
                format!("/{}{page}", self.name())
            }
        }
    }
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
            Command::Timeline { year: None, page: 2 },
            Command::Timeline {
                year: Some(2025),
                page: 1,
            },
            Command::Stats { page: 1 },
            Command::About { page: 2 },
            Command::Help { page: 1 },
            Command::Money {
                group: Some("nordic".into()),
                year: Some(2024),
                page: 2,
            },
            Command::Money {
                group: None,
                year: None,
                page: 1,
            },
            Command::Chart {
                kind: crate::chart::ChartKind::Timeline,
                aid: None,
            },
            Command::Chart {
                kind: crate::chart::ChartKind::Aid,
                aid: Some("air defence".into()),
            },
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
            CommandKind::Timeline => Command::Timeline {
                year: Some(2024),
                page,
            },
            CommandKind::Stats => Command::Stats { page },
            CommandKind::About => Command::About { page },
            CommandKind::Help => Command::Help { page },
            CommandKind::Money => Command::Money {
                group: Some("nordic".into()),
                year: Some(2025),
                page,
            },
            CommandKind::Chart => Command::Chart {
                kind: crate::chart::ChartKind::Aid,
                aid: Some("air defence".into()),
            },
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
                // carry the command it maps to); a chart is one picture.
                let page = if matches!(spec.kind, CommandKind::Ask | CommandKind::Chart) {
                    1
                } else {
                    page
                };
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
        assert_eq!(inv.into_command(), Ok(Command::Timeline { year: None, page: 7 }));
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
    fn chart_kinds_are_typed_and_a_wrong_one_names_the_kinds() {
        use crate::chart::ChartKind;
        assert_eq!(
            parse("/chart kind:money"),
            Ok(Command::Chart {
                kind: ChartKind::Money,
                aid: None
            })
        );
        assert_eq!(
            parse("/графік вид:хронологія"),
            Ok(Command::Chart {
                kind: ChartKind::Timeline,
                aid: None
            })
        );
        assert_eq!(
            parse("/chart kind:aid aid:air defence"),
            Ok(Command::Chart {
                kind: ChartKind::Aid,
                aid: Some("air defence".into())
            })
        );
        match parse("/chart kind:timelin") {
            Err(CommandError::BadValue {
                option: "kind",
                reason,
                ..
            }) => {
                let reason = reason.to_string();
                assert!(reason.contains("`timelin`"), "{reason}");
                assert!(reason.contains("Did you mean `timeline`?"), "{reason}");
                for k in ChartKind::ALL {
                    assert!(reason.contains(&format!("`{}`", k.as_str())), "{reason}");
                }
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse("/chart"),
            Err(CommandError::MissingOption { option: "kind", .. })
        ));
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
    fn errors_carry_the_command_the_line_named() {
        // However it was typed (case, Ukrainian name), the error names the
        // command of the table; no command, no name.
        for (line, want) in [
            ("/PLEDGED page:0", Some(CommandKind::Pledged)),
            ("/зобовʼязання", Some(CommandKind::Pledged)),
            ("/agreement country:GB country:FR", Some(CommandKind::Agreement)),
            ("/timeline page:abc", Some(CommandKind::Timeline)),
            ("/stats whatever", Some(CommandKind::Stats)),
            ("/compare Germany", Some(CommandKind::Compare)),
            ("/nope", None),
            ("   ", None),
        ] {
            let err = parse(line).unwrap_err();
            assert_eq!(err.command(), want, "{line}: {err:?}");
        }
        let err = Invocation::new("money", [("year", Arg::Integer(1900))]).unwrap_err();
        assert_eq!(err.command(), Some(CommandKind::Money));
        let err = Invocation::new("agreement", [("colour", Arg::Text("red".into()))]).unwrap_err();
        assert!(matches!(err, CommandError::UnknownOption { .. }), "{err:?}");
        assert_eq!(err.command(), Some(CommandKind::Agreement));
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
