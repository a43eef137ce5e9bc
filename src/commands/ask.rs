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

/// What pactbot answers, with an example of each, in Ukrainian.
const CAN_ANSWER_UK: &[&str] = &[
    "хто пообіцяв вид допомоги чи систему: «хто дав ППО?», «які скандинавські країни дали F-16?»",
    "угода одного партнера: «що обіцяла Японія?», «коли Німеччина підписала угоду?»",
    "партнер і вид допомоги: «чи дала Японія ППО?»",
    "два партнери поруч: «порівняй Британію і США»",
    "кількість і дати: «скільки угод підписано?», «остання угода»",
];

/// The fixed words of the not-understood reply: (did not understand,
/// several readings, recognised, data covers … , title, title when
/// choosing, choices label, what pactbot answers label).
struct Words {
    not_understood: &'static str,
    several: &'static str,
    recognised: &'static str,
    covers: &'static str,
    help_tail: &'static str,
    title: &'static str,
    choose_title: &'static str,
    choices: &'static str,
    answers: &'static str,
    can_answer: &'static [&'static str],
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            not_understood: "pactbot did not understand",
            several: "could mean several things. Which one did you mean?",
            recognised: "Recognised",
            covers: "The data covers what the security agreements pledge, not deliveries or statements outside them. Type",
            help_tail: "for every command.",
            title: "Not understood",
            choose_title: "Which one did you mean?",
            choices: "Choices",
            answers: "What pactbot answers",
            can_answer: CAN_ANSWER,
        },
        Lang::Uk => Words {
            not_understood: "pactbot не зрозумів запит",
            several: "можна зрозуміти по-різному. Що саме ви мали на увазі?",
            recognised: "Розпізнано",
            covers: "Дані охоплюють зобовʼязання з безпекових угод, а не поставки чи заяви поза ними. Наберіть",
            help_tail: ", щоб побачити всі команди.",
            title: "Не зрозуміло",
            choose_title: "Що саме ви мали на увазі?",
            choices: "Варіанти",
            answers: "На що відповідає pactbot",
            can_answer: CAN_ANSWER_UK,
        },
    }
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
    let w = words(lang);
    let shown = escape_user_text(text, 80);
    let quoted = match lang {
        Lang::Uk => format!("«{shown}»"),
        Lang::En => format!("“{shown}”"),
    };
    let mut d = if n.choices.is_empty() {
        format!("{} {quoted}.", w.not_understood)
    } else {
        format!("{quoted} {}", w.several)
    };
    if !n.what_was_recognised.is_empty() {
        let names: Vec<String> = n
            .what_was_recognised
            .iter()
            .map(|r| format!("{} ({})", r.name, r.kind))
            .collect();
        d.push_str(&format!(" {}: {}.", w.recognised, names.join(", ")));
    }
    d.push_str(&format!(" {} {}", w.covers, code("/help")));
    if !w.help_tail.starts_with(',') {
        d.push(' ');
    }
    d.push_str(w.help_tail);
    let title = if n.choices.is_empty() {
        w.title
    } else {
        w.choose_title
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
            w.choices,
            n.choices.iter().map(|c| format!("• {}", code(&c.line))),
        );
    }
    b = b.lines(w.answers, w.can_answer.iter().map(|s| format!("• {s}")));
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
