//! Field-level rules shared by every record: one-line texts within a length,
//! web links, sources, names, and the bilingual texts.

use super::Problem;
use crate::dataset::model::*;

/// Ukrainian runs longer than English; a field's Ukrainian may be this much
/// longer (in percent of the English limit) and still fit the chat limits.
const UK_LONGER_PERCENT: usize = 130;

/// The apostrophe of Ukrainian words in the dataset («об’єкти», «з’єднання»):
/// ’ (U+2019), as president.gov.ua writes it in the agreements' texts. The
/// modifier letter ʼ (U+02BC) and the ASCII ' are refused between Cyrillic
/// letters, so one reply never mixes them. (Discord command names keep ʼ,
/// a letter: Discord admits no ’ in a name.)
const UK_APOSTROPHE: char = '\u{2019}';

/// The first Ukrainian word of `s` whose apostrophe is not [`UK_APOSTROPHE`]
/// (an apostrophe-like mark between two Cyrillic letters), with that mark.
pub(super) fn wrong_apostrophe(s: &str) -> Option<(char, &str)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (_, mark), (_, b)] = [w[0], w[1], w[2]];
        if is_cyrillic(a)
            && is_cyrillic(b)
            && matches!(mark, '\'' | '\u{02BC}' | '\u{2018}' | '`' | '\u{00B4}')
        {
            let at = w[1].0;
            let start = s[..at]
                .rfind(|c: char| !c.is_alphabetic() && !is_apostrophe_like(c))
                .map_or(0, |i| i + 1);
            let end = s[at..]
                .find(|c: char| !c.is_alphabetic() && !is_apostrophe_like(c))
                .map_or(s.len(), |i| at + i);
            return Some((mark, &s[start..end]));
        }
    }
    None
}

fn is_apostrophe_like(c: char) -> bool {
    matches!(c, '\'' | '\u{02BC}' | '\u{2018}' | '\u{2019}' | '`' | '\u{00B4}')
}

/// Collects problems for one record.
pub(super) struct Checker<'a> {
    pub(super) file: &'a str,
    pub(super) record: String,
    pub(super) out: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    pub(super) fn fail(&mut self, msg: impl Into<String>) {
        self.out
            .push(Problem::new(self.file, Some(self.record.clone()), msg));
    }

    pub(super) fn text(&mut self, what: &str, s: &str) {
        if s.trim().is_empty() {
            self.fail(format!("{what} is empty"));
        } else if s.trim() != s {
            self.fail(format!("{what} has leading or trailing spaces: {s:?}"));
        }
    }

    /// A one-line text for a field: no newline, at most `max` characters.
    pub(super) fn line(&mut self, what: &str, s: &str, max: usize) {
        self.text(what, s);
        if s.contains('\n') {
            self.fail(format!("{what} must be one line"));
        }
        let n = s.chars().count();
        if n > max {
            self.fail(format!("{what} is {n} characters; at most {max}"));
        }
    }

    /// A bilingual one-line text: the English as `line`, the Ukrainian too,
    /// required: a Ukrainian reader must never get an English line.
    pub(super) fn text_line(&mut self, what: &str, t: &Text, max: usize) {
        self.bilingual(what, t, max, true);
    }

    /// Like `text_line`, for a proper name that Ukrainian may keep in Latin
    /// letters ("Reuters", "gov.uk").
    pub(super) fn name_line(&mut self, what: &str, t: &Text, max: usize) {
        self.bilingual(what, t, max, false);
    }

    /// A Ukrainian text writes its apostrophes as [`UK_APOSTROPHE`].
    pub(super) fn apostrophes(&mut self, what: &str, uk: &str) {
        if let Some((mark, word)) = wrong_apostrophe(uk) {
            self.fail(format!(
                "{what} writes the apostrophe of {word:?} as U+{:04X}; Ukrainian words use {UK_APOSTROPHE} (U+{:04X})",
                u32::from(mark),
                u32::from(UK_APOSTROPHE)
            ));
        }
    }

    fn bilingual(&mut self, what: &str, t: &Text, max: usize, cyrillic: bool) {
        self.line(what, &t.en, max);
        match &t.uk {
            Some(uk) => {
                self.line(&format!("{what} (uk)"), uk, max * UK_LONGER_PERCENT / 100);
                self.apostrophes(&format!("{what} (uk)"), uk);
                if cyrillic && !uk.chars().any(is_cyrillic) {
                    self.fail(format!("{what} (uk) has no Cyrillic letter: {uk:?}"));
                }
            }
            None => self.fail(format!("{what} has no Ukrainian text (uk)")),
        }
    }

    pub(super) fn source(&mut self, s: &Source) {
        self.url("source", &s.url);
        self.line("source title", &s.title, 200);
        self.name_line("source outlet", &s.outlet, 80);
    }

    pub(super) fn url(&mut self, what: &str, u: &str) {
        let ok = (u.starts_with("https://") || u.starts_with("http://"))
            && u.len() > "https://x.y".len()
            && !u.contains(char::is_whitespace);
        if !ok {
            self.fail(format!("{what} is not a web address: {u:?}"));
        }
    }

    pub(super) fn sources(&mut self, what: &str, urls: &[String]) {
        if urls.is_empty() {
            self.fail(format!("{what} has no source"));
        }
        for u in urls {
            self.url(&format!("{what} source"), u);
        }
    }

    pub(super) fn names(&mut self, names: &Names) {
        self.line("names.en", &names.en, 100);
        self.line("names.uk", &names.uk, 100);
        for n in std::iter::once(&names.uk).chain(&names.uk_other) {
            self.apostrophes("names.uk", n);
        }
        if let Some(o) = &names.official {
            self.line("names.official", o, 100);
        }
        for n in names
            .native
            .iter()
            .chain(&names.uk_other)
            .chain(&names.abbreviations)
            .chain(&names.demonyms)
            .chain(&names.ru)
            .chain(&names.other)
        {
            self.line("a name", n, 100);
            if crate::search::normalize(n).is_empty() {
                self.fail(format!("the name {n:?} has no letters or digits"));
            }
        }
    }
}

fn is_cyrillic(ch: char) -> bool {
    matches!(ch, '\u{0400}'..='\u{04FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_typographic_apostrophe_joins_ukrainian_words() {
        assert_eq!(wrong_apostrophe("з’єднання та об’єкти"), None);
        assert_eq!(wrong_apostrophe("об'єкти"), Some(('\'', "об'єкти")));
        assert_eq!(
            wrong_apostrophe("усі з’єднання й обʼєкти."),
            Some(('\u{02BC}', "обʼєкти"))
        );
        // Latin words and quotes around Cyrillic words are not apostrophes.
        assert_eq!(wrong_apostrophe("Côte d'Ivoire, 'Київ'"), None);
        assert_eq!(wrong_apostrophe("Kyiv's «Прем’єр»"), None);
    }
}
