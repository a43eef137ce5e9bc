//! Inputs that once misbehaved, found by the property tests
//! (`tests/it/properties.rs`) and the fuzzers (`fuzz/`), each kept with the
//! input inline and what must hold now.

use pactbot::dataset::Dataset;
use pactbot::render::discord;
use pactbot::reply::Reply;

fn ds() -> &'static Dataset {
    crate::support::data::embedded()
}

fn answer(line: &str) -> Reply {
    pactbot::answer(ds(), line, pactbot::lang::Lang::En)
}

/// Answers `line` (no panic) with a message inside Discord's limits.
fn answered_safely(line: &str) {
    let body = serde_json::to_value(discord::message(&answer(line))).unwrap();
    crate::support::discord_limits::assert_within_limits(line, &body);
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

/// The parser found option names and the `/compare` separators in a
/// lower-cased copy of the line and sliced the line at the copy's byte
/// offsets, checking only that both had the same length in bytes. `İ` grows
/// a byte when lower-cased and `Ω` (U+2126) shrinks one, so together they
/// keep the length while the offsets in between shift, and the parser
/// panicked slicing inside a character. Found by review while fuzzing;
/// `properties::every_command_line_is_answered_safely` catches it once such
/// letters are among its fragments.
#[test]
fn lower_casing_that_moves_byte_offsets_does_not_panic() {
    use pactbot::commands::Command;
    // Option marker after a two-byte space (U+00A0), offsets shifted by İ.
    let line = "/search İ\u{A0}x \u{2126}";
    assert!(pactbot::parse_line(line).is_ok());
    answered_safely(line);
    // "vs" separator followed by Ω, offsets shifted by İ.
    assert_eq!(
        pactbot::parse_line("/compare İ vs \u{2126}x"),
        Ok(Command::Compare {
            first: "İ".into(),
            second: "\u{2126}x".into(),
            page: 1
        })
    );
    // Options are still found in any case, now also next to such letters.
    assert_eq!(
        pactbot::parse_line("/search İstanbul QUERY:x Page:2"),
        Ok(Command::Search {
            query: "x".into(),
            page: 2
        })
    );
    assert_eq!(
        pactbot::parse_line("/compare \u{2126} VS İ"),
        Ok(Command::Compare {
            first: "\u{2126}".into(),
            second: "İ".into(),
            page: 1
        })
    );
    for line in [
        "/agreement \u{1E9E}\u{3000}country:x",
        "/compare İ\u{3000}x, \u{212A}y",
        "/pledged İİ\u{2003}aid:\u{2126}\u{2126}",
    ] {
        answered_safely(line);
    }
}

/// Found by `fuzz/` (target `interaction`, 4 crashes in 32 minutes, all
/// this one): serenity 0.12.5's `ImageHash::from_str` slices an avatar hash
/// of 32 bytes two bytes at a time, and panics when those bytes are not all
/// ASCII. Any user, member or message author object with such an `avatar`
/// makes `discord::interaction::parse` panic instead of returning an error.
/// The HTTP endpoint checks the signature before parsing, so only a body
/// Discord signed gets there; still, invalid input must be an error.
///
/// Fixed: `interaction::parse` contains the panic and returns
/// `ParseError::Model`, which the endpoint answers with 400.
#[test]
fn non_ascii_avatar_hash_is_an_error_not_a_panic() {
    let avatar = format!("a\u{e9}{}", "a".repeat(29));
    assert_eq!(avatar.len(), 32);
    for body in [
        format!(r#"{{"type":2,"user":{{"avatar":"{avatar}"}}}}"#),
        format!(r#"{{"type":2,"member":{{"user":{{"avatar":"{avatar}"}}}}}}"#),
        format!(r#"{{"type":3,"message":{{"author":{{"avatar":"{avatar}"}}}}}}"#),
    ] {
        let parsed =
            std::panic::catch_unwind(|| pactbot::discord::interaction::parse(body.as_bytes()).is_ok());
        assert_eq!(parsed.ok(), Some(false), "{body}");
    }
}
