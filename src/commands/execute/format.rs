//! Every piece of Discord Markdown, emoji and escaping the replies use.
//!
//! The command modules never write `**`, `_`, `[..](..)` or an emoji
//! themselves: they call these helpers. A renderer for another markup
//! (Telegram HTML) has only this module to mirror.

use super::Ctx;
use crate::dataset::{Basis, Evidence, Money, Signatory, Source, Text};
use crate::lang::{Lang, Strings};
use crate::reply::clip;
use crate::search::MatchStage;

/// Bold: `**text**`.
pub(crate) fn bold(s: impl std::fmt::Display) -> String {
    format!("**{s}**")
}

/// Italic: `_text_`.
pub(crate) fn italic(s: impl std::fmt::Display) -> String {
    format!("_{s}_")
}

/// A code span: `` `text` ``.
pub(crate) fn code(s: impl std::fmt::Display) -> String {
    format!("`{s}`")
}

/// A titled link: `[title](url)`.
pub(crate) fn link(title: &str, url: &str) -> String {
    format!("[{title}]({url})")
}

/// A bare link without Discord's preview card: `<url>`.
pub(crate) fn bare_link(url: &str) -> String {
    format!("<{url}>")
}

/// A list item: `• text`.
pub(crate) fn bullet(s: impl std::fmt::Display) -> String {
    format!("• {s}")
}

/// A name as it reads inside a sentence: the first letter in lower case
/// ("air defence", "бойова авіація"), unless the first word is an
/// abbreviation ("NATO membership", "EU membership" stay as they are).
pub(crate) fn in_sentence(name: &str) -> String {
    let first_word = name.split_whitespace().next().unwrap_or("");
    let abbreviation = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if !abbreviation => c.to_lowercase().chain(chars).collect(),
        _ => name.to_string(),
    }
}

/// The mark in front of an open question.
pub(crate) const WARNING: &str = "⚠️";

/// The flag emoji for a two-letter code (the EU has one too).
pub(crate) fn flag(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_uppercase)
        .filter_map(|c| char::from_u32(0x1F1E6 + (c as u32 - 'A' as u32)))
        .collect()
}

/// A link to the first source, named by its outlet ("gov.uk", "President
/// of Ukraine") as `sources` lists it, else by the link's host, with a
/// leading space; or nothing.
pub(crate) fn source_link(ctx: &Ctx<'_>, sources: &[Source], urls: &[String]) -> String {
    urls.first()
        .map(|u| {
            let outlet = match sources.iter().find(|src| &src.url == u) {
                Some(src) => src.outlet.get(ctx.lang),
                None => host(u).unwrap_or(ctx.s.source_link),
            };
            format!(" {}", link(outlet, u))
        })
        .unwrap_or_default()
}

/// "pravda.com.ua" for `https://www.pravda.com.ua/eng/…`.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// "EUR 7.1 bn", "GBP 200 m", "0.25 % of GDP".
pub(crate) fn money_amount(s: &Strings, m: &Money) -> String {
    let q = (s.qualifier)(m.qualifier);
    if m.currency.is_share_of_gdp() {
        return format!("{q}{} {}", trim_number(s, m.amount), s.share_of_gdp);
    }
    (s.amount)(q, m.currency.as_str(), &big_number(s, m.amount))
}

/// "7.1 bn", "200 m", "12".
pub(crate) fn big_number(s: &Strings, x: f64) -> String {
    if x >= 1e9 {
        format!("{} {}", trim_number(s, x / 1e9), s.billions)
    } else if x >= 1e6 {
        format!("{} {}", trim_number(s, x / 1e6), s.millions)
    } else {
        trim_number(s, x)
    }
}

/// At most three decimals, without trailing zeros, with the language's
/// decimal separator.
fn trim_number(s: &Strings, x: f64) -> String {
    let n = format!("{x:.3}");
    let n = n.trim_end_matches('0').trim_end_matches('.');
    n.replace('.', &s.decimal_separator.to_string())
}

/// "Name, Office; Name, Office".
pub(crate) fn signatories(lang: Lang, list: &[Signatory]) -> String {
    list.iter()
        .map(|s| format!("{}, {}", s.name.get(lang), s.office.get(lang)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How strongly a statement is backed, and the clause of the text it
/// cites when known, in italics and parentheses.
pub(crate) fn evidence_mark(ctx: &Ctx<'_>, e: Evidence, clause: Option<&Text>) -> String {
    let level = (ctx.s.evidence)(e);
    italic(format!(
        "({})",
        match clause {
            Some(c) => (ctx.s.evidence_at)(level, c.get(ctx.lang)),
            None => level.to_string(),
        }
    ))
}

/// One money commitment as a list item, with its evidence and source (from
/// the partner's `sources`); marked when announced alongside the agreement.
pub(crate) fn money_line(ctx: &Ctx<'_>, sources: &[Source], m: &Money) -> String {
    let s = ctx.s;
    let note = m
        .note
        .as_ref()
        .map(|n| format!(" — {}", n.get(ctx.lang)))
        .unwrap_or_default();
    let alongside = mark(m.basis == Basis::Alongside, s.alongside_mark);
    bullet(format!(
        "{} {}, {}{note} {}{alongside}{}{}",
        bold(money_amount(s, m)),
        (s.money_kind)(m.kind),
        m.period.get(ctx.lang),
        evidence_mark(ctx, m.evidence, None),
        given_mark(ctx, m),
        source_link(ctx, sources, &m.sources)
    ))
}

/// " _(already given, not a pledge)_" after an amount given by the signing.
fn given_mark(ctx: &Ctx<'_>, m: &Money) -> String {
    mark(m.already_given, ctx.s.already_given_mark)
}

/// " _(label)_" when `on`, else nothing: the marks after a money line.
fn mark(on: bool, label: &str) -> String {
    if on {
        format!(" {}", italic(format!("({label})")))
    } else {
        String::new()
    }
}

/// One money commitment for the card: amount, kind, period, evidence;
/// its note and source stay on the detail page ([`money_line`]), and the
/// card groups what was announced alongside under a label of its own.
pub(crate) fn money_short(ctx: &Ctx<'_>, m: &Money) -> String {
    let s = ctx.s;
    bullet(format!(
        "{} {}, {} {}{}",
        bold(money_amount(s, m)),
        (s.money_kind)(m.kind),
        m.period.get(ctx.lang),
        evidence_mark(ctx, m.evidence, None),
        given_mark(ctx, m),
    ))
}

/// The card's one line of aid area names: "**Aid areas (3):** A · B · C".
pub(crate) fn names_line(label: &str, names: &[&str]) -> String {
    format!("{} {}", bold(format!("{label}:")), names.join(" · "))
}

/// A note shown when the match was not exact.
pub(crate) fn match_note(s: &Strings, typed: &str, stage: Option<MatchStage>, name: &str) -> Option<String> {
    stage.map(|stage| {
        italic((s.match_note)(
            stage,
            &(s.quote)(&escape_user_text(typed, 60)),
            &bold(name),
        ))
    })
}

/// Makes user text safe to echo in Markdown: Markdown and mentions are
/// escaped, control and direction characters dropped, the length capped.
pub fn escape_user_text(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 2));
    for ch in s.chars() {
        if is_invisible(ch) {
            continue;
        }
        if matches!(
            ch,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '[' | ']' | '(' | ')' | '#' | '-' | '<' | ':'
        ) {
            out.push('\\');
        }
        out.push(ch);
        if ch == '@' {
            // A zero-width space after @ keeps "@everyone" from ever being a mention.
            out.push('\u{200B}');
        }
    }
    clip(out.trim(), max)
}

/// User text as it may appear inside an error message, where it always sits
/// in a code span (`` `/{name}` ``). Markdown is not parsed there but
/// backslash escapes would show literally, so nothing is escaped: a backtick,
/// which would end the span, becomes `ˋ`; control and direction characters
/// are dropped; a zero-width space after `<` and `@` keeps mention syntax
/// (`@everyone`, `<@123>`, `<#789>`) inert.
pub(crate) fn code_span_safe(s: &str, max: usize) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if is_invisible(ch) {
            continue;
        }
        out.push(if ch == '`' { 'ˋ' } else { ch });
        if matches!(ch, '<' | '@') {
            out.push('\u{200B}');
        }
    }
    clip(out.trim(), max)
}

fn is_invisible(ch: char) -> bool {
    ch.is_control()
        || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Currency, Evidence, MoneyKind, Qualifier};

    const EN: &Strings = &crate::lang::EN;

    fn m(amount: f64, cur: &str, q: Qualifier) -> Money {
        Money {
            amount,
            currency: Currency(cur.into()),
            qualifier: q,
            period: "2024".into(),
            years: None,
            each_year: false,
            already_given: false,
            kind: MoneyKind::Military,
            basis: crate::dataset::Basis::Agreement,
            note: None,
            evidence: Evidence::OfficialSummary,
            sources: vec![],
        }
    }

    #[test]
    fn amounts_read_like_a_person_writes_them() {
        assert_eq!(
            money_amount(EN, &m(7.1e9, "EUR", Qualifier::Exactly)),
            "EUR 7.1 bn"
        );
        assert_eq!(
            money_amount(EN, &m(3e9, "EUR", Qualifier::UpTo)),
            "up to EUR 3 bn"
        );
        assert_eq!(
            money_amount(EN, &m(200e6, "GBP", Qualifier::AtLeast)),
            "at least GBP 200 m"
        );
        assert_eq!(
            money_amount(EN, &m(0.25, "%GDP", Qualifier::Exactly)),
            "0.25 % of GDP"
        );
        assert_eq!(
            money_amount(EN, &m(128e6, "EUR", Qualifier::Exactly)),
            "EUR 128 m"
        );
        assert_eq!(
            money_amount(EN, &m(1.125e9, "USD", Qualifier::About)),
            "about USD 1.125 bn"
        );
    }

    #[test]
    fn a_clause_stands_beside_the_evidence_level() {
        let ds = crate::dataset::Dataset::embedded().expect("the shipped dataset loads");
        let ctx = Ctx::new(&ds, crate::commands::CommandKind::Agreement, Lang::En, false);
        let clause = Text::en("Art. 3 §2");
        assert_eq!(
            evidence_mark(&ctx, Evidence::AgreementText, Some(&clause)),
            "_(agreement text · Art. 3 §2)_"
        );
        assert_eq!(
            evidence_mark(&ctx, Evidence::Press, None),
            "_(press report, not confirmed in the text)_"
        );
    }

    /// The rule this module exists for: the command files and the strings
    /// of each language write no Markdown or emoji of their own, so a
    /// renderer for another markup has only this module to mirror.
    #[test]
    fn markdown_is_written_only_here() {
        let files = [
            ("mod.rs", include_str!("mod.rs")),
            ("about.rs", include_str!("about.rs")),
            ("agreement.rs", include_str!("agreement.rs")),
            ("compare.rs", include_str!("compare.rs")),
            ("help.rs", include_str!("help.rs")),
            ("pledged.rs", include_str!("pledged.rs")),
            ("resolve.rs", include_str!("resolve.rs")),
            ("search.rs", include_str!("search.rs")),
            ("stats.rs", include_str!("stats.rs")),
            ("timeline.rs", include_str!("timeline.rs")),
            ("lang/en.rs", include_str!("../../lang/en.rs")),
        ];
        for (name, src) in files {
            for (n, line) in src.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for mark in ["**", "](", "\"• ", "⚠", "\"_", "_\"", "\"`", "`\""] {
                    assert!(
                        !code.contains(mark),
                        "{name}:{}: writes {mark:?} itself; use format.rs",
                        n + 1
                    );
                }
            }
        }
    }

    #[test]
    fn unlisted_links_are_named_by_their_host() {
        assert_eq!(
            host("https://www.pravda.com.ua/eng/news/1"),
            Some("pravda.com.ua")
        );
        assert_eq!(host("https://gov.uk?x"), Some("gov.uk"));
        assert_eq!(host("not a link"), None);
        assert_eq!(host("https:///path"), None);
    }

    #[test]
    fn flags_come_from_codes() {
        assert_eq!(flag("GB"), "🇬🇧");
        assert_eq!(flag("EU"), "🇪🇺");
    }

    #[test]
    fn escape_neutralises_mentions_markdown_and_controls() {
        let e = escape_user_text("@everyone <@123> **bold** [x](http://a)\u{0}\u{202E}", 200);
        assert!(!e.contains("@everyone"));
        assert!(e.contains("\\*\\*bold\\*\\*"));
        assert!(e.contains("\\<@\u{200B}123\\>"));
        assert!(!e.contains('\u{0}') && !e.contains('\u{202E}'));
        assert!(escape_user_text(&"a".repeat(6000), 100).chars().count() <= 100);
    }

    #[test]
    fn code_spans_cannot_be_closed_or_mention() {
        let e = code_span_safe("a`b @everyone <@1>\u{202E}", 40);
        assert_eq!(e, "aˋb @\u{200B}everyone <\u{200B}@\u{200B}1>");
    }
}
