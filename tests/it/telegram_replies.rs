//! Every Telegram message the bot can send for the dataset is valid
//! Telegram HTML within 4,096 characters, and every page button's data fits
//! 64 bytes and leads back to a command that parses: every partner, every
//! aid type, every page and part, in English and Ukrainian, plus hostile
//! input (proptest, modest case count).

use pactbot::dataset::Dataset;
use pactbot::lang::Lang;
use pactbot::render::telegram::{self, Callback, Rendered, CALLBACK_DATA_LIMIT, MESSAGE_LIMIT};
use proptest::prelude::*;

fn ds() -> &'static Dataset {
    crate::support::data::embedded()
}

/// Checks every part of `t` and its buttons; returns the page lines its
/// buttons lead to.
fn check(t: &Rendered, what: &str) -> Vec<Callback> {
    assert!(!t.parts.is_empty(), "{what}: no message");
    let mut targets = Vec::new();
    for (k, part) in t.parts.iter().enumerate() {
        if let Err(e) = telegram::check_html(part) {
            panic!("{what} part {k}: {e}\n{part}");
        }
        let n = part.encode_utf16().count();
        assert!(n <= MESSAGE_LIMIT, "{what} part {k}: {n} UTF-16 units");
        for b in t.part(k).2 {
            assert!(b.data.len() <= CALLBACK_DATA_LIMIT, "{what}: {}", b.data);
            let cb = Callback::decode(&b.data).unwrap_or_else(|| panic!("{what}: {}", b.data));
            assert!(pactbot::parse_line(&cb.line).is_ok(), "{what}: {}", cb.line);
            assert_eq!(cb.lang, t.lang);
            targets.push(cb);
        }
    }
    targets
}

/// Renders `line` in `lang` and follows every button to the end, checking
/// every page and part on the way (each command line once).
fn walk(line: &str, lang: Lang) -> usize {
    let mut seen = std::collections::HashSet::new();
    let mut todo = vec![line.to_string()];
    let mut messages = 0;
    while let Some(l) = todo.pop() {
        if !seen.insert(l.clone()) {
            continue;
        }
        let t = telegram::render(&pactbot::answer(ds(), &l, lang));
        messages += t.parts.len();
        for cb in check(&t, &format!("{l} ({lang:?})")) {
            todo.push(cb.line);
        }
    }
    messages
}

#[test]
fn every_partner_aid_type_and_page_fits_telegram() {
    let d = ds();
    let mut lines: Vec<String> = d
        .partners
        .iter()
        .map(|p| format!("/agreement country:{}", p.id))
        .collect();
    lines.extend(d.aid_types.iter().map(|a| format!("/pledged aid:{}", a.id)));
    lines.extend(
        [
            "/timeline",
            "/stats",
            "/about",
            "/help",
            "/compare DE FR",
            "/compare GB vs US",
            "/search drones",
        ]
        .map(String::from),
    );
    let mut messages = 0;
    for line in &lines {
        for lang in Lang::ALL {
            messages += walk(line, lang);
        }
    }
    assert!(messages >= lines.len() * 2, "{messages} messages");
}

#[test]
fn paged_answers_reach_every_page_by_buttons() {
    // The UK agreement has several pages: walking the buttons from page 1 must
    // reach its last page.
    let first = telegram::render(&pactbot::answer(ds(), "/agreement GB", Lang::Uk));
    let (_, count) = first.page.expect("the UK agreement has pages");
    let mut line = "/agreement GB".to_string();
    let mut part = 0;
    let mut pages = std::collections::BTreeSet::new();
    for _ in 0..(count * 4 + 4) {
        let t = telegram::render(&pactbot::answer(ds(), &line, Lang::Uk));
        pages.insert(t.page.expect("paged").0);
        let (k, _, buttons) = t.part(part);
        let Some(next) = buttons.iter().find(|b| b.label == Lang::Uk.strings().next_button) else {
            assert_eq!(k, t.parts.len() - 1);
            break;
        };
        let cb = Callback::decode(&next.data).expect("our data");
        line = cb.line;
        part = cb.part;
    }
    assert_eq!(pages.len(), count, "{pages:?}");
}

fn hostile() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(
        &[
            "<b>",
            "</i>",
            "&amp;",
            "&",
            "**",
            "_",
            "`",
            "[x](https://a.b/_)",
            "<https://x.y>",
            "\\",
            "@everyone",
            "Німеччина",
            "ППО",
            "drones",
            "🇺🇦",
            "\"",
            ">",
            "\u{202E}",
            "\n",
            " ",
        ][..],
    );
    proptest::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_input_still_renders_valid_html(
        text in hostile(),
        cmd in proptest::sample::select(&["", "/search ", "/agreement ", "/pledged ", "/compare ", "/ask "][..]),
    ) {
        let line = format!("{cmd}{text}");
        for lang in Lang::ALL {
            let t = telegram::render(&pactbot::answer(ds(), &line, lang));
            check(&t, &line);
        }
    }
}
