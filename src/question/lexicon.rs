//! Every name and keyword a question can contain, normalised and stemmed
//! once per dataset, so reading a question is a handful of hash lookups.
//!
//! Stemming is deliberately crude and symmetric: the same function cuts the
//! names at build time and the question's words at read time, so
//! "винищувачів" and "винищувачі" meet at "винищувач", "F-16s" and "F-16" at
//! "f 16", "Німеччини" and "Німеччина" at "нимеччин". A stem that two
//! different records share is dropped (only exact names decide then).

use std::collections::HashMap;
use std::fmt;

use super::words::{Cue, ABOUT_PHRASES, EXTRA_AID, EXTRA_PLACES, FILLER, KEYWORDS, SHORT_NAMES};
use crate::dataset::Dataset;
use crate::search::{normalize, Target};

/// Something a question can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    /// A partner, a country without an agreement or an aid type (as the
    /// resolver's targets).
    Target(Target),
    /// A partner group, by position in `Dataset::groups`.
    Group(u16),
    /// A named system, by position in `Dataset::systems`.
    System(u16),
    /// A phrase `/about` answers.
    About,
}

/// The names and keywords of one dataset.
pub struct Lexicon {
    /// Normalised phrase → entity (first given wins: systems, then the
    /// dataset's own names, then the extra words).
    exact: HashMap<Box<str>, Entity>,
    /// Stemmed phrase → entity, or `None` when two records share the stem.
    stems: HashMap<Box<str>, Option<Entity>>,
    /// Whole keywords (stemmed) → cue.
    words: HashMap<Box<str>, Cue>,
    /// Keyword prefixes, longest first.
    prefixes: Vec<(Box<str>, Cue)>,
    /// Normalised short names allowed in lower case.
    short: Vec<Box<str>>,
    /// Longest phrase, in words.
    pub max_words: usize,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("names", &self.exact.len())
            .field("stems", &self.stems.len())
            .field("keywords", &(self.words.len() + self.prefixes.len()))
            .finish()
    }
}

fn u16_of(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

impl Lexicon {
    pub fn build(ds: &Dataset) -> Lexicon {
        let mut lx = Lexicon {
            exact: HashMap::new(),
            stems: HashMap::new(),
            words: HashMap::new(),
            prefixes: Vec::new(),
            short: SHORT_NAMES.iter().map(|s| Box::from(normalize(s))).collect(),
            max_words: 1,
        };
        for (i, s) in ds.systems.iter().enumerate() {
            let e = Entity::System(u16_of(i));
            lx.add(&s.name, e);
            for a in &s.aliases {
                lx.add(a, e);
            }
        }
        for (i, g) in ds.groups.iter().enumerate() {
            let e = Entity::Group(u16_of(i));
            for n in g.all_names().skip(1) {
                lx.add(n, e);
            }
        }
        for (i, p) in ds.partners.iter().enumerate() {
            let e = Entity::Target(Target::Partner(u16_of(i)));
            lx.add(p.id.as_str(), e);
            for n in p.names.all() {
                lx.add(n, e);
            }
        }
        for (i, c) in ds.countries.iter().enumerate() {
            let e = Entity::Target(Target::Country(u16_of(i)));
            lx.add(c.id.as_str(), e);
            for n in c.names.all() {
                lx.add(n, e);
            }
        }
        for (i, a) in ds.aid_types.iter().enumerate() {
            let e = Entity::Target(Target::Aid(u16_of(i)));
            for n in [a.id.as_str(), a.en.as_str(), a.uk.as_str()] {
                lx.add(n, e);
            }
            for n in &a.aliases {
                lx.add(n, e);
            }
        }
        for (id, names) in EXTRA_PLACES {
            let t = ds
                .partners
                .iter()
                .position(|p| p.id.as_str() == *id)
                .map(|i| Target::Partner(u16_of(i)))
                .or_else(|| {
                    ds.countries
                        .iter()
                        .position(|c| c.id.as_str() == *id)
                        .map(|i| Target::Country(u16_of(i)))
                });
            if let Some(t) = t {
                for n in *names {
                    lx.add(n, Entity::Target(t));
                }
            }
        }
        for (id, names) in EXTRA_AID {
            if let Some(i) = ds.aid_types.iter().position(|a| a.id.as_str() == *id) {
                for n in *names {
                    lx.add(n, Entity::Target(Target::Aid(u16_of(i))));
                }
            }
        }
        for n in ABOUT_PHRASES {
            lx.add(n, Entity::About);
        }
        for k in KEYWORDS {
            let n = normalize(k.word);
            if k.prefix {
                lx.prefixes.push((n.into(), k.cue));
            } else {
                lx.words.entry(stem_phrase(&n).into()).or_insert(k.cue);
                lx.words.entry(n.into()).or_insert(k.cue);
            }
        }
        for f in FILLER {
            let n = normalize(f);
            lx.words.entry(stem_phrase(&n).into()).or_insert(Cue::Filler);
            lx.words.entry(n.into()).or_insert(Cue::Filler);
        }
        lx.prefixes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        lx
    }

    fn add(&mut self, name: &str, e: Entity) {
        let n = normalize(name);
        if n.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(n.split(' ').count());
        let s = stem_phrase(&n);
        // A name already given to another record stays theirs, stem too.
        let e = *self.exact.entry(n.into()).or_insert(e);
        // Stems shorter than four characters are too easily another word.
        if s.chars().filter(|c| *c != ' ').count() >= 4 {
            self.stems
                .entry(s.into())
                .and_modify(|v| {
                    if *v != Some(e) {
                        *v = None
                    }
                })
                .or_insert(Some(e));
        }
    }

    /// The entity a normalised phrase names, exactly or by its stem.
    pub fn entity(&self, norm: &str, stemmed: &str) -> Option<Entity> {
        if let Some(e) = self.exact.get(norm) {
            return Some(*e);
        }
        if stemmed.chars().filter(|c| *c != ' ').count() < 4 {
            return None;
        }
        self.stems.get(stemmed).copied().flatten()
    }

    /// The cue of one normalised word, if it is a keyword or filler.
    pub fn cue(&self, norm: &str, stemmed: &str) -> Option<Cue> {
        if let Some(c) = self.words.get(norm).or_else(|| self.words.get(stemmed)) {
            return Some(*c);
        }
        self.prefixes
            .iter()
            .find(|(p, _)| norm.starts_with(&**p))
            .map(|(_, c)| *c)
    }

    /// Whether a short word may name something in lower case.
    pub fn short_name_ok(&self, norm: &str) -> bool {
        self.short.iter().any(|s| &**s == norm)
    }
}

/// Stems every word of a normalised phrase.
pub fn stem_phrase(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    for (i, w) in norm.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(stem(w));
    }
    out
}

/// Cyrillic endings (as normalised: і/ї/й/ы → и, є/ё/э → е), longest first.
const CYRILLIC_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "ому", "ими", "ови", "еви", "ах", "ях", "ам", "ям", "ив", "ов", "ев", "ои", "ою",
    "ею", "еи", "ии", "их", "им", "ом", "ем", "и", "а", "я", "у", "ю", "е", "о", "ь",
];

/// Cuts one word to its stem: Latin words lose a plural ending and then a
/// final `e` or `y`; Cyrillic words lose one case ending and then trailing
/// vowels. A stem keeps at least three characters.
pub fn stem(word: &str) -> &str {
    // "16s", "90s": a plural of a model number.
    if let Some(rest) = word.strip_suffix('s') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return rest;
        }
    }
    let chars = word.chars().count();
    if chars < 4 {
        return word;
    }
    let is_cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if is_cyrillic {
        let mut s = word;
        for e in CYRILLIC_ENDINGS {
            if let Some(rest) = s.strip_suffix(e) {
                if rest.chars().count() >= 3 {
                    s = rest;
                    break;
                }
            }
        }
        while let Some(last) = s.chars().last() {
            if matches!(last, 'а' | 'е' | 'и' | 'о' | 'у' | 'я' | 'ю' | 'ь') && s.chars().count() > 3
            {
                s = &s[..s.len() - last.len_utf8()];
            } else {
                break;
            }
        }
        s
    } else {
        let mut s = word;
        for e in ["ies", "es", "s"] {
            if let Some(rest) = s.strip_suffix(e) {
                if rest.len() >= 3 && !rest.ends_with('s') {
                    s = rest;
                    break;
                }
            }
        }
        if let Some(rest) = s.strip_suffix(['e', 'y']) {
            if rest.len() >= 3 {
                s = rest;
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(s: &str) -> String {
        stem_phrase(&normalize(s))
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        for (a, b) in [
            ("винищувачів", "винищувачі"),
            ("винищувачі", "винищувач"),
            ("Леопарди", "Леопард"),
            ("пілотів", "пілот"),
            ("Німеччини", "Німеччина"),
            ("Франції", "Франція"),
            ("Францією", "Франція"),
            ("Японії", "Японія"),
            ("Германии", "Германия"),
            ("F-16s", "F-16"),
            ("Bradleys", "Bradley"),
            ("Mirages", "Mirage"),
            ("countries", "country"),
            ("Americans", "American"),
        ] {
            assert_eq!(st(a), st(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_words_keep_different_stems() {
        for (a, b) in [
            ("Австрія", "Австралія"),
            ("Slovakia", "Slovenia"),
            ("Iran", "Iraq"),
        ] {
            assert_ne!(st(a), st(b), "{a} / {b}");
        }
    }
}
