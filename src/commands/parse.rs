//! Parsing what a chat user types: `/pledged aid:air defence`,
//! `/agreement France`, `/compare Germany vs France`.
//!
//! Options are `name:value`, where the value runs to the next option name of
//! the same command; text without an option name fills the first required
//! option (or, for `/compare`, both partners split at "vs", "and" or a comma).

use super::table::{self, CommandSpec, OptionKind};
use super::{Arg, Command, CommandError, Invocation};

/// Parses one command line into a [`Command`].
pub fn parse(line: &str) -> Result<Command, CommandError> {
    let line = line.trim();
    let line = line.strip_prefix('/').unwrap_or(line).trim_start();
    if line.is_empty() {
        return Err(CommandError::Empty);
    }
    let (name, rest) = match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim()),
        None => (line, ""),
    };
    let Some(spec) = table::find(name) else {
        // Let `Invocation::new` build the error with its suggestion.
        return Invocation::new(name, std::iter::empty()).and_then(Invocation::into_command);
    };
    let args = split_options(spec, rest)?;
    Invocation::new(spec.name, args.into_iter().map(|(n, v)| (n, Arg::Text(v))))?.into_command()
}

/// Byte offsets in `rest` where `option:` starts, with the option's name.
fn markers(spec: &CommandSpec, rest: &str) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    for (i, _) in rest.char_indices() {
        let at_word_start = i == 0 || rest[..i].ends_with(char::is_whitespace);
        if !at_word_start {
            continue;
        }
        for o in spec.options {
            for n in [o.name, o.name_uk] {
                if let Some(len) = prefix_len_ignoring_case(&rest[i..], n) {
                    if rest[i + len..].starts_with(':') {
                        found.push((i, i + len + 1, o.name));
                    }
                }
            }
        }
    }
    found
}

/// An option of another command written as `name:` at a word's start
/// ("/chart kind:money year:2024"), or a one-letter slip in one of this
/// command's ("/money grup:nordic"): without this it would run into the
/// value before it and be reported as a bad value of that option. Commands
/// that take free text (`/search`, `/ask`) keep every word as their text.
fn foreign_option(spec: &CommandSpec, rest: &str) -> Option<String> {
    if spec.options.iter().any(|o| o.kind == OptionKind::Text) {
        return None;
    }
    let own = || spec.options.iter().flat_map(|o| [o.name, o.name_uk]);
    for word in rest.split_whitespace() {
        let Some((name, _)) = word.split_once(':') else {
            continue;
        };
        let name = name.to_lowercase();
        let slip = |o: &str| name.chars().count() >= 3 && strsim::osa_distance(&name, o) == 1;
        if name.chars().all(char::is_alphabetic) && !own().any(|o| o == name) && own().any(slip) {
            // Letters only: nothing in it can break the reply's Markdown.
            return Some(name);
        }
    }
    let names = table::COMMANDS
        .iter()
        .flat_map(|c| c.options)
        .filter(|o| spec.option(o.name).is_none())
        .flat_map(|o| [o.name, o.name_uk]);
    for n in names {
        for (i, _) in rest.char_indices() {
            let at_word_start = i == 0 || rest[..i].ends_with(char::is_whitespace);
            if at_word_start
                && prefix_len_ignoring_case(&rest[i..], n).is_some_and(|len| rest[i + len..].starts_with(':'))
            {
                return Some(n.to_string());
            }
        }
    }
    None
}

/// If `s` starts with `lower` (lower case) in any case, the length in bytes
/// of that start of `s`. Compares character by character: offsets into a
/// lower-cased copy of `s` don't line up with `s` itself, since lower-casing
/// can change a character's length in bytes (`İ` grows, `Ω` shrinks).
fn prefix_len_ignoring_case(s: &str, lower: &str) -> Option<usize> {
    let mut want = lower.chars();
    for (i, c) in s.char_indices() {
        for l in c.to_lowercase() {
            if want.next() != Some(l) {
                return None;
            }
        }
        if want.as_str().is_empty() {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// The first place `sep` (lower case) occurs in `text` in any case, as the
/// byte range it takes in `text`.
fn find_ignoring_case(text: &str, sep: &str) -> Option<(usize, usize)> {
    text.char_indices()
        .find_map(|(i, _)| prefix_len_ignoring_case(&text[i..], sep).map(|len| (i, i + len)))
}

/// Splits the text after the command name into (option, value) pairs.
fn split_options(
    spec: &'static CommandSpec,
    rest: &str,
) -> Result<Vec<(&'static str, String)>, CommandError> {
    let marks = markers(spec, rest);
    if let Some(option) = foreign_option(spec, rest) {
        return Err(CommandError::UnknownOption {
            command: spec.kind,
            option,
            usage: spec.usage(),
        });
    }
    let mut args: Vec<(&'static str, String)> = Vec::new();
    let head_end = marks.first().map_or(rest.len(), |m| m.0);
    let head = rest[..head_end].trim();
    for (k, &(_, value_start, name)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(rest.len(), |m| m.0);
        args.push((name, rest[value_start..end].trim().to_string()));
    }
    if !head.is_empty() {
        let mut positional = positional(spec, head)?;
        positional.retain(|(n, _)| !args.iter().any(|(a, _)| a == n));
        args.splice(0..0, positional);
    }
    // "/chart aid:drones": an aid type alone can only be drawn as kind:aid.
    let of = |k: OptionKind| spec.options.iter().find(|o| o.kind == k);
    if let (Some(kind), Some(aid)) = (of(OptionKind::ChartKind), of(OptionKind::Aid)) {
        let has = |name: &str| args.iter().any(|(n, _)| *n == name);
        if has(aid.name) && !has(kind.name) {
            args.push((kind.name, crate::chart::ChartKind::Aid.as_str().to_string()));
        }
    }
    Ok(args)
}

/// Whether `text` is a year a `year:` option accepts.
fn is_year(text: &str) -> bool {
    text.parse::<i64>()
        .is_ok_and(|n| (table::MIN_YEAR..=table::MAX_YEAR).contains(&n))
}

/// Values given without option names.
fn positional(spec: &'static CommandSpec, text: &str) -> Result<Vec<(&'static str, String)>, CommandError> {
    let required: Vec<_> = spec.options.iter().filter(|o| o.required).collect();
    match required.as_slice() {
        [] => {
            // A bare year ("/timeline 2025", "/money nordic 2025") fills
            // `year:` where the command has one (no page number is a year:
            // pages stop at MAX_PAGE); other words name the group where
            // the command has one ("/money nordic"), else they are a page.
            let of = |k: OptionKind| spec.options.iter().find(|o| o.kind == k);
            let mut out = Vec::new();
            let mut words = Vec::new();
            for w in text.split_whitespace() {
                match of(OptionKind::Year).filter(|_| is_year(w) && out.is_empty()) {
                    Some(o) => out.push((o.name, w.to_string())),
                    None => words.push(w),
                }
            }
            if !words.is_empty() {
                let rest = words.join(" ");
                let number = rest.parse::<u64>().is_ok();
                match of(OptionKind::Group).filter(|_| !number).or(of(OptionKind::Page)) {
                    Some(o) => out.push((o.name, rest)),
                    None => {
                        return Err(CommandError::UnexpectedText {
                            command: spec.kind,
                            usage: spec.usage(),
                        })
                    }
                }
            }
            Ok(out)
        }
        [one] if one.kind == OptionKind::ChartKind => Ok(chart_kind_first(spec, one, text)),
        [one] => Ok(vec![(one.name, text.to_string())]),
        [first, second, ..] => {
            let (a, b) = split_pair(text).ok_or_else(|| CommandError::MissingOption {
                command: spec.kind,
                option: second.name,
                usage: spec.usage(),
                pair: true,
            })?;
            Ok(vec![(first.name, a), (second.name, b)])
        }
    }
}

/// `/chart aid air defence` (as Telegram users type it): the longest start
/// of the text that names a chart kind is the kind, the rest the aid type.
/// Text that starts with no kind is all the kind (and its error lists them).
fn chart_kind_first(
    spec: &'static CommandSpec,
    kind: &'static super::OptionSpec,
    text: &str,
) -> Vec<(&'static str, String)> {
    let aid = spec.options.iter().find(|o| o.kind == OptionKind::Aid);
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for &end in ends.iter().rev() {
        let (head, rest) = (text[..end].trim(), text[end..].trim());
        if crate::chart::ChartKind::parse(head).is_some() {
            return match aid {
                Some(a) if !rest.is_empty() => {
                    vec![(kind.name, head.to_string()), (a.name, rest.to_string())]
                }
                _ => vec![(kind.name, text.to_string())],
            };
        }
    }
    vec![(kind.name, text.to_string())]
}

/// "Germany vs France", "Germany and France", "Germany, France", "Німеччина і Франція",
/// or two single words.
fn split_pair(text: &str) -> Option<(String, String)> {
    for sep in [
        " vs. ", " vs ", " versus ", " and ", " & ", ",", " та ", " і ", " и ", " / ",
    ] {
        if let Some((start, end)) = find_ignoring_case(text, sep) {
            let (a, b) = (text[..start].trim(), text[end..].trim());
            if !a.is_empty() && !b.is_empty() {
                return Some((a.to_string(), b.to_string()));
            }
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [a, b] => Some(((*a).to_string(), (*b).to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(line: &str) -> Command {
        parse(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn named_and_positional_forms_agree() {
        let want = Command::Agreement {
            country: "France".into(),
            page: 1,
        };
        assert_eq!(ok("/agreement country:France"), want);
        assert_eq!(ok("/agreement France"), want);
        assert_eq!(ok("agreement   France  "), want);
        assert_eq!(ok("/Agreement Country:France"), want);
        assert_eq!(ok("/угода країна:France"), want);
    }

    #[test]
    fn values_run_to_the_next_option() {
        assert_eq!(
            ok("/pledged aid:air defence"),
            Command::Pledged {
                aid: "air defence".into(),
                group: None,
                page: 1
            }
        );
        assert_eq!(
            ok("/pledged aid:air defence page:2"),
            Command::Pledged {
                aid: "air defence".into(),
                group: None,
                page: 2
            }
        );
        assert_eq!(
            ok("/pledged air defence page:2"),
            Command::Pledged {
                aid: "air defence".into(),
                group: None,
                page: 2
            }
        );
        assert_eq!(ok("/timeline 2"), Command::Timeline { year: None, page: 2 });
        // A bare year fills `year:` (pages stop at 100, years start at 2022).
        assert_eq!(
            ok("/timeline 2025"),
            Command::Timeline {
                year: Some(2025),
                page: 1
            }
        );
        assert_eq!(
            ok("/money 2024"),
            Command::Money {
                group: None,
                year: Some(2024),
                page: 1
            }
        );
        // Bare words name the group, a bare year its year, in any order.
        let nordic_2025 = Command::Money {
            group: Some("nordic".into()),
            year: Some(2025),
            page: 1,
        };
        assert_eq!(ok("/money nordic 2025"), nordic_2025);
        assert_eq!(ok("/money 2025 nordic"), nordic_2025);
        assert_eq!(ok("/money nordic year:2025"), nordic_2025);
        assert_eq!(
            ok("/money 2"),
            Command::Money {
                group: None,
                year: None,
                page: 2
            }
        );
        // "country:" inside a word is not an option.
        assert_eq!(
            ok("/search query:mycountry:x"),
            Command::Search {
                query: "mycountry:x".into(),
                page: 1
            }
        );
    }

    #[test]
    fn compare_accepts_pairs_in_many_forms() {
        let want = Command::Compare {
            first: "United Kingdom".into(),
            second: "Germany".into(),
            page: 1,
        };
        assert_eq!(ok("/compare first:United Kingdom second:Germany"), want);
        assert_eq!(ok("/compare United Kingdom vs Germany"), want);
        assert_eq!(ok("/compare United Kingdom, Germany"), want);
        assert_eq!(ok("/compare United Kingdom and Germany"), want);
        assert_eq!(
            ok("/compare DE FR"),
            Command::Compare {
                first: "DE".into(),
                second: "FR".into(),
                page: 1
            }
        );
        assert!(matches!(
            parse("/compare Germany"),
            Err(CommandError::MissingOption { .. })
        ));
    }

    #[test]
    fn a_chart_kind_may_come_first_and_the_aid_type_after_it() {
        use crate::chart::ChartKind;
        let chart = |kind, aid: Option<&str>| Command::Chart {
            kind,
            aid: aid.map(str::to_string),
        };
        assert_eq!(ok("/chart timeline"), chart(ChartKind::Timeline, None));
        assert_eq!(
            ok("/chart aid air defence"),
            chart(ChartKind::Aid, Some("air defence"))
        );
        assert_eq!(ok("/графік допомога ППО"), chart(ChartKind::Aid, Some("ППО")));
        assert_eq!(ok("/chart aid aid:drones"), chart(ChartKind::Aid, Some("drones")));
        // An aid type alone is kind:aid.
        assert_eq!(ok("/chart aid:drones"), chart(ChartKind::Aid, Some("drones")));
        assert_eq!(ok("/графік допомога:ППО"), chart(ChartKind::Aid, Some("ППО")));
        // Not a kind followed by an aid type: all of it is the (bad) kind.
        assert!(matches!(
            parse("/chart air defence"),
            Err(CommandError::BadValue { option: "kind", .. })
        ));
        assert!(matches!(
            parse("/chart money drones"),
            Ok(Command::Chart {
                kind: ChartKind::Money,
                aid: Some(_)
            })
        ));
    }

    #[test]
    fn an_option_of_another_command_is_named_as_not_taken() {
        for line in [
            "/chart kind:money year:2024",
            "/chart year:2024 kind:money",
            "/графік вид:гроші рік:2024",
        ] {
            assert!(
                matches!(
                    parse(line),
                    Err(CommandError::UnknownOption { ref option, .. }) if option == "year" || option == "рік"
                ),
                "{line}: {:?}",
                parse(line)
            );
        }
        // A one-letter slip in an option's name is named, not read as a value.
        assert!(matches!(
            parse("/money grup:nordic"),
            Err(CommandError::UnknownOption { ref option, .. }) if option == "grup"
        ));
        assert!(matches!(
            parse("/timeline yaer:2024"),
            Err(CommandError::UnknownOption { ref option, .. }) if option == "yaer"
        ));
        // Free text keeps such words as text.
        assert!(matches!(
            parse("/search query:year:2024"),
            Ok(Command::Search { .. })
        ));
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        assert_eq!(parse(""), Err(CommandError::Empty));
        assert_eq!(parse("   /  "), Err(CommandError::Empty));
        assert!(matches!(
            parse("/stats now"),
            Err(CommandError::BadValue { option: "page", .. })
        ));
        assert!(
            matches!(parse("/agreement colour:red"), Ok(Command::Agreement { .. })),
            "unknown-looking text is a value"
        );
        assert!(matches!(
            parse("/pledged aid:"),
            Err(CommandError::MissingOption { .. })
        ));
        // Text whose lower case changes byte length (İ) still parses.
        assert_eq!(
            ok("/search İstanbul query:x"),
            Command::Search {
                query: "x".into(),
                page: 1
            }
        );
    }
}
