//! Property tests: hostile input of up to 6,000 characters — emoji,
//! right-to-left text, combining marks, NUL and control characters,
//! `@everyone`, user, role and channel mentions, Markdown and links, mixed
//! with real names and option syntax — through every command, autocomplete
//! and the interaction handler. Every answer must not panic, must fit
//! Discord's limits, must ping nobody and must echo user text only escaped.
//!
//! `PROPTEST_CASES` sets the cases per property (default 64, as in CI).

use std::sync::OnceLock;

use pactbot::commands::{self, CommandSpec, COMMANDS};
use pactbot::dataset::Dataset;
use pactbot::discord::interaction;
use pactbot::lang::Lang;
use pactbot::render::discord::{self as body, InteractionResponse};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
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

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Every string anywhere in a JSON value.
fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// A Discord mention anywhere in `s`: `<@123>`, `<@!123>`, `<@&123>`, `<#123>`.
fn mention_in(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    for (i, _) in s.match_indices('<') {
        let mut j = i + 1;
        match b.get(j) {
            Some(b'@') => {
                j += 1;
                if matches!(b.get(j), Some(b'!' | b'&')) {
                    j += 1;
                }
            }
            Some(b'#') => j += 1,
            _ => continue,
        }
        let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && b.get(j + digits) == Some(&b'>') {
            return Some(&s[i..=j + digits]);
        }
    }
    None
}

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

/// Checks a response against Discord's limits and the no-ping rules.
fn check(resp: &InteractionResponse, input: &str) -> Result<(), TestCaseError> {
    let v = serde_json::to_value(resp).expect("a response serialises");
    let ctx = || format!("input {input:?}\nresponse {v:#}");
    let Some(data) = v.get("data") else {
        prop_assert_eq!(&v["type"], &json!(1), "only a PONG has no data");
        return Ok(());
    };

    if let Some(choices) = data.get("choices") {
        check_choices(choices.as_array().expect("choices is a list"), input)?;
    }

    let embeds = data.get("embeds").and_then(Value::as_array);
    let is_message = embeds.is_some();
    for e in embeds.into_iter().flatten() {
        let title = chars(&e["title"]);
        let description = chars(&e["description"]);
        let footer = chars(&e["footer"]["text"]);
        prop_assert!(title <= 256, "title {} chars: {}", title, ctx());
        prop_assert!(
            description <= 4096,
            "description {} chars: {}",
            description,
            ctx()
        );
        prop_assert!(footer <= 2048, "footer {} chars: {}", footer, ctx());
        let mut total = title + description + footer;
        let fields = e
            .get("fields")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        prop_assert!(fields.len() <= 25, "{} fields: {}", fields.len(), ctx());
        for f in &fields {
            let (n, val) = (chars(&f["name"]), chars(&f["value"]));
            prop_assert!((1..=256).contains(&n), "field name {} chars: {}", n, ctx());
            prop_assert!((1..=1024).contains(&val), "field value {} chars: {}", val, ctx());
            total += n + val;
        }
        prop_assert!(total <= 6000, "embed total {} chars: {}", total, ctx());
        prop_assert!(
            title + description > 0,
            "an embed needs a title or description: {}",
            ctx()
        );
    }
    if is_message {
        prop_assert!(
            embeds.is_some_and(|e| (1..=10).contains(&e.len())),
            "1 to 10 embeds: {}",
            ctx()
        );
        let am = &data["allowed_mentions"];
        prop_assert_eq!(&am["parse"], &json!([]), "allowed_mentions.parse: {}", ctx());
        prop_assert_eq!(&am["users"], &json!([]), "allowed_mentions.users: {}", ctx());
        prop_assert_eq!(&am["roles"], &json!([]), "allowed_mentions.roles: {}", ctx());
        prop_assert_eq!(&am["replied_user"], &json!(false), "replied_user: {}", ctx());
    }

    let rows = data
        .get("components")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    prop_assert!(rows.len() <= 5, "{} action rows: {}", rows.len(), ctx());
    let mut ids = Vec::new();
    for row in &rows {
        let buttons = row["components"].as_array().cloned().unwrap_or_default();
        prop_assert!(
            (1..=5).contains(&buttons.len()),
            "row of {}: {}",
            buttons.len(),
            ctx()
        );
        for b in &buttons {
            let label = chars(&b["label"]);
            let id = b["custom_id"].as_str().unwrap_or("").to_string();
            prop_assert!(label <= 80, "button label {} chars: {}", label, ctx());
            let n = id.chars().count();
            prop_assert!((1..=100).contains(&n), "custom_id {} chars: {}", n, ctx());
            prop_assert!(!ids.contains(&id), "custom_id {} twice: {}", id, ctx());
            ids.push(id);
        }
    }

    // Nobody is pinged and user text is echoed only escaped, anywhere.
    let mut all = Vec::new();
    strings(&v, &mut all);
    for s in all {
        let lower = s.to_lowercase();
        prop_assert!(
            !lower.contains("@everyone") && !lower.contains("@here"),
            "mass mention in {:?}: {}",
            s,
            ctx()
        );
        if let Some(m) = mention_in(s) {
            prop_assert!(false, "mention {} in {:?}: {}", m, s, ctx());
        }
        if input.contains(EVIL) {
            if let Some(m) = unescaped_markdown(s) {
                prop_assert!(false, "unescaped {} in {:?}: {}", m, s, ctx());
            }
        }
    }
    Ok(())
}

fn check_choices(choices: &[Value], input: &str) -> Result<(), TestCaseError> {
    prop_assert!(choices.len() <= 25, "{} choices for {:?}", choices.len(), input);
    for c in choices {
        let (n, v) = (chars(&c["name"]), chars(&c["value"]));
        prop_assert!(
            (1..=100).contains(&n),
            "choice name {} chars: {} for {:?}",
            n,
            c,
            input
        );
        prop_assert!(
            (1..=100).contains(&v),
            "choice value {} chars: {} for {:?}",
            v,
            c,
            input
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Discord-shaped interactions
// ---------------------------------------------------------------------------

const APP: &str = "1300000000000000001";
const GUILD: &str = "1100000000000000001";
const CHANNEL: &str = "1200000000000000001";

fn user() -> Value {
    json!({
        "id": "1000000000000000001", "username": "olena.k", "global_name": "Olena",
        "discriminator": "0", "avatar": null, "public_flags": 0
    })
}

/// An interaction as Discord sends it from a server channel.
fn envelope(kind: u8, data: Value) -> Value {
    json!({
        "app_permissions": "2248473465835073",
        "application_id": APP,
        "attachment_size_limit": 10485760,
        "authorizing_integration_owners": { "0": GUILD },
        "channel": { "id": CHANNEL, "guild_id": GUILD, "type": 0, "name": "agreements", "nsfw": false, "position": 3, "permissions": "2248473465835073" },
        "channel_id": CHANNEL,
        "context": 0,
        "data": data,
        "entitlements": [],
        "guild": { "features": [], "id": GUILD, "locale": "en-US" },
        "guild_id": GUILD,
        "guild_locale": "en-US",
        "id": "1330000000000000001",
        "locale": "en-GB",
        "member": {
            "user": user(), "roles": [], "nick": null, "avatar": null,
            "joined_at": "2024-02-24T10:15:00.000000+00:00", "premium_since": null,
            "deaf": false, "mute": false, "flags": 0, "pending": false,
            "permissions": "2248473465835073"
        },
        "token": "aW50ZXJhY3Rpb246dGVzdC10b2tlbg",
        "type": kind,
        "version": 1
    })
}

fn command_data(name: &str, options: Vec<Value>) -> Value {
    json!({ "id": "1320000000000000001", "name": name, "type": 1, "options": options, "guild_id": GUILD })
}

fn button_interaction(custom_id: &str) -> Value {
    let mut v = envelope(3, json!({ "component_type": 2, "custom_id": custom_id }));
    v["message"] = json!({
        "id": "1360000000000000001",
        "channel_id": CHANNEL,
        "author": { "id": APP, "username": "pactbot", "discriminator": "0", "avatar": null, "bot": true, "public_flags": 0 },
        "content": "", "timestamp": "2025-11-20T12:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 20, "flags": 0,
        "components": []
    });
    v
}

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
            (envelope(2, command_data(&c, opts)).to_string(), format!("{c} {o:?}"))
        }),
        3 => (command_name(), options(), any::<prop::sample::Index>()).prop_map(|(c, o, focus)| {
            let f = if o.is_empty() { usize::MAX } else { focus.index(o.len()) };
            let opts = o.iter().enumerate().map(|(i, x)| option_json(x, i == f)).collect();
            (envelope(4, command_data(&c, opts)).to_string(), format!("{c} {o:?}"))
        }),
        2 => command_line().prop_map(|l| {
            let id: String = format!("pg:{l}").chars().take(100).collect();
            (button_interaction(&id).to_string(), id)
        }),
        1 => junk().prop_map(|j| (button_interaction(&j).to_string(), j)),
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
    assert_eq!(mention_in("hi <@123> there"), Some("<@123>"));
    assert_eq!(mention_in("<@!1>"), Some("<@!1>"));
    assert_eq!(mention_in("<@&456>"), Some("<@&456>"));
    assert_eq!(mention_in("<#789>"), Some("<#789>"));
    assert_eq!(mention_in("\\<@\u{200b}123\\>"), None);
    assert_eq!(mention_in("<@>"), None);
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
