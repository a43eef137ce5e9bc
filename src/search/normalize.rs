//! Text normalisation shared by the index (at build) and every query.
//!
//! Two strings that a reader would call "the same name" normalise to the same
//! string: case, diacritics, punctuation, spacing and a few common keyboard
//! slips are folded away. The function is total: it never panics and always
//! returns valid (possibly empty) text, whatever it is given.

use caseless::Caseless;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Only the first this-many characters of a name or query are normalised; the
/// rest is ignored. The longest alias in the dataset (an official title) is
/// well under 100 characters, so nothing real is cut, and a hostile
/// 6,000-character message costs no more than a 200-character one. A query
/// longer than this can still match an alias equal to its first 200
/// characters — harmless, as no alias is that long.
pub const NAME_CHAR_LIMIT: usize = 200;

/// Free text (`Index::scan`) is read up to this many characters: a Discord
/// message holds at most 2,000 (4,000 with Nitro), and a name that appears
/// only after the first 2,000 characters is not worth the work.
pub const TEXT_CHAR_LIMIT: usize = 2_000;

/// Normalises a name or a query (first [`NAME_CHAR_LIMIT`] characters):
///
/// - Unicode default case folding (`caseless`; "ß" → "ss");
/// - compatibility decomposition (NFKD) and removal of every combining mark,
///   so diacritics go ("Éire" → "eire", "Österreich" → "osterreich", "й" → "и",
///   "ї" → "і", "ё" → "е") and ligatures / full-width forms become plain letters;
/// - letters that do not decompose: ø → o, æ → ae, œ → oe, đ/ð → d, ł → l,
///   ı → i, þ → th, ħ → h, ŧ → t, ŋ → n;
/// - Cyrillic keyboard slips folded to one form: і, ї, и, й, ы → и;
///   є, ё, э → е; ґ → г ("Нимеччина" = "Німеччина");
/// - apostrophes (', ’, ‘, ʼ, ʻ, `, ´, ′) are dropped ("Côte d'Ivoire" →
///   "cote divoire", "В'єтнам" → "ветнам");
/// - invisible format characters (soft hyphen, zero-width joiners, bidi marks,
///   byte-order mark) are dropped;
/// - every other non-alphanumeric character (punctuation, hyphens, slashes,
///   underscores, symbols, emoji, controls, whitespace) separates words;
///   separators collapse to one space and are trimmed at both ends;
/// - a flag emoji (a pair of regional indicator symbols, "🇩🇪") is the ISO
///   3166 code it spells, as a word of its own ("de"); a lone indicator is a
///   separator;
/// - a leading English "the " is removed ("The Netherlands" → "netherlands").
pub fn normalize(s: &str) -> String {
    let mut out = String::new();
    normalize_into(s, NAME_CHAR_LIMIT, &mut out);
    out
}

/// [`normalize`] into a reused buffer, reading at most `limit` characters of
/// `s`. `out` is cleared first.
pub(crate) fn normalize_into(s: &str, limit: usize, out: &mut String) {
    out.clear();
    let mut w = Writer {
        out,
        pending_space: false,
    };
    let mut flag_start: Option<char> = None;
    for c in s.chars().take(limit) {
        if let Some(letter) = regional_letter(c) {
            match flag_start.take() {
                Some(first) => {
                    w.separator();
                    w.word(first);
                    w.word(letter);
                    w.separator();
                }
                None => flag_start = Some(letter),
            }
            continue;
        }
        if flag_start.take().is_some() {
            w.separator();
        }
        if c.is_ascii() {
            w.ascii(c);
        } else {
            non_ascii(c, &mut w);
        }
    }
    if w.out.starts_with("the ") {
        w.out.drain(..4);
    }
}

/// The letter a regional indicator symbol stands for (U+1F1E6 🇦 → 'a'):
/// two of them in a row are a flag emoji, spelling a country's ISO 3166
/// code.
pub(crate) fn regional_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1F1E6)?;
    if offset < 26 {
        char::from_u32(u32::from('a') + offset)
    } else {
        None
    }
}

/// Appends normalised characters, turning runs of separators into one space
/// between words (never at either end).
struct Writer<'a> {
    out: &'a mut String,
    pending_space: bool,
}

impl Writer<'_> {
    #[inline]
    fn word(&mut self, c: char) {
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        self.out.push(c);
    }

    #[inline]
    fn separator(&mut self) {
        self.pending_space = !self.out.is_empty();
    }

    #[inline]
    fn ascii(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            self.word(c.to_ascii_lowercase());
        } else if c == '\'' || c == '`' {
            // An apostrophe inside a word joins it; anywhere else it would
            // be a separator next to another separator, so dropping it is
            // the same thing.
        } else {
            self.separator();
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{00B4}' // acute accent used as an apostrophe
            | '\u{02B9}' // modifier letter prime
            | '\u{02BB}' // modifier letter turned comma
            | '\u{02BC}' // modifier letter apostrophe (the Ukrainian one)
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2032}' // prime
    )
}

/// Invisible characters that must not split a word.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // byte-order mark
    )
}

/// Russian, Ukrainian and Belarusian letters, folded without the Unicode
/// tables (the result of the general path, precomputed: lower case, marks
/// dropped, slips folded). Most Cyrillic queries take only this path.
fn cyrillic_fast(c: char) -> Option<char> {
    let lower = match c {
        'а'..='я' => c,
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20)?,
        'і' | 'ї' | 'І' | 'Ї' => 'и',
        'є' | 'ё' | 'Є' | 'Ё' => 'е',
        'ґ' | 'Ґ' => 'г',
        'ў' | 'Ў' => 'у',
        _ => return None,
    };
    Some(match lower {
        'й' | 'ы' => 'и',
        'э' => 'е',
        other => other,
    })
}

fn non_ascii(c: char, w: &mut Writer<'_>) {
    match cyrillic_fast(c) {
        Some(l) => w.word(l),
        None => non_ascii_general(c, w),
    }
}

fn non_ascii_general(c: char, w: &mut Writer<'_>) {
    if is_apostrophe(c) || is_ignorable(c) {
        return;
    }
    // NFKD, fold the case of what is left, decompose again (folding can
    // produce decomposable letters, e.g. "İ" → "i̇"), then drop the marks.
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if d.is_ascii() {
            w.ascii(d);
            return;
        }
        for f in std::iter::once(d).default_case_fold() {
            if f.is_ascii() {
                w.ascii(f);
            } else {
                decompose_compatible(f, |g| {
                    if !is_combining_mark(g) {
                        letter(g, w);
                    }
                });
            }
        }
    });
}

/// One case-folded, decomposed, non-ASCII character.
fn letter(c: char, w: &mut Writer<'_>) {
    match c {
        'ø' => w.word('o'),
        'æ' => {
            w.word('a');
            w.word('e');
        }
        'œ' => {
            w.word('o');
            w.word('e');
        }
        'đ' | 'ð' => w.word('d'),
        'ł' => w.word('l'),
        'ı' => w.word('i'),
        'þ' => {
            w.word('t');
            w.word('h');
        }
        'ħ' => w.word('h'),
        'ŧ' => w.word('t'),
        'ŋ' => w.word('n'),
        // Cyrillic: Ukrainian і/ї and Russian ы typed for и and back; й
        // arrives here as и (its breve is a combining mark), ї as і.
        'і' | 'ы' => w.word('и'),
        'є' | 'э' => w.word('е'),
        'ґ' => w.word('г'),
        _ if c.is_alphanumeric() => w.word(c),
        _ if is_apostrophe(c) => {}
        _ => w.separator(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s)
    }

    #[test]
    fn case_and_spacing() {
        assert_eq!(n("Germany"), "germany");
        assert_eq!(n("  UNITED   Kingdom \t\n"), "united kingdom");
        assert_eq!(n(""), "");
        assert_eq!(n("   "), "");
        assert_eq!(n("GB"), "gb");
    }

    #[test]
    fn diacritics_are_dropped() {
        assert_eq!(n("Éire"), "eire");
        assert_eq!(n("Österreich"), "osterreich");
        assert_eq!(n("Česko"), "cesko");
        assert_eq!(n("Türkiye"), "turkiye");
        assert_eq!(n("España"), "espana");
        assert_eq!(n("Ísland"), "island");
        assert_eq!(n("Côte d’Ivoire"), "cote divoire");
    }

    #[test]
    fn letters_without_decomposition() {
        assert_eq!(n("Danmark Ø"), "danmark o");
        assert_eq!(n("Færøerne"), "faeroerne");
        assert_eq!(n("Œuvre"), "oeuvre");
        assert_eq!(n("Deutschland STRAẞE straße"), "deutschland strasse strasse");
        assert_eq!(n("Đakovo"), "dakovo");
        assert_eq!(n("Łódź"), "lodz");
        assert_eq!(n("Iı"), "ii");
        assert_eq!(n("Þingvellir"), "thingvellir");
        assert_eq!(n("İstanbul"), "istanbul");
        assert_eq!(n("ﬁnland"), "finland");
        assert_eq!(n("ＦＲＡＮＣＥ"), "france");
    }

    #[test]
    fn cyrillic_slips() {
        assert_eq!(n("Нимеччина"), n("Німеччина"));
        assert_eq!(n("Німеччина"), "нимеччина");
        assert_eq!(n("Ирландія"), n("Ірландія"));
        assert_eq!(n("Україна"), "украина");
        assert_eq!(n("Йорданія"), "иордания");
        assert_eq!(n("Європа"), "европа");
        assert_eq!(n("Ёлка"), "елка");
        assert_eq!(n("Ґрунт"), "грунт");
        assert_eq!(n("Крым"), "крим");
        assert_eq!(n("Эстония"), n("Естонія"));
        assert_eq!(n("ППО"), "ппо");
        assert_eq!(
            n("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
            "абвгдежзииклмнопрстуфхцчшщъиьеюя"
        );
        assert_eq!(n("ІЇЄҐЁЎ іїєґёў"), "ииегеу ииегеу");
    }

    #[test]
    fn cyrillic_fast_path_agrees_with_the_general_path() {
        for c in '\u{400}'..='\u{4FF}' {
            if let Some(fast) = cyrillic_fast(c) {
                let mut out = String::new();
                let mut w = Writer {
                    out: &mut out,
                    pending_space: false,
                };
                non_ascii_general(c, &mut w);
                assert_eq!(out, fast.to_string(), "{c} U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn apostrophes_join_and_punctuation_separates() {
        assert_eq!(n("В'єтнам"), "ветнам");
        assert_eq!(n("Вʼєтнам"), n("В’єтнам"));
        assert_eq!(n("d'Ivoire"), "divoire");
        assert_eq!(n("'quoted'"), "quoted");
        assert_eq!(n("air-defence"), "air defence");
        assert_eq!(n("air_defence"), "air defence");
        assert_eq!(n("air/defence"), "air defence");
        assert_eq!(n("U.K."), "u k");
        assert_eq!(n("F-16"), "f 16");
        assert_eq!(n("Bosnia & Herzegovina!!"), "bosnia herzegovina");
        assert_eq!(n("(Germany)"), "germany");
        assert_eq!(n("soft\u{00AD}hyphen"), "softhyphen");
        assert_eq!(n("zero\u{200B}width"), "zerowidth");
    }

    #[test]
    fn leading_the_is_stripped_once() {
        assert_eq!(n("The Netherlands"), "netherlands");
        assert_eq!(n("  the   Gambia"), "gambia");
        assert_eq!(n("the"), "the");
        assert_eq!(n("theology"), "theology");
        assert_eq!(n("Netherlands, the"), "netherlands the");
    }

    #[test]
    fn junk_does_not_panic() {
        assert_eq!(n("\0\u{1}\u{7f}"), "");
        assert_eq!(n("🇺🇦 Ukraine 🇺🇦"), "ua ukraine ua");
        assert_eq!(n("\u{1F1E6}"), "");
        assert_eq!(n("x\u{1F1FF}y"), "x y");
        assert_eq!(n("@everyone"), "everyone");
        assert_eq!(n("مرحبا"), "مرحبا");
        assert_eq!(n("\u{202E}evil\u{202C}"), "evil");
        let junk: String = "a\u{0301}💥\0".repeat(1500);
        let out = n(&junk);
        assert!(out.chars().count() <= NAME_CHAR_LIMIT);
    }

    #[test]
    fn flags_are_their_iso_codes() {
        assert_eq!(n("🇩🇪"), "de");
        assert_eq!(n(" 🇬🇧 "), "gb");
        assert_eq!(n("🇪🇺"), "eu");
        assert_eq!(n("🇩🇪🇫🇷"), "de fr");
        assert_eq!(n("France🇫🇷"), "france fr");
        // An odd indicator is a separator; pairs are read left to right.
        assert_eq!(n("🇩🇪🇫"), "de");
        assert_eq!(n("\u{1F1E9}x\u{1F1EA}"), "x");
        // Other symbols and emoji separate words, as before.
        assert_eq!(n("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"), "");
        assert_eq!(n("💥Poland🚀"), "poland");
        assert_eq!(regional_letter('\u{1F1E5}'), None);
        assert_eq!(regional_letter('\u{1F1FF}'), Some('z'));
        assert_eq!(regional_letter('\u{1F200}'), None);
    }

    #[test]
    fn long_input_is_capped() {
        let long = "x".repeat(6_000);
        assert_eq!(n(&long).len(), NAME_CHAR_LIMIT);
        let mut buf = String::new();
        normalize_into(&long, TEXT_CHAR_LIMIT, &mut buf);
        assert_eq!(buf.len(), TEXT_CHAR_LIMIT);
    }

    #[test]
    fn idempotent_on_samples() {
        for s in [
            "Côte d'Ivoire",
            "The Netherlands",
            "Нимеччина",
            "STRAẞE",
            "Færøerne",
        ] {
            let once = n(s);
            assert_eq!(n(&once), once, "{s}");
        }
    }
}
