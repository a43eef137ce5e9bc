//! Reading a question: words, the language they are in, the names in them
//! (longest phrase first) and the cues the other words give.

use super::lexicon::{stem, Entity, Lexicon};
use super::words::Cue;
use super::Language;
use crate::dataset::Dataset;
use crate::search::{normalize, MatchStage, Resolution, Scope};

/// Only the first this-many characters of a question are read: a question
/// is a sentence, and a 2,000-character message costs no more than this.
pub const QUESTION_CHAR_LIMIT: usize = 300;

/// One normalised word of the question.
#[derive(Debug, Clone)]
struct Word {
    norm: String,
    stem: String,
    /// Written in capitals in the question ("UK", "ПРО").
    capitals: bool,
}

/// A name found in the question, with where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub entity: Entity,
    /// Position of its first word.
    pub at: usize,
}

/// What a question holds.
#[derive(Debug, Default)]
pub struct Reading {
    pub found: Vec<Found>,
    pub cues: Vec<Cue>,
    pub year: Option<i32>,
    /// Words that are neither names, keywords nor filler.
    pub unknown: Vec<String>,
}

impl Reading {
    pub fn has(&self, c: Cue) -> bool {
        self.cues.contains(&c)
    }
}

/// The language a question is written in, from its letters and words.
pub fn language(text: &str) -> Language {
    let mut cyr = 0usize;
    let mut lat = 0usize;
    let (mut uk, mut ru, mut pl) = (0usize, 0usize, 0usize);
    for c in text.chars().take(QUESTION_CHAR_LIMIT) {
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' | 'ʼ' => uk += 1,
            'ы' | 'э' | 'ё' | 'ъ' | 'Ы' | 'Э' | 'Ё' | 'Ъ' => ru += 1,
            'ą' | 'ć' | 'ę' | 'ł' | 'ń' | 'ś' | 'ź' | 'ż' | 'Ą' | 'Ć' | 'Ę' | 'Ł' | 'Ń' | 'Ś' | 'Ź' | 'Ż' => {
                pl += 1
            }
            _ => {}
        }
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() {
            lat += 1;
        }
    }
    let lower = text.to_lowercase();
    let has_word = |ws: &[&str]| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ws.contains(&w))
    };
    if cyr > lat {
        if ru > uk {
            return Language::Ru;
        }
        if uk > 0 {
            return Language::Uk;
        }
        const RU: &[&str] = &[
            "кто",
            "что",
            "какие",
            "какая",
            "какой",
            "дал",
            "дала",
            "сколько",
            "когда",
            "страны",
            "или",
            "сравни",
            "подписал",
            "подписала",
            "обещали",
            "обещал",
            "он",
            "она",
            "они",
            "это",
            "где",
            "почему",
        ];
        if has_word(RU) {
            Language::Ru
        } else {
            Language::Uk
        }
    } else {
        const PL: &[&str] = &[
            "kto",
            "które",
            "ktore",
            "jakie",
            "kraje",
            "czy",
            "ile",
            "kiedy",
            "dał",
            "dal",
            "obiecał",
            "umowa",
            "umowy",
            "porównaj",
            "jest",
            "nie",
            "dla",
        ];
        if pl > 0 || has_word(PL) {
            Language::Pl
        } else {
            Language::En
        }
    }
}

/// Splits the question into normalised words. A word keeps whether it was
/// written in capitals; "F-16" stays one written word but two normalised
/// ones ("f", "16"), as the names are normalised the same way.
fn words(text: &str) -> Vec<Word> {
    let clipped: String = text.chars().take(QUESTION_CHAR_LIMIT).collect();
    let mut out = Vec::new();
    for raw in clipped.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '?' | '!' | ';' | ':' | '(' | ')' | '"' | '«' | '»' | '“' | '”'
            )
    }) {
        let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
        // A flag emoji ("🇯🇵") is its code, as certain as one in capitals.
        let flag = raw.chars().any(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c));
        let capitals = flag || (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()));
        let norm = normalize(raw);
        for part in norm.split(' ').filter(|p| !p.is_empty()) {
            out.push(Word {
                norm: part.to_string(),
                stem: stem(part).to_string(),
                capitals,
            });
        }
    }
    out
}

/// Reads a question: names longest phrase first, then keywords, then a
/// typo of a place name in a long word, else the word is unknown.
pub fn read(ds: &Dataset, lx: &Lexicon, text: &str) -> Reading {
    let ws = words(text);
    let mut r = Reading::default();
    let mut i = 0;
    let mut norm = String::new();
    let mut stemmed = String::new();
    'outer: while i < ws.len() {
        // Phrases of two words or more: names first.
        let longest = lx.max_words.min(ws.len() - i);
        for n in (2..=longest).rev() {
            join(&ws[i..i + n], &mut norm, &mut stemmed);
            if let Some(e) = lx.entity(&norm, &stemmed) {
                r.found.push(Found { entity: e, at: i });
                i += n;
                continue 'outer;
            }
        }
        let w = &ws[i];
        i += 1;
        if let Some(y) = year(&w.norm) {
            r.year = Some(y);
            continue;
        }
        let short = w.norm.chars().count() <= 3;
        let cue = lx.cue(&w.norm, &w.stem);
        // A short word names something only in capitals or when it is a
        // known short name ("uk", "ппо"); "us" only as "US" or "the us".
        let after_the = i >= 2 && ws[i - 2].norm == "the";
        let may_name = if w.norm == "us" {
            w.capitals || after_the
        } else if short && w.capitals {
            // A code in capitals names its partner even where the word is
            // also a cue ("NO" is Norway, as `/search query:NO F-16` writes it).
            true
        } else {
            cue.is_none() && (!short || w.capitals || lx.short_name_ok(&w.norm))
        };
        if may_name {
            if let Some(e) = lx.entity(&w.norm, &w.stem) {
                r.found.push(Found { entity: e, at: i - 1 });
                continue;
            }
        }
        if let Some(c) = cue {
            if !r.cues.contains(&c) {
                r.cues.push(c);
            }
            continue;
        }
        if w.norm.chars().count() >= 6 {
            if let Resolution::Fuzzy {
                target,
                stage: MatchStage::Typo,
                ..
            } = ds.index.resolve(&w.norm, Scope::Places)
            {
                r.found.push(Found {
                    entity: Entity::Target(target),
                    at: i - 1,
                });
                continue;
            }
        }
        if w.norm.chars().all(|c| c.is_ascii_digit()) || w.norm.chars().count() <= 1 {
            continue;
        }
        r.unknown.push(w.norm.clone());
    }
    r
}

fn join(ws: &[Word], norm: &mut String, stemmed: &mut String) {
    norm.clear();
    stemmed.clear();
    for (k, w) in ws.iter().enumerate() {
        if k > 0 {
            norm.push(' ');
            stemmed.push(' ');
        }
        norm.push_str(&w.norm);
        stemmed.push_str(&w.stem);
    }
}

/// A year of the agreements' era written as four digits ("2024").
fn year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (2014..=2035).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(language("хто дав ППО?"), Language::Uk);
        assert_eq!(language("які країни обіцяли винищувачі"), Language::Uk);
        assert_eq!(language("кто дал ПВО"), Language::Ru);
        assert_eq!(language("какие страны обещали истребители"), Language::Ru);
        assert_eq!(language("które kraje obiecały obronę powietrzną"), Language::Pl);
        assert_eq!(language("kto dał F-16"), Language::Pl);
        assert_eq!(language("which Nordic countries pledged F-16s?"), Language::En);
        assert_eq!(language("хто дав F-16"), Language::Uk);
    }
}
