//! The question table (`tests/fixtures/questions.tsv`): every question must
//! map to its command line, be not understood, or offer the listed choices.
//! Prints the pass rate by language; rows marked `known-wrong` must still
//! fail (so a fix is noticed and the mark removed).

use std::collections::BTreeMap;

use pactbot::dataset::Dataset;
use pactbot::question::interpret;

fn outcome(ds: &Dataset, q: &str) -> String {
    match interpret(ds, q) {
        Ok(i) => i.line,
        Err(n) if n.choices.is_empty() => "no_match".into(),
        Err(n) => format!(
            "choose: {}",
            n.choices
                .iter()
                .map(|c| c.line.as_str())
                .collect::<Vec<_>>()
                .join(" ; ")
        ),
    }
}

#[test]
fn the_question_table_maps_as_written() {
    let ds = Dataset::embedded().expect("embedded dataset");
    let table = include_str!("../fixtures/questions.tsv");
    let mut by_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut fixed = Vec::new();
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() == 3 || cols.len() == 4, "bad row: {line}");
        let (lang, q, want) = (cols[0], cols[1], cols[2]);
        let known_wrong = cols.get(3) == Some(&"known-wrong");
        let got = outcome(&ds, q);
        let ok = got == want;
        let e = by_lang.entry(lang).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        }
        rows += 1;
        match (ok, known_wrong) {
            (false, false) => wrong.push(format!("[{lang}] {q:?}\n    want {want}\n    got  {got}")),
            (true, true) => fixed.push(format!("[{lang}] {q:?} now maps right; remove `known-wrong`")),
            _ => {}
        }
    }
    let mut total = (0, 0);
    for (lang, (ok, n)) in &by_lang {
        println!("{lang}: {ok}/{n} ({:.1} %)", 100.0 * *ok as f64 / *n as f64);
        total.0 += ok;
        total.1 += n;
    }
    println!(
        "all: {}/{} ({:.1} %)",
        total.0,
        total.1,
        100.0 * total.0 as f64 / total.1 as f64
    );
    assert!(rows >= 200, "the table needs at least 200 questions, has {rows}");
    assert!(
        wrong.is_empty(),
        "{} question(s) map wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(fixed.is_empty(), "{}", fixed.join("\n"));
}
