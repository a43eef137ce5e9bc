//! A plain-language question answered as the command it maps to, with the
//! line that says how it was understood; or, when it maps to none, what was
//! recognised, what pactbot can answer, and the readings to choose from.

use serde_json::{json, Value};

use super::execute::format::{code, escape_user_text};
use super::{execute, execute_json, parse};
use crate::dataset::Dataset;
use crate::lang::Lang;
use crate::question::{interpret, Interpretation, Language, NotUnderstood};
use crate::reply::{clip, limits, Reply, ReplyBuilder, Status};

/// Answers a question: the mapped command's answer, plus "Understood as".
/// A question written in Ukrainian is answered in Ukrainian; any other in
/// `lang`. `json` builds the `--json` data.
pub fn answer_question(ds: &Dataset, text: &str, lang: Lang, json: bool) -> Reply {
    // `/ask question:/agreement Japan`: a command line is run as it is.
    if !crate::question::is_question(text) {
        return match parse(text) {
            Ok(cmd) if !matches!(cmd, super::Command::Ask { .. }) && json => execute_json(ds, &cmd, lang),
            Ok(cmd) if !matches!(cmd, super::Command::Ask { .. }) => execute(ds, &cmd, lang),
            _ => not_understood(
                ds,
                text,
                &NotUnderstood {
                    what_was_recognised: Vec::new(),
                    choices: Vec::new(),
                    language: Language::En,
                },
                lang,
                json,
            ),
        };
    }
    match interpret(ds, text) {
        Ok(i) => {
            let lang = reader(i.language, lang);
            understood(ds, text, &i, lang, json)
        }
        Err(n) => not_understood(ds, text, &n, reader(n.language, lang), json),
    }
}

/// The language to answer a question in: Ukrainian for a question written
/// in Ukrainian, else the reader's (`--lang`, the Discord locale).
pub(super) fn reader(language: Language, lang: Lang) -> Lang {
    match language {
        Language::Uk => Lang::Uk,
        Language::En | Language::Ru | Language::Pl => lang,
    }
}

pub(super) fn understood(ds: &Dataset, text: &str, i: &Interpretation, lang: Lang, json: bool) -> Reply {
    let mut reply = match parse(&i.line) {
        Ok(cmd) if json => execute_json(ds, &cmd, lang),
        Ok(cmd) => execute(ds, &cmd, lang),
        // Every line the parser makes parses; if one ever does not, say so
        // rather than answer something else.
        Err(_) => {
            return not_understood(
                ds,
                text,
                &NotUnderstood {
                    what_was_recognised: Vec::new(),
                    choices: Vec::new(),
                    language: i.language,
                },
                lang,
                json,
            )
        }
    };
    let strings = lang.strings();
    let mut note = (strings.understood_as)(&code(&i.line));
    if i.about_deliveries {
        note.push_str(". ");
        note.push_str(strings.pledges_not_deliveries);
    }
    if let Some(year) = i.unused_year {
        note.push_str(if note.ends_with('.') { " " } else { ". " });
        note.push_str(&(strings.year_not_used)(year));
    }
    reply.description = clip(&format!("{note}\n{}", reply.description), limits::DESCRIPTION);
    if let Some(data) = reply.data.as_mut() {
        insert(
            data,
            "question",
            json!({ "text": text, "interpreted_as": i.line }),
        );
    }
    reply
}

pub(super) fn not_understood(ds: &Dataset, text: &str, n: &NotUnderstood, lang: Lang, json: bool) -> Reply {
    not_understood_as("ask", ds, text, n, lang, json)
}

/// [`not_understood`] tagged as `command` (`/search` answers with it too).
pub(super) fn not_understood_as(
    command: &str,
    ds: &Dataset,
    text: &str,
    n: &NotUnderstood,
    lang: Lang,
    json: bool,
) -> Reply {
    let s = lang.strings();
    let quoted = (s.quote)(&escape_user_text(text, 80));
    let mut d = if n.choices.is_empty() {
        (s.not_understood)(&quoted)
    } else {
        (s.several_readings)(&quoted)
    };
    if !n.what_was_recognised.is_empty() {
        let names: Vec<String> = n
            .what_was_recognised
            .iter()
            .map(|r| {
                let name = match lang {
                    Lang::En => &r.name,
                    Lang::Uk => &r.name_uk,
                };
                format!("{name} ({})", (s.recognised_kind)(r.kind))
            })
            .collect();
        d.push(' ');
        d.push_str(&(s.recognised)(&names.join(", ")));
    }
    d.push(' ');
    d.push_str(&(s.data_covers)(&code("/help")));
    let title = if n.choices.is_empty() {
        s.not_understood_title
    } else {
        s.ambiguous_title
    };
    let lines: Vec<String> = n.choices.iter().map(|c| c.line.clone()).collect();
    let mut b = ReplyBuilder::new(command, Status::NoMatch, title)
        .lang(lang)
        .wants_data(json)
        .description(d)
        .suggestions(lines.clone())
        .choices(n.choices.iter().map(|c| (c.line.clone(), c.line.clone())))
        .data_with(|| json!({
            "question": { "text": text, "interpreted_as": Value::Null },
            "recognised": n.what_was_recognised.iter().map(|r| json!({ "kind": r.kind.as_str(), "id": r.id, "name": r.name })).collect::<Vec<_>>(),
            "choices": lines,
        }));
    if !n.choices.is_empty() {
        b = b.lines(
            s.choices,
            n.choices.iter().map(|c| format!("• {}", code(&c.line))),
        );
    }
    b = b.lines(
        s.what_pactbot_answers,
        s.question_examples.iter().map(|e| format!("• {e}")),
    );
    b.build_one(&(s.footer)(&(s.date)(ds.meta.as_of), &ds.meta.version))
}

fn insert(data: &mut Value, key: &str, v: Value) {
    if let Value::Object(m) = data {
        m.insert(key.into(), v);
    } else {
        *data = json!({ key: v });
    }
}
