//! Ukrainian wording of a command that could not be understood. Command
//! and option names stay in code spans as the user types them (the table's
//! canonical names); every sentence around them is Ukrainian.

use crate::chart::ChartKind;
use crate::commands::table::{MAX_PAGE, MAX_TEXT, MAX_YEAR, MIN_YEAR};
use crate::commands::{BadValueReason, CommandError};

use super::uk::plural_form;

pub(super) fn command_error(e: &CommandError) -> String {
    match e {
        CommandError::Empty => "Введіть команду, наприклад `/pledged aid:ППО`.".to_string(),
        CommandError::UnknownCommand { name, suggestion } => {
            let hint = suggestion
                .as_ref()
                .map(|s| format!(" Можливо, ви мали на увазі `/{s}`?"))
                .unwrap_or_default();
            format!("Немає команди `/{name}`.{hint}")
        }
        CommandError::UnknownOption {
            command,
            option,
            usage,
        } => format!(
            "`/{}` не має параметра `{option}`. Як користуватися: `{usage}`",
            command.name()
        ),
        CommandError::MissingOption {
            command,
            option,
            usage,
            pair,
        } => {
            let or_pair = if *pair {
                format!(" або `/{} A vs B`", command.name())
            } else {
                String::new()
            };
            format!(
                "`/{}` потребує параметра `{option}`. Як користуватися: `{usage}`{or_pair}",
                command.name()
            )
        }
        CommandError::RepeatedOption { option, .. } => format!("`{option}` вказано двічі."),
        CommandError::BadValue { option, reason, .. } => format!("`{option}`: {}", bad_value(reason)),
        CommandError::UnexpectedText { command, usage } => format!(
            "`/{}` не приймає тексту. Як користуватися: `{usage}`",
            command.name()
        ),
    }
}

fn bad_value(r: &BadValueReason) -> String {
    match r {
        BadValueReason::NotAPage => format!("сторінка — це число від 1 до {MAX_PAGE}."),
        BadValueReason::NotAYear => format!("рік — це число від {MIN_YEAR} до {MAX_YEAR}."),
        BadValueReason::TooLong { chars } => format!(
            "задовго: {chars} {}, можна щонайбільше {MAX_TEXT}.",
            plural_form(*chars, "символ", "символи", "символів")
        ),
        BadValueReason::UnknownChartKind { given, nearest } => {
            let hint = nearest
                .map(|k| format!(" Можливо, ви мали на увазі `{}`?", k.as_str()))
                .unwrap_or_default();
            let kinds = ChartKind::ALL
                .iter()
                .map(|k| format!("`{}` ({})", k.as_str(), kind_uk(*k)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("немає виду графіка `{given}`.{hint} Види: {kinds}.")
        }
    }
}

/// What each chart kind draws, in words a Ukrainian reader can also type.
fn kind_uk(k: ChartKind) -> &'static str {
    match k {
        ChartKind::Timeline => "хронологія",
        ChartKind::Money => "гроші",
        ChartKind::Matrix => "матриця",
        ChartKind::Aid => "допомога",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::CommandKind;

    /// ASCII words of four letters or more outside code spans: an English
    /// sentence left in a Ukrainian reply.
    fn english_words(text: &str) -> Vec<String> {
        text.split('`')
            .step_by(2)
            .flat_map(|prose| prose.split(|c: char| !c.is_ascii_alphabetic()))
            .filter(|w| w.len() >= 4)
            .map(str::to_string)
            .collect()
    }

    /// One of every variant and every reason, so a new one without
    /// Ukrainian wording fails to compile here or fails the check.
    fn every_error() -> Vec<CommandError> {
        let usage = CommandKind::Chart.spec().usage();
        let mut all = vec![
            CommandError::Empty,
            CommandError::UnknownCommand {
                name: "plegded".into(),
                suggestion: Some("pledged".into()),
            },
            CommandError::UnknownCommand {
                name: "weather".into(),
                suggestion: None,
            },
            CommandError::UnknownOption {
                command: CommandKind::Chart,
                option: "year".into(),
                usage: usage.clone(),
            },
            CommandError::MissingOption {
                command: CommandKind::Chart,
                option: "kind",
                usage: usage.clone(),
                pair: false,
            },
            CommandError::RepeatedOption {
                command: CommandKind::Chart,
                option: "kind",
            },
            CommandError::UnexpectedText {
                command: CommandKind::Stats,
                usage: CommandKind::Stats.spec().usage(),
            },
        ];
        let reasons = [
            BadValueReason::NotAPage,
            BadValueReason::NotAYear,
            BadValueReason::TooLong { chars: 201 },
            BadValueReason::UnknownChartKind {
                given: "timelin".into(),
                nearest: Some(ChartKind::Timeline),
            },
            BadValueReason::UnknownChartKind {
                given: "pie".into(),
                nearest: None,
            },
        ];
        for reason in reasons {
            // Exhaustive: a new reason must be added above.
            match reason {
                BadValueReason::NotAPage
                | BadValueReason::NotAYear
                | BadValueReason::TooLong { .. }
                | BadValueReason::UnknownChartKind { .. } => {}
            }
            all.push(CommandError::BadValue {
                command: CommandKind::Chart,
                option: "kind",
                reason,
            });
        }
        all
    }

    #[test]
    fn every_command_error_reads_ukrainian() {
        for e in every_error() {
            let uk = command_error(&e);
            let en = e.to_string();
            assert_ne!(uk, en, "{e:?} is not translated");
            assert!(
                english_words(&uk).is_empty(),
                "{uk:?} has English {:?}",
                english_words(&uk)
            );
            // The check itself catches the English wording.
            assert!(
                !english_words(&en).is_empty(),
                "{en:?} has no English word to catch"
            );
        }
    }

    #[test]
    fn ukrainian_error_keeps_names_and_suggestion() {
        let e = CommandError::BadValue {
            command: CommandKind::Chart,
            option: "kind",
            reason: BadValueReason::UnknownChartKind {
                given: "timelin".into(),
                nearest: Some(ChartKind::Timeline),
            },
        };
        assert_eq!(
            command_error(&e),
            "`kind`: немає виду графіка `timelin`. Можливо, ви мали на увазі `timeline`? \
             Види: `timeline` (хронологія), `money` (гроші), `matrix` (матриця), `aid` (допомога)."
        );
        let long = CommandError::BadValue {
            command: CommandKind::Search,
            option: "query",
            reason: BadValueReason::TooLong { chars: 203 },
        };
        assert!(
            command_error(&long).contains("203 символи"),
            "{}",
            command_error(&long)
        );
    }
}
