//! Free-text scanning: the targets named anywhere in a sentence.

use super::resolve::Outcome;
use super::scratch::Scratch;
use super::{push_target, Index, Scope};
use crate::search::normalize::{normalize_into, regional_letter, NAME_CHAR_LIMIT, TEXT_CHAR_LIMIT};
use crate::search::thresholds::{
    len_window, typo_budget, SCAN_MAX_WINDOW, SCAN_SHORT_MAX_CHARS, SCAN_SHORT_STOPWORDS, SCAN_TYPO_MIN_CHARS,
};
use crate::search::Target;

/// A word of the text: its byte range in the normalised text, whether it
/// was written in capitals, and whether it was a flag emoji (its code).
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    start: usize,
    end: usize,
    caps: bool,
    flag: bool,
}

impl Index {
    pub(super) fn scan_in(&self, text: &str, scope: Scope, s: &mut Scratch) -> Vec<Target> {
        // The whole text as one name: the only way an id or a short
        // abbreviation counts regardless of case.
        let mut q = std::mem::take(&mut s.query);
        normalize_into(text, NAME_CHAR_LIMIT, &mut q);
        let whole = self.exact_target(&q, scope);
        s.query = q;
        if let Some(t) = whole {
            return vec![t];
        }
        tokenize(text, s);
        let text = std::mem::take(&mut s.text);
        let words = std::mem::take(&mut s.words);
        let found = self.match_windows(&text, &words, scope, s);
        s.text = text;
        s.words = words;
        found
    }

    /// The targets named by windows of [`SCAN_MAX_WINDOW`] words down to
    /// one, longest first; a window that names a target is skipped over.
    fn match_windows(&self, text: &str, words: &[Word], scope: Scope, s: &mut Scratch) -> Vec<Target> {
        let mut found: Vec<Target> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            let longest = SCAN_MAX_WINDOW.min(words.len() - i);
            for w in (1..=longest).rev() {
                let window = &text[words[i].start..words[i + w - 1].end];
                if w > 1 {
                    if let Some(t) = self.exact_target(window, scope) {
                        push_target(&mut found, t);
                        step = w;
                        break;
                    }
                } else if let Some(t) = self.one_word(window, words[i], scope, s) {
                    push_target(&mut found, t);
                }
            }
            i += step;
        }
        found
    }

    /// The target one word of free text names: exactly (a short word only
    /// in capitals and when not a common word, a flag always), or as a
    /// confident typo if it is long enough.
    fn one_word(&self, word: &str, how: Word, scope: Scope, s: &mut Scratch) -> Option<Target> {
        if how.flag {
            return self.exact_target(word, scope);
        }
        let chars = word.chars().count();
        if chars <= SCAN_SHORT_MAX_CHARS && (!how.caps || SCAN_SHORT_STOPWORDS.contains(&word)) {
            return None;
        }
        if let Some(t) = self.exact_target(word, scope) {
            return Some(t);
        }
        if chars < SCAN_TYPO_MIN_CHARS {
            return None;
        }
        let budget = typo_budget(chars);
        self.gather(word, len_window(chars, budget), scope, s);
        self.typo_hits(word, chars, budget, s);
        match self.typo_outcome(&s.hits) {
            Outcome::One(id) => Some(self.alias(id).target),
            Outcome::Nothing | Outcome::Many(_) => None,
        }
    }
}

/// The words of `text` (its first [`TEXT_CHAR_LIMIT`] characters),
/// normalised, joined by single spaces in `s.text`, with their byte ranges,
/// whether they were written in capitals and whether they were flags in
/// `s.words`.
fn tokenize(text: &str, s: &mut Scratch) {
    let end = text
        .char_indices()
        .nth(TEXT_CHAR_LIMIT)
        .map_or(text.len(), |(i, _)| i);
    s.text.clear();
    s.words.clear();
    for raw in text[..end].split_whitespace() {
        // Flags ("🇩🇪🇫🇷", or "Germany🇩🇪") apart from the letters around them.
        let mut rest = raw;
        while let Some(first) = rest.chars().next() {
            let flag = regional_letter(first).is_some();
            let cut = rest
                .char_indices()
                .find(|&(_, c)| regional_letter(c).is_some() != flag)
                .map_or(rest.len(), |(i, _)| i);
            let (run, tail) = rest.split_at(cut);
            push_words(run, flag, s);
            rest = tail;
        }
    }
}

/// Appends the normalised words of `run` (no whitespace in it).
fn push_words(run: &str, flag: bool, s: &mut Scratch) {
    let caps = run.chars().any(char::is_alphabetic)
        && run.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    normalize_into(run, NAME_CHAR_LIMIT, &mut s.token);
    for w in s.token.split(' ').filter(|w| !w.is_empty()) {
        if !s.text.is_empty() {
            s.text.push(' ');
        }
        let start = s.text.len();
        s.text.push_str(w);
        s.words.push(Word {
            start,
            end: s.text.len(),
            caps,
            flag,
        });
    }
}
