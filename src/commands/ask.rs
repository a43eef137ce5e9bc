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
fn reader(language: Language, lang: Lang) -> Lang {
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
    let mut note = match lang {
        Lang::Uk => format!("Зрозуміло як {}", code(&i.line)),
        Lang::En => format!("Understood as {}", code(&i.line)),
    };
    if i.about_deliveries {
        note.push_str(match lang {
            Lang::Uk => ". Дані містять зобовʼязання з угод, а не поставки.",
            Lang::En => ". The data holds what the agreements pledge, not deliveries.",
        });
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

/// What pactbot answers, with an example of each.
const CAN_ANSWER: &[&str] = &[
    "who pledged a kind of aid or a system: “which Nordic countries pledged F-16s?”, “хто дав ППО?”",
    "one partner's agreement: “what did Japan promise?”, “when did Germany sign?”",
    "one partner and one kind of aid: “did Japan pledge air defence?”",
    "two partners side by side: “compare UK and US”",
    "counts and dates: “how many agreements are there?”, “the latest one”",
];

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
    let shown = escape_user_text(text, 80);
    let mut d = if n.choices.is_empty() {
        format!("pactbot did not understand “{shown}”.")
    } else {
        format!("“{shown}” could mean several things. Which one did you mean?")
    };
    if !n.what_was_recognised.is_empty() {
        let names: Vec<String> = n
            .what_was_recognised
            .iter()
            .map(|r| format!("{} ({})", r.name, r.kind))
            .collect();
        d.push_str(&format!(" Recognised: {}.", names.join(", ")));
    }
    d.push_str(" The data covers what the security agreements pledge, not deliveries or statements outside them. Type ");
    d.push_str(&code("/help"));
    d.push_str(" for every command.");
    let title = if n.choices.is_empty() {
        "Not understood"
    } else {
        "Which one did you mean?"
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
            "recognised": n.what_was_recognised.iter().map(|r| json!({ "kind": r.kind, "id": r.id, "name": r.name })).collect::<Vec<_>>(),
            "choices": lines,
        }));
    if !n.choices.is_empty() {
        b = b.lines(
            "Choices",
            n.choices.iter().map(|c| format!("• {}", code(&c.line))),
        );
    }
    b = b.lines(
        "What pactbot answers",
        CAN_ANSWER.iter().map(|s| format!("• {s}")),
    );
    b.build_one(&(lang.strings().footer)(
        &ds.meta.as_of.to_string(),
        &ds.meta.version,
    ))
}

fn insert(data: &mut Value, key: &str, v: Value) {
    if let Value::Object(m) = data {
        m.insert(key.into(), v);
    } else {
        *data = json!({ key: v });
    }
}
