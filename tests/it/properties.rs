//! Property tests: hostile input of up to 6,000 characters — emoji,
//! right-to-left text, combining marks, NUL and control characters,
//! `@everyone`, user, role and channel mentions, Markdown and links, mixed
//! with real names and option syntax — through every command, autocomplete
//! and the interaction handler. Every answer must not panic, must fit
//! Discord's limits, must ping nobody and must echo user text only escaped.
//!
//! `PROPTEST_CASES` sets the cases per property (default 64, as in CI).

use pactbot::commands::{self, CommandSpec, COMMANDS};
use pactbot::dataset::Dataset;
use pactbot::discord::interaction;
use pactbot::lang::Lang;
use pactbot::render::discord::{self as body, InteractionResponse};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

use crate::support::discord_limits as limits;
use crate::support::payloads;

// ---------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------

fn ds() -> &'static Dataset {
    crate::support::data::embedded()
}

/// Cases per property: `PROPTEST_CASES`, else 64.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        // Shrinking a 6,000-character input is slow and the failure is
        // printed whole anyway; keep it bounded.
        max_shrink_iters: 256,
        // A failure prints its input; no regressions file next to the tests.
        failure_persistence: None,
        ..Config::with_cases(cases)
    }
}

/// Longest generated input, in characters.
const MAX_INPUT: usize = 6000;

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

/// Marker that hostile Markdown wraps, so an unescaped echo can be spotted.
const EVIL: &str = "EVIL";

/// Fragments chosen to break a chat bot.
const HOSTILE: &[&str] = &[
    "@everyone",
    "@here",
    "@EVERYONE",
    "<@123>",
    "<@!123>",
    "<@&456>",
    "<#789>",
    "</agreement:123>",
    "<t:1700000000:R>",
    "<:pact:111>",
    "<a:pact:222>",
    "**EVIL**",
    "__EVIL__",
    "~~EVIL~~",
    "`EVIL`",
    "```EVIL```",
    "||EVIL||",
    "> EVIL",
    ">>> EVIL",
    "# EVIL",
    "-# EVIL",
    "[EVIL](http://evil)",
    "[x](http://evil)",
    "http://evil.example/x?y=<@1>",
    "https://discord.gg/evil",
    "\\",
    "\\\\",
    "\\*",
    "\\<@123>",
    "*",
    "_",
    "~",
    "|",
    "<",
    ">",
    "@",
    "#",
    ":",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\r\n",
    "\t",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202a}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{feff}",
    "\u{fffd}",
    "\u{fe0f}",
    "\u{1f1fa}\u{1f1e6}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "🇺🇦",
    "💥",
    "🛡️",
    "e\u{301}\u{302}\u{303}\u{304}",
    "\u{301}",
    "Z\u{351}\u{35b}\u{345}\u{36a}\u{33f}",
    "مرحبا",
    "أوكرانيا",
    "שלום",
    "\u{202e}ecnarF",
    "İstanbul",
    "İ",
    // Letters whose lower case is shorter (Ω ohm, K kelvin, ẞ) or longer (İ)
    // in bytes, and multi-byte spaces: byte offsets of a lower-cased copy
    // don't line up with the original.
    "\u{2126}",
    "\u{212a}",
    "\u{1e9e}",
    "\u{3000}",
    "\u{2003}",
    "ß",
    "ﬁ",
    "Ⅻ",
    "𝔉𝔯𝔞𝔫𝔠𝔢",
    "ＦＲＡＮＣＥ",
];

/// Real names and aid words the resolver knows, and near misses.
const REAL: &[&str] = &[
    "France",
    "Frnace",
    "germ",
    "Germany",
    "Deutschland",
    "Німеччина",
    "Нимеччина",
    "Ελλάδα",
    "België",
    "UK",
    "USA",
    "EU",
    "GB",
    "DE",
    "Dutch",
    "Japan",
    "Slovakia",
    "Угорщина",
    "Brazil",
    "austr",
    "korea",
    "air defence",
    "Patriot",
    "ППО",
    "F-16",
    "винищувачі",
    "demining",
    "drones",
    "Japan demining",
    "nthlnds",
    "the",
    "vs",
    "and",
    "і",
];

/// Option syntax, in English and Ukrainian, with good and bad values.
const SYNTAX: &[&str] = &[
    "/",
    "/agreement",
    "/pledged",
    "/search",
    "/compare",
    "/timeline",
    "/stats",
    "/about",
    "/help",
    "/угода",
    "country:",
    "країна:",
    "aid:",
    "query:",
    "first:",
    "second:",
    "page:",
    "сторінка:",
    "page:0",
    "page:1",
    "page:2",
    "page:-1",
    "page:100",
    "page:101",
    "page:99999999999999999999999",
    "Country:",
    "COUNTRY:",
    " vs ",
    " vs. ",
    " and ",
    " & ",
    ",",
    " / ",
    " та ",
];

/// One character from a class that tends to break text handling.
fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0')),
        (0x300u32..0x370).prop_filter_map("combining", char::from_u32),
        (0x590u32..0x700).prop_filter_map("Hebrew/Arabic", char::from_u32),
        (0x1f300u32..0x1fa00).prop_filter_map("emoji", char::from_u32),
        (0x2000u32..0x2070).prop_filter_map("punctuation", char::from_u32),
        (0x400u32..0x460).prop_filter_map("Cyrillic", char::from_u32),
    ]
}

/// One fragment of hostile input.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        3 => proptest::sample::select(REAL).prop_map(str::to_string),
        2 => proptest::sample::select(SYNTAX).prop_map(str::to_string),
        2 => proptest::collection::vec(odd_char(), 1..8).prop_map(|v| v.into_iter().collect()),
        1 => "[a-zA-Z0-9 ]{1,12}",
    ]
}

/// Fragments joined by nothing, spaces or newlines, at most `MAX_INPUT` chars.
fn junk_of(max_fragments: usize) -> impl Strategy<Value = String> {
    let sep = proptest::sample::select(&["", " ", " ", "\n", "  "][..]);
    proptest::collection::vec((fragment(), sep), 0..max_fragments).prop_map(|parts| {
        let s: String = parts.into_iter().flat_map(|(f, s)| [f, s.to_string()]).collect();
        s.chars().take(MAX_INPUT).collect()
    })
}

/// Hostile text: mostly short (where the interesting parsing is), sometimes
/// repeated up to 6,000 characters.
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => junk_of(12),
        2 => junk_of(60),
        1 => (junk_of(8), 1usize..800).prop_map(|(s, n)| {
            let s = if s.is_empty() { "@everyone ".to_string() } else { s };
            s.repeat(n).chars().take(MAX_INPUT).collect()
        }),
        1 => proptest::collection::vec(odd_char(), 0..MAX_INPUT).prop_map(|v| v.into_iter().collect()),
    ]
}

/// A name of every command, English or Ukrainian.
fn names(f: fn(&CommandSpec) -> &'static str) -> Vec<&'static str> {
    COMMANDS.iter().map(f).collect()
}

/// A command line built around junk: every command with junk in its options,
/// positional junk, or a raw junk line.
fn command_line() -> impl Strategy<Value = String> {
    prop_oneof![
        junk().prop_map(|j| format!("/agreement country:{j}")),
        junk().prop_map(|j| format!("/pledged aid:{j}")),
        junk().prop_map(|j| format!("/search query:{j}")),
        (junk(), junk()).prop_map(|(a, b)| format!("/compare first:{a} second:{b}")),
        (junk(), junk()).prop_map(|(a, b)| format!("/compare {a} vs {b}")),
        junk().prop_map(|j| format!("/timeline page:{j}")),
        junk().prop_map(|j| format!("/stats page:{j}")),
        junk().prop_map(|j| format!("/about {j}")),
        junk().prop_map(|j| format!("/help page:{j}")),
        (junk(), junk()).prop_map(|(a, b)| format!("/agreement country:{a} page:{b}")),
        (proptest::sample::select(names(|c| c.name)), junk()).prop_map(|(c, j)| format!("/{c} {j}")),
        (proptest::sample::select(names(|c| c.name_uk)), junk()).prop_map(|(c, j)| format!("/{c} {j}")),
        junk(),
        junk().prop_map(|j| format!("/{j}")),
    ]
}

// ---------------------------------------------------------------------------
// What every response must satisfy
// ---------------------------------------------------------------------------

/// Markdown from the hostile fragments, found unescaped. Every character
/// written after a backslash is masked first (so `\*\*EVIL` passes and
/// `**EVIL` does not); then a raw `` `EVIL` `` means user backticks got
/// through, and the other patterns count only outside code spans, where
/// Discord parses no Markdown.
fn unescaped_markdown(s: &str) -> Option<&'static str> {
    const OUTSIDE_CODE: &[&str] = &[
        "**EVIL",
        "EVIL**",
        "__EVIL",
        "EVIL__",
        "~~EVIL",
        "EVIL~~",
        "||EVIL",
        "EVIL||",
        "[EVIL]",
        "](http://evil",
        "# EVIL",
        "> EVIL",
    ];
    let mut masked: Vec<char> = Vec::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            it.next();
            masked.push('\u{E000}');
        } else {
            masked.push(c);
        }
    }
    if masked.iter().collect::<String>().contains("`EVIL`") {
        return Some("`EVIL`");
    }
    // Drop code spans: a run of n backticks up to the next run of exactly n.
    let run = |at: usize| masked[at..].iter().take_while(|&&c| c == '`').count();
    let mut outside = String::new();
    let mut i = 0;
    while i < masked.len() {
        let n = run(i);
        if n == 0 {
            outside.push(masked[i]);
            i += 1;
            continue;
        }
        let mut j = i + n;
        let close = loop {
            if j >= masked.len() {
                break None;
            }
            let m = run(j);
            if m == n {
                break Some(j);
            }
            j += m.max(1);
        };
        match close {
            Some(j) => {
                outside.push('\u{E001}');
                i = j + n;
            }
            None => {
                outside.extend(&masked[i..i + n]);
                i += n;
            }
        }
    }
    OUTSIDE_CODE.iter().copied().find(|f| outside.contains(f))
}

/// Checks a response against Discord's limits and the no-ping rules (the
/// shared checker), and that user text is echoed only escaped.
fn check(resp: &InteractionResponse, input: &str) -> Result<(), TestCaseError> {
    let v = serde_json::to_value(resp).expect("a response serialises");
    let mut p = limits::problems(&v);
    if input.contains(EVIL) {
        let mut all = Vec::new();
        limits::strings(&v, &mut all);
        for s in all {
            if let Some(m) = unescaped_markdown(s) {
                p.push(format!("unescaped {m} in {s:?}"));
            }
        }
    }
    prop_assert!(
        p.is_empty(),
        "{}\ninput {:?}\nresponse {:#}",
        p.join("; "),
        input,
        v
    );
    Ok(())
}

fn check_choices(choices: &[Value], input: &str) -> Result<(), TestCaseError> {
    let p = limits::choice_problems(choices);
    prop_assert!(p.is_empty(), "{} for {:?}", p.join("; "), input);
    Ok(())
}

// ---------------------------------------------------------------------------
// Discord-shaped interactions
// ---------------------------------------------------------------------------

/// An option as Discord sends it: a string (type 3) or an integer (type 4).
#[derive(Debug, Clone)]
enum Opt {
    Text(String),
    Int(i64),
}

/// (option name, value): a real option name of any command, or junk.
fn option() -> impl Strategy<Value = (String, Opt)> {
    let names: Vec<&'static str> = COMMANDS
        .iter()
        .flat_map(|c| c.options.iter().flat_map(|o| [o.name, o.name_uk]))
        .collect();
    let name = prop_oneof![
        8 => proptest::sample::select(names).prop_map(str::to_string),
        1 => junk_of(3),
    ];
    let value = prop_oneof![
        6 => junk().prop_map(Opt::Text),
        1 => any::<i64>().prop_map(Opt::Int),
        1 => (-3i64..150).prop_map(Opt::Int),
    ];
    (name, value)
}

fn command_name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(names(|c| c.name)).prop_map(str::to_string),
        1 => proptest::sample::select(names(|c| c.name_uk)).prop_map(str::to_string),
        1 => junk_of(3),
    ]
}

fn option_json((name, value): &(String, Opt), focused: bool) -> Value {
    // Discord sends the focused option's text as typed: always a string.
    let mut o = match value {
        Opt::Int(n) if !focused => json!({ "name": name, "type": 4, "value": n }),
        Opt::Int(n) => json!({ "name": name, "type": 4, "value": n.to_string() }),
        Opt::Text(s) => json!({ "name": name, "type": 3, "value": s }),
    };
    if focused {
        o["focused"] = json!(true);
    }
    o
}

/// The JSON body of a slash command, autocomplete or button interaction.
fn interaction_json() -> impl Strategy<Value = (String, String)> {
    let options = || proptest::collection::vec(option(), 0..4);
    prop_oneof![
        4 => (command_name(), options()).prop_map(|(c, o)| {
            let opts = o.iter().map(|x| option_json(x, false)).collect();
            (payloads::command(&c, opts), format!("{c} {o:?}"))
        }),
        3 => (command_name(), options(), any::<prop::sample::Index>()).prop_map(|(c, o, focus)| {
            let f = if o.is_empty() { usize::MAX } else { focus.index(o.len()) };
            let opts = o.iter().enumerate().map(|(i, x)| option_json(x, i == f)).collect();
            (payloads::autocomplete(&c, opts), format!("{c} {o:?}"))
        }),
        2 => command_line().prop_map(|l| {
            let id: String = format!("pg:{l}").chars().take(100).collect();
            (payloads::button(&id), id)
        }),
        1 => junk().prop_map(|j| (payloads::button(&j), j)),
    ]
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Any command line: no panic, inside the limits, nobody pinged.
    #[test]
    fn every_command_line_is_answered_safely(line in command_line()) {
        for lang in Lang::ALL {
            let reply = pactbot::answer(ds(), &line, lang);
            check(&body::message(&reply), &line)?;
            check(&body::update(&reply), &line)?;
        }
    }

    /// The parser alone, on any line, returns (never panics), and a parsed
    /// command's own line parses back to it.
    #[test]
    fn the_parser_never_panics(line in command_line()) {
        if let Ok(cmd) = pactbot::parse_line(&line) {
            let again = cmd.to_line();
            prop_assert_eq!(pactbot::parse_line(&again).map(|c| c.name()), Ok(cmd.name()), "{}", again);
        }
    }

    /// Autocomplete for every command and option, on any partial input.
    #[test]
    fn autocomplete_is_bounded(partial in junk()) {
        for c in COMMANDS {
            for o in c.options {
                for option in [o.name, o.name_uk] {
                    let choices = commands::autocomplete(ds(), c.name, option, &partial, Lang::En);
                    let v = serde_json::to_value(&choices).expect("choices serialise");
                    check_choices(v.as_array().expect("a list"), &partial)?;
                    check(&body::autocomplete(choices), &partial)?;
                }
            }
        }
        // Junk as the command or the option name is bounded too.
        for (c, o) in [(partial.as_str(), "country"), ("agreement", partial.as_str())] {
            let choices = commands::autocomplete(ds(), c, o, "fr", Lang::En);
            check(&body::autocomplete(choices), &partial)?;
        }
    }

    /// Discord-shaped JSON with arbitrary option values, through the handler.
    #[test]
    fn interactions_are_answered_safely((json, input) in interaction_json()) {
        match interaction::parse(json.as_bytes()) {
            Ok(i) => {
                let (resp, _) = interaction::respond(ds(), &i);
                check(&resp, &input)?;
            }
            Err(e) => prop_assert!(false, "Discord-shaped JSON did not parse: {}\n{}", e, json),
        }
    }

    /// Raw bytes, valid JSON or not: parse never panics, and whatever parses
    /// is answered inside the limits.
    #[test]
    fn raw_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), cut in any::<prop::sample::Index>(), (json, input) in interaction_json()) {
        let _ = interaction::parse(&bytes);
        // A valid body cut short or with bytes spliced in.
        let mut spliced = json.into_bytes();
        let at = cut.index(spliced.len() + 1);
        spliced.splice(at..at, bytes.iter().copied().take(16));
        for b in [&spliced[..], &spliced[..at]] {
            if let Ok(i) = interaction::parse(b) {
                let (resp, _) = interaction::respond(ds(), &i);
                check(&resp, &input)?;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The checks themselves catch what they should
// ---------------------------------------------------------------------------

#[test]
fn the_checker_spots_mentions_and_markdown() {
    assert_eq!(limits::mention_in("hi <@123> there"), Some("<@123>"));
    assert_eq!(limits::mention_in("<@!1>"), Some("<@!1>"));
    assert_eq!(limits::mention_in("<@&456>"), Some("<@&456>"));
    assert_eq!(limits::mention_in("<#789>"), Some("<#789>"));
    assert_eq!(limits::mention_in("\\<@\u{200b}123\\>"), None);
    assert_eq!(limits::mention_in("<@>"), None);
    assert_eq!(unescaped_markdown("a **EVIL** b"), Some("**EVIL"));
    assert_eq!(unescaped_markdown("a \\*\\*EVIL\\*\\* b"), None);
    assert_eq!(unescaped_markdown("x\n> EVIL"), Some("> EVIL"));
    assert_eq!(unescaped_markdown("x\n\\> EVIL"), None);
    assert_eq!(unescaped_markdown("no option `> EVIL`."), None);
    assert_eq!(unescaped_markdown("`a` **EVIL** `b`"), Some("**EVIL"));
    assert_eq!(unescaped_markdown("`EVIL`"), Some("`EVIL`"));
    assert_eq!(unescaped_markdown("\\`EVIL\\`"), None);
}

#[test]
fn hostile_samples_are_answered_safely() {
    let all: String = HOSTILE.concat();
    let long = "@everyone <@123> **EVIL** ".repeat(300);
    for line in [
        format!("/agreement country:{all}"),
        format!("/search query:{}", &all.chars().take(190).collect::<String>()),
        "/search query:<@123> **EVIL** [EVIL](http://evil)".to_string(),
        "/pledged aid:@everyone".to_string(),
        "/agreement country:@here".to_string(),
        "/compare first:<@&456> second:<#789>".to_string(),
        "/<@123>".to_string(),
        "/agreement <@123>:x".to_string(),
        long.clone(),
        format!("/search query:{long}"),
    ] {
        let reply = pactbot::answer(ds(), &line, Lang::En);
        let r: Result<(), TestCaseError> = check(&body::message(&reply), &line);
        r.unwrap_or_else(|e| panic!("{e}"));
    }
}
