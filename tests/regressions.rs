//! Inputs that once misbehaved, found by the property tests
//! (`tests/properties.rs`) and the fuzzers (`fuzz/`), each kept with the
//! input inline and what must hold now.

use std::sync::OnceLock;

use pactbot::dataset::Dataset;
use pactbot::render::discord;
use pactbot::reply::Reply;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
}

fn answer(line: &str) -> Reply {
    pactbot::answer(ds(), line)
}

/// Error messages put the user's text in a code span (`` `/{name}` ``).
/// It used to be backslash-escaped as for plain text, which Discord shows
/// literally inside code (`/\<@​123\>`), and an escaped backtick still ended
/// the span early, shifting the rest of the message's code spans. Found by
/// `properties::interactions_are_answered_safely` (an option named `> EVIL`).
#[test]
fn user_text_in_code_spans_is_neither_escaped_nor_breaks_out() {
    let r = answer("/<@123>");
    assert!(
        r.description.contains("`/<\u{200B}@\u{200B}123>`"),
        "{}",
        r.description
    );
    assert!(!r.description.contains('\\'), "{}", r.description);

    let r = answer("/a`b**c**");
    assert!(r.description.contains("`/aˋb**c**`"), "{}", r.description);
    // Every code span is still paired: the bot's own backticks only.
    assert_eq!(r.description.matches('`').count() % 2, 0, "{}", r.description);

    let r = answer("/@everyone\u{202E}\u{0}");
    assert!(
        r.description.contains("`/@\u{200B}everyone`"),
        "{}",
        r.description
    );

    let body = serde_json::to_string(&discord::message(&answer("/<#789> <@&456>"))).unwrap();
    assert!(!body.contains("<#789>") && !body.contains("<@&456>"), "{body}");
}
