//! The alias index and the resolver cascade built on it.
//!
//! Everything that depends only on the names is computed once in
//! [`Index::build`]: the exact-match table, the sorted alias list (prefix
//! ranges), the sorted word starts (autocomplete on any word), a character
//! bigram inverted index (typo candidates) and first-character buckets (skim).
//! A query then touches only the few aliases those structures point at, with
//! its working buffers reused from a per-thread scratch area.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use super::normalize::{normalize_into, NAME_CHAR_LIMIT, TEXT_CHAR_LIMIT};
use super::{Collision, Target};

// ---------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------

/// Most targets listed in [`Resolution::Ambiguous`] and in
/// [`Resolution::NoMatch`] suggestions: enough to contain the intended one
/// when the query is a short prefix, few enough to read at a glance in chat.
pub const MAX_CANDIDATES: usize = 5;

/// A query must have at least this many characters to be taken as the start of
/// an alias. One letter starts dozens of names; two ("ge", "po") already
/// narrow it to a handful, and a unique two-letter prefix is a fair answer.
pub const PREFIX_MIN_CHARS: usize = 2;

/// A query must have at least this many characters to be matched against a
/// word *inside* an alias ("korea" → North Korea, South Korea; "kingdom" →
/// United Kingdom) when no alias starts with it. For `resolve` the query must
/// be whole words there ("duch" is not "Grand-Duché de Luxembourg"); for
/// `complete` any word start will do. Two letters ("of", "re") are noise.
pub const WORD_PREFIX_MIN_CHARS: usize = 3;

/// Queries shorter than this get no typo tolerance at all: one edit turns a
/// three-letter query into dozens of names ("ira" is one edit from Iran,
/// Iraq, Ira…), so a short query must be exact, a prefix or an abbreviation.
pub const TYPO_MIN_CHARS: usize = 4;

/// Queries of [`TYPO_MIN_CHARS`] up to this many characters may be one edit
/// away from the name ("Irna" → Iran). Two edits would let "Iran" reach
/// "Oman" and "Mali" reach "Malta": in a four-letter name that is half of it.
pub const TYPO_ONE_EDIT_MAX_CHARS: usize = 5;

/// Queries of 6 up to this many characters may be two edits away
/// ("Frnace", "Polnad" are one transposition; "Germny" one deletion;
/// "Grmany" with a slip on top is two). Beyond this, three edits
/// ([`TYPO_MAX_EDITS`]): long names ("hellicopters", "Untied Kingdom") carry
/// enough letters that three slips still leave them recognisable.
pub const TYPO_TWO_EDITS_MAX_CHARS: usize = 10;

/// The largest edit budget, for queries longer than [`TYPO_TWO_EDITS_MAX_CHARS`].
pub const TYPO_MAX_EDITS: usize = 3;

/// Second opinion on a typo match: the Jaro-Winkler similarity of the query
/// and the alias must reach this. Real typos score ≥ 0.9 (they keep most
/// letters in place and the first ones right); edit-distance coincidences
/// between unrelated words do not ("banana"/"canada" is two edits but 0.78,
/// "slovakia"/"slovenia" two edits but 0.867). The anchors report hits
/// ≥ 0.911 and unrelated queries ≤ 0.822; one substitution in a four-letter
/// name ("irak"/"iran", 0.883) still passes.
pub const TYPO_MIN_JARO_WINKLER: f64 = 0.88;

/// At most this many aliases (those sharing the most character bigrams with
/// the query) are scored by edit distance. Before the cap, lossless filters
/// (length, shared bigrams, letters missing on either side) drop every alias
/// that cannot be within the edit budget, so the cap is a safety bound on
/// cost that real queries rarely reach, not a guess that could hide a tie.
pub const TYPO_MAX_CANDIDATES: usize = 32;

/// Skim (subsequence) matching needs at least this many characters: two
/// letters are a subsequence of most names.
pub const SKIM_MIN_CHARS: usize = 3;

/// For skim, the query must cover at least this percentage of the alias's
/// characters: "nthlnds" is 7 of "netherlands"' 11; three letters scattered
/// through a 40-character official title mean nothing.
pub const SKIM_MIN_COVERAGE_PERCENT: usize = 40;

/// For skim, at most one vowel per this many query characters may follow
/// its first letter. Abbreviations drop vowels ("nthlnds", "grmny",
/// "hlcptrs", "utd kgdm"); a query with several vowels that is not a typo is
/// a mangled word ("caba", "saadan"), and letting skim place its letters
/// inside some long name ("Cambodian", "Salvadoran") would be a guess.
pub const SKIM_CHARS_PER_VOWEL: usize = 5;

/// For skim, the minimum score per query character. `SkimMatcherV2` gives
/// 16 per matched character plus bonuses for word starts and runs, and takes
/// points off for gaps; real abbreviations score 17–20 per character
/// ("nthlnds" 18, "grmny" 19, "utd kgdm" 17.6). Below 14 the letters are
/// spread thin through the alias with long gaps, and the match is a
/// coincidence.
pub const SKIM_MIN_SCORE_PER_CHAR: i64 = 14;

/// Suggestions in [`Resolution::NoMatch`] must reach this Jaro-Winkler
/// similarity: low enough to offer "did you mean" for badly mangled names,
/// high enough that most junk gets no suggestions at all.
pub const SUGGEST_MIN_JARO_WINKLER: f64 = 0.75;

/// How many more characters than the typo budget a suggestion's length may
/// differ from the query's.
pub const SUGGEST_EXTRA_LENGTH: usize = 3;

/// How many bigram candidates (those sharing the most bigrams with the query)
/// are compared by Jaro-Winkler for suggestions; the nearest names are among
/// them, and this only runs when nothing matched.
pub const SUGGEST_MAX_CANDIDATES: usize = 8;

/// A suggestion must share at least 1/this of the query's bigrams: a name
/// with fewer in common is not "near", and skipping it saves comparing it.
pub const SUGGEST_MIN_SHARED_DIVISOR: usize = 3;

/// Free-text scanning looks at windows of up to this many words: the longest
/// names people type in a sentence ("United Kingdom of Great Britain…") are
/// cut short by then, and their first four words are themselves an alias or
/// are caught by a shorter window.
pub const SCAN_MAX_WINDOW: usize = 4;

/// In free text a single word is also tried for typos if it has at least this
/// many characters; shorter English words ("Iran" vs "iron", "Chad" vs "chat")
/// are too often a real word one edit from a name.
pub const SCAN_TYPO_MIN_CHARS: usize = 6;

/// In free text a single word this short (two-letter ids, three-letter
/// codes and abbreviations) names a target only if it was written in
/// capitals and is not a common word ([`SCAN_SHORT_STOPWORDS`]): "it", "no",
/// "and", "can" and "per" are English and "про" Ukrainian, while "UK", "US",
/// "EU", "USA", "ППО" and "США" in capitals are names.
pub const SCAN_SHORT_MAX_CHARS: usize = 3;

/// Short words never taken for a name inside free text, even in capitals
/// (each is also an ISO code or an alias: IT, NO, IS, IN, AT, BE, AND, ARE,
/// CAN, PER, …).
pub const SCAN_SHORT_STOPWORDS: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "id", "if", "in", "is", "it", "me", "my",
    "no", "of", "ok", "on", "or", "so", "to", "up", "we", "all", "and", "any", "are", "arm", "ben", "but",
    "can", "cub", "did", "dom", "fin", "for", "gab", "get", "gin", "got", "had", "has", "how", "mar", "new",
    "nor", "not", "now", "one", "our", "out", "per", "see", "ton", "tun", "two", "vat", "was", "who", "why",
    "yes", "you",
];

/// How far a suggestion's length may be from the query's.
const fn suggest_len_diff(chars: usize) -> usize {
    typo_budget(chars) + SUGGEST_EXTRA_LENGTH
}

/// Alias lengths within `diff` characters of `chars`.
fn len_window(chars: usize, diff: usize) -> (usize, usize) {
    (chars.saturating_sub(diff), chars + diff)
}

/// The edit budget for a query of `chars` characters (see the `TYPO_*`
/// constants).
pub const fn typo_budget(chars: usize) -> usize {
    if chars < TYPO_MIN_CHARS {
        0
    } else if chars <= TYPO_ONE_EDIT_MAX_CHARS {
        1
    } else if chars <= TYPO_TWO_EDITS_MAX_CHARS {
        2
    } else {
        TYPO_MAX_EDITS
    }
}

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// Which kinds of target a query may resolve to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Partners and countries without an agreement.
    Places,
    /// Aid types.
    Aid,
    /// Everything.
    Any,
}

impl Scope {
    /// Whether `target` is of a kind this scope accepts.
    pub fn admits(self, target: Target) -> bool {
        match self {
            Scope::Places => matches!(target, Target::Partner(_) | Target::Country(_)),
            Scope::Aid => matches!(target, Target::Aid(_)),
            Scope::Any => true,
        }
    }
}

/// How a confident but inexact match was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchStage {
    /// The query is the start of an alias (or of a word in one).
    Prefix,
    /// The query is a few edits from an alias.
    Typo,
    /// The query's letters appear in order in an alias ("nthlnds").
    Abbreviation,
}

/// One possible target, with the name that matched as written in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub target: Target,
    pub alias: String,
}

/// The outcome of [`Index::resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The normalised query is an alias or id of this target.
    Exact(Target),
    /// One target is clearly meant; `alias` is the name it matched, as
    /// written in the data.
    Fuzzy {
        target: Target,
        stage: MatchStage,
        alias: String,
    },
    /// Several targets fit about equally well; best first, distinct, at most
    /// [`MAX_CANDIDATES`].
    Ambiguous(Vec<Candidate>),
    /// Nothing fits; the nearest names (distinct targets, at most
    /// [`MAX_CANDIDATES`], possibly none).
    NoMatch { suggestions: Vec<Candidate> },
}

// ---------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Alias {
    target: Target,
    /// As written in the data.
    written: Box<str>,
    /// Normalised.
    norm: Box<str>,
    /// Characters in `norm`.
    chars: usize,
}

/// What the candidate filters read for every alias, packed together.
#[derive(Debug, Clone, Copy)]
struct Hot {
    /// Characters in the normalised alias.
    chars: u32,
    /// Which characters occur ([`char_mask`]).
    mask: u64,
    target: Target,
}

/// A 64-bit set of the characters of `s`: one bit per ASCII letter, digit
/// and space, the rest hashed into the remaining bits. A character absent
/// from the set is certainly absent from the string (the converse may fail),
/// which is all the filters need.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

#[inline]
fn char_bit(c: char) -> u64 {
    let b = match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        '0'..='9' => 26 + u32::from(c) - u32::from('0'),
        ' ' => 36,
        _ => 37 + u32::from(c) % 27,
    };
    1 << b
}

/// Every name of every record, normalised, with the lookup structures the
/// resolver needs. Build it once per dataset load with [`Index::build`].
pub struct Index {
    /// Distinct normalised aliases, in the order first given.
    aliases: Vec<Alias>,
    /// Per alias, what the filters read.
    hot: Vec<Hot>,
    /// Normalised alias → position in `aliases`.
    exact: FxMap<Box<str>, u32>,
    /// Alias positions sorted by normalised text (prefix ranges).
    sorted: Vec<u32>,
    /// (alias, byte offset of a word start), sorted by the text from there on.
    word_starts: Vec<(u32, u32)>,
    /// Bigram key → range of `postings`.
    grams: FxMap<u64, (u32, u32)>,
    /// Alias positions per bigram, each list ordered by alias length (then
    /// position) and without repeats, so a length window is a sub-range.
    postings: Vec<u32>,
    /// The alias length of each entry of `postings`.
    posting_chars: Vec<u32>,
    /// First character → range of `bucket_ids`.
    buckets: FxMap<char, (u32, u32)>,
    bucket_ids: Vec<u32>,
    /// Characters in the longest normalised alias.
    max_chars: usize,
    skim: SkimMatcherV2,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("aliases", &self.aliases.len())
            .field("bigrams", &self.grams.len())
            .field("max_chars", &self.max_chars)
            .finish_non_exhaustive()
    }
}

impl Clone for Index {
    fn clone(&self) -> Self {
        Index {
            aliases: self.aliases.clone(),
            hot: self.hot.clone(),
            exact: self.exact.clone(),
            sorted: self.sorted.clone(),
            word_starts: self.word_starts.clone(),
            grams: self.grams.clone(),
            postings: self.postings.clone(),
            posting_chars: self.posting_chars.clone(),
            buckets: self.buckets.clone(),
            bucket_ids: self.bucket_ids.clone(),
            max_chars: self.max_chars,
            skim: new_skim(),
        }
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::build(std::iter::empty()).0
    }
}

fn new_skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Start and end markers of a word for bigrams; control characters never
/// survive normalisation, so they cannot clash with real text.
const GRAM_START: char = '\u{1}';
const GRAM_END: char = '\u{2}';

#[inline]
fn gram_key(a: char, b: char) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

#[inline]
fn for_each_gram(s: &str, mut f: impl FnMut(u64)) {
    let mut prev = GRAM_START;
    for c in s.chars() {
        f(gram_key(prev, c));
        prev = c;
    }
    f(gram_key(prev, GRAM_END));
}

/// Narrows a `usize` position to the index's `u32` (an index never holds
/// anywhere near 4 billion aliases or postings).
#[inline]
fn pos(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Index {
    /// Builds the index from (target, name) pairs, names as written in the
    /// data (ids included). Names are normalised; one that normalises to
    /// nothing is skipped, one given twice to the same target is kept once,
    /// and one given to two different targets is reported as a [`Collision`]
    /// (the first target keeps it).
    pub fn build<'a>(names: impl IntoIterator<Item = (Target, &'a str)>) -> (Index, Vec<Collision>) {
        let mut aliases: Vec<Alias> = Vec::new();
        let mut exact: FxMap<Box<str>, u32> = FxMap::default();
        let mut collisions = Vec::new();
        let mut buf = String::new();
        for (target, written) in names {
            normalize_into(written, NAME_CHAR_LIMIT, &mut buf);
            if buf.is_empty() {
                continue;
            }
            if let Some(&id) = exact.get(buf.as_str()) {
                let first = &aliases[id as usize];
                if first.target != target {
                    collisions.push(Collision {
                        alias: buf.clone(),
                        first: (first.target, first.written.to_string()),
                        second: (target, written.to_string()),
                    });
                }
                continue;
            }
            exact.insert(buf.as_str().into(), pos(aliases.len()));
            aliases.push(Alias {
                target,
                written: written.into(),
                norm: buf.as_str().into(),
                chars: buf.chars().count(),
            });
        }

        let mut sorted: Vec<u32> = (0..aliases.len()).map(pos).collect();
        sorted.sort_by(|&a, &b| aliases[a as usize].norm.cmp(&aliases[b as usize].norm));

        let mut word_starts: Vec<(u32, u32)> = Vec::new();
        for (id, a) in aliases.iter().enumerate() {
            word_starts.push((pos(id), 0));
            for (i, c) in a.norm.char_indices() {
                if c == ' ' {
                    word_starts.push((pos(id), pos(i + 1)));
                }
            }
        }
        let suffix = |&(id, off): &(u32, u32)| &aliases[id as usize].norm[off as usize..];
        word_starts.sort_by(|x, y| suffix(x).cmp(suffix(y)).then(x.cmp(y)));

        let hot: Vec<Hot> = aliases
            .iter()
            .map(|a| Hot {
                chars: pos(a.chars),
                mask: char_mask(&a.norm),
                target: a.target,
            })
            .collect();

        let mut triples: Vec<(u64, u32, u32)> = Vec::new();
        for (id, h) in hot.iter().enumerate() {
            for_each_gram(&aliases[id].norm, |k| triples.push((k, h.chars, pos(id))));
        }
        triples.sort_unstable();
        triples.dedup();
        let mut grams: FxMap<u64, (u32, u32)> = FxMap::default();
        let mut postings = Vec::with_capacity(triples.len());
        let mut posting_chars = Vec::with_capacity(triples.len());
        for chunk in triples.chunk_by(|x, y| x.0 == y.0) {
            let lo = pos(postings.len());
            postings.extend(chunk.iter().map(|&(_, _, id)| id));
            posting_chars.extend(chunk.iter().map(|&(_, chars, _)| chars));
            grams.insert(chunk[0].0, (lo, pos(postings.len())));
        }

        let mut firsts: Vec<(char, u32)> = aliases
            .iter()
            .enumerate()
            .filter_map(|(id, a)| a.norm.chars().next().map(|c| (c, pos(id))))
            .collect();
        firsts.sort_unstable();
        let mut buckets: FxMap<char, (u32, u32)> = FxMap::default();
        let mut bucket_ids = Vec::with_capacity(firsts.len());
        for chunk in firsts.chunk_by(|x, y| x.0 == y.0) {
            let lo = pos(bucket_ids.len());
            bucket_ids.extend(chunk.iter().map(|&(_, id)| id));
            buckets.insert(chunk[0].0, (lo, pos(bucket_ids.len())));
        }

        let max_chars = aliases.iter().map(|a| a.chars).max().unwrap_or(0);
        let index = Index {
            aliases,
            hot,
            exact,
            sorted,
            word_starts,
            grams,
            postings,
            posting_chars,
            buckets,
            bucket_ids,
            max_chars,
            skim: new_skim(),
        };
        (index, collisions)
    }

    /// Number of distinct normalised aliases.
    pub fn len(&self) -> usize {
        self.aliases.len()
    }

    /// Whether the index holds no alias at all.
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty()
    }

    /// Resolves what a user typed, cheapest stage first (see the module
    /// docs of `search`): exact, prefix, typo, abbreviation, else no match
    /// with suggestions. Only targets that `scope` admits are considered at
    /// any stage. A `Fuzzy` answer is given only when one target is clearly
    /// better than every other; close calls are `Ambiguous`.
    pub fn resolve(&self, query: &str, scope: Scope) -> Resolution {
        with_scratch(|s| {
            let mut q = std::mem::take(&mut s.query);
            normalize_into(query, NAME_CHAR_LIMIT, &mut q);
            let r = self.resolve_normalized(&q, scope, s);
            s.query = q;
            r
        })
    }

    /// Autocomplete: up to `limit` distinct targets for a partially typed
    /// name, best first: the exact match, then aliases starting with it, then
    /// aliases with a word starting with it ("kingdom" → United Kingdom),
    /// then typo and skim matches. An empty `partial` gives nothing (the
    /// caller offers its defaults).
    pub fn complete(&self, partial: &str, scope: Scope, limit: usize) -> Vec<Target> {
        if limit == 0 {
            return Vec::new();
        }
        with_scratch(|s| {
            let mut q = std::mem::take(&mut s.query);
            normalize_into(partial, NAME_CHAR_LIMIT, &mut q);
            let r = self.complete_normalized(&q, scope, limit, s);
            s.query = q;
            r
        })
    }

    /// Finds the targets named in free text ("what did Japan pledge on
    /// drones?", "Польща ППО"), distinct, in order of appearance. Windows of
    /// [`SCAN_MAX_WINDOW`] down to one word are matched exactly, longest
    /// first; single words of [`SCAN_TYPO_MIN_CHARS`] or more may also match
    /// a confident typo. Words of up to three letters count only when
    /// written in capitals and not common words (see
    /// [`SCAN_SHORT_MAX_CHARS`]); any id or alias counts when it is the whole
    /// text.
    pub fn scan(&self, text: &str, scope: Scope) -> Vec<Target> {
        with_scratch(|s| self.scan_in(text, scope, s))
    }

    // -- stages -------------------------------------------------------------

    fn alias(&self, id: u32) -> &Alias {
        &self.aliases[id as usize]
    }

    fn candidate(&self, id: u32) -> Candidate {
        let a = self.alias(id);
        Candidate {
            target: a.target,
            alias: a.written.to_string(),
        }
    }

    fn exact_target(&self, q: &str, scope: Scope) -> Option<Target> {
        let &id = self.exact.get(q)?;
        let t = self.alias(id).target;
        scope.admits(t).then_some(t)
    }

    fn resolve_normalized(&self, q: &str, scope: Scope, s: &mut Scratch) -> Resolution {
        if q.is_empty() {
            return Resolution::NoMatch {
                suggestions: Vec::new(),
            };
        }
        if let Some(t) = self.exact_target(q, scope) {
            return Resolution::Exact(t);
        }
        let qchars = q.chars().count();

        let budget = typo_budget(qchars);
        if qchars >= PREFIX_MIN_CHARS {
            self.prefix_hits(q, scope, &mut s.ranked);
            if s.ranked.is_empty() && qchars >= WORD_PREFIX_MIN_CHARS {
                self.word_prefix_hits(q, scope, false, true, &mut s.ranked);
            }
            match self.outcome(s.ranked.iter().map(|&(_, id)| id)) {
                Outcome::Nothing => {}
                Outcome::One(id) => return self.prefix_or_rivals(q, qchars, budget, id, scope, s),
                Outcome::Many(list) => return Resolution::Ambiguous(list),
            }
        }

        if budget > 0 {
            self.gather(q, len_window(qchars, budget), scope, s);
            self.typo_hits(q, qchars, budget, s);
            match self.typo_outcome(&s.hits) {
                Outcome::Nothing => {}
                Outcome::One(id) => return self.fuzzy(id, MatchStage::Typo),
                Outcome::Many(list) => return Resolution::Ambiguous(list),
            }
        }

        self.skim_hits(q, qchars, scope, &mut s.ranked);
        match self.outcome(s.ranked.iter().map(|&(_, id)| id)) {
            Outcome::Nothing => {}
            Outcome::One(id) => return self.fuzzy(id, MatchStage::Abbreviation),
            Outcome::Many(list) => return Resolution::Ambiguous(list),
        }

        Resolution::NoMatch {
            suggestions: self.suggestions(q, qchars, scope, s),
        }
    }

    /// A unique prefix is confident only if no other target is a plausible
    /// typo of the query: "boliva" starts "Bolivarian Republic of Venezuela"
    /// but is one edit from "Bolivia". With rivals the answer is ambiguous,
    /// nearest first (a prefix is as far as the letters it leaves out).
    fn prefix_or_rivals(
        &self,
        q: &str,
        qchars: usize,
        budget: usize,
        id: u32,
        scope: Scope,
        s: &mut Scratch,
    ) -> Resolution {
        if budget == 0 {
            return self.fuzzy(id, MatchStage::Prefix);
        }
        let target = self.alias(id).target;
        self.gather(q, len_window(qchars, budget), scope, s);
        self.typo_hits(q, qchars, budget, s);
        let missing = self.alias(id).chars.saturating_sub(qchars);
        let mut ranked: Vec<(usize, u32)> = vec![(missing, id)];
        ranked.extend(
            s.hits
                .iter()
                .filter(|h| h.jw >= TYPO_MIN_JARO_WINKLER && self.alias(h.id).target != target)
                .map(|h| (h.dist, h.id)),
        );
        if ranked.len() == 1 {
            return self.fuzzy(id, MatchStage::Prefix);
        }
        // Nearest first; on a tie the prefix match leads.
        ranked.sort_by_key(|&(d, id)| (d, self.alias(id).target != target, id));
        let mut list = Vec::new();
        for (_, id) in ranked {
            push_distinct(&mut list, self.candidate(id), MAX_CANDIDATES);
        }
        Resolution::Ambiguous(list)
    }

    fn fuzzy(&self, id: u32, stage: MatchStage) -> Resolution {
        let a = self.alias(id);
        Resolution::Fuzzy {
            target: a.target,
            stage,
            alias: a.written.to_string(),
        }
    }

    /// Turns ranked aliases (best first) into one target, several distinct
    /// targets (at most [`MAX_CANDIDATES`]) or nothing.
    fn outcome(&self, ranked: impl Iterator<Item = u32>) -> Outcome {
        let mut first = None;
        let mut list: Vec<Candidate> = Vec::new();
        for id in ranked {
            let t = self.alias(id).target;
            match first {
                None => first = Some(id),
                Some(f) if list.is_empty() => {
                    if self.alias(f).target != t {
                        list.push(self.candidate(f));
                        list.push(self.candidate(id));
                    }
                }
                Some(_) => {
                    if !list.iter().any(|c| c.target == t) {
                        list.push(self.candidate(id));
                    }
                }
            }
            if list.len() >= MAX_CANDIDATES {
                break;
            }
        }
        match first {
            None => Outcome::Nothing,
            Some(id) if list.is_empty() => Outcome::One(id),
            Some(_) => Outcome::Many(list),
        }
    }

    /// Aliases that start with `q`, shortest first, into `out` as
    /// (chars, alias).
    fn prefix_hits(&self, q: &str, scope: Scope, out: &mut Vec<(i64, u32)>) {
        out.clear();
        let lo = self.sorted.partition_point(|&id| &*self.alias(id).norm < q);
        for &id in &self.sorted[lo..] {
            let a = self.alias(id);
            if !a.norm.starts_with(q) {
                break;
            }
            if scope.admits(a.target) {
                out.push((a.chars as i64, id));
            }
        }
        out.sort_unstable();
    }

    /// Aliases with a word that starts with `q` — the first word too if
    /// `include_first`; with `whole_words`, `q` must end where a word of the
    /// alias ends — ranked: first-word matches first, then shorter aliases.
    fn word_prefix_hits(
        &self,
        q: &str,
        scope: Scope,
        include_first: bool,
        whole_words: bool,
        out: &mut Vec<(i64, u32)>,
    ) {
        out.clear();
        let suffix = |&(id, off): &(u32, u32)| &self.alias(id).norm[off as usize..];
        let lo = self.word_starts.partition_point(|e| suffix(e) < q);
        for e in &self.word_starts[lo..] {
            if !suffix(e).starts_with(q) {
                break;
            }
            let (id, off) = *e;
            let a = self.alias(id);
            let ends_word = || suffix(e)[q.len()..].is_empty() || suffix(e)[q.len()..].starts_with(' ');
            if (off > 0 || include_first) && scope.admits(a.target) && (!whole_words || ends_word()) {
                let rank = if off == 0 { 0 } else { 1 << 32 };
                out.push((rank + a.chars as i64, id));
            }
        }
        out.sort_unstable();
    }

    /// Counts, for every alias admitted by `scope` whose length is within
    /// `min_len..=max_len` characters, the bigrams it shares with the query,
    /// into `s.cands` as (alias, shared). Postings are ordered by length, so
    /// only the aliases in the window are touched.
    fn gather(&self, q: &str, (min_len, max_len): (usize, usize), scope: Scope, s: &mut Scratch) {
        s.cands.clear();
        if min_len > self.max_chars {
            return;
        }
        if s.counts.len() < self.aliases.len() {
            s.counts.resize(self.aliases.len(), 0);
        }
        s.touched.clear();
        let counts = &mut s.counts;
        let touched = &mut s.touched;
        for_each_gram(q, |k| {
            if let Some(&(lo, hi)) = self.grams.get(&k) {
                let (lo, hi) = (lo as usize, hi as usize);
                let lens = &self.posting_chars[lo..hi];
                let from = lens.partition_point(|&l| (l as usize) < min_len);
                let to = lens.partition_point(|&l| (l as usize) <= max_len);
                for &id in &self.postings[lo + from..lo + to] {
                    let c = &mut counts[id as usize];
                    if *c == 0 {
                        touched.push(id);
                    }
                    *c = c.saturating_add(1);
                }
            }
        });
        for &id in touched.iter() {
            let shared = std::mem::take(&mut counts[id as usize]);
            if scope.admits(self.hot[id as usize].target) {
                s.cands.push((id, u32::from(shared)));
            }
        }
    }

    /// The `keep` best of the gathered candidates that pass `admit`, into
    /// `s.picked`: most shared bigrams first, then closest in length, then
    /// data order.
    fn pick(&self, qchars: usize, keep: usize, s: &mut Scratch, admit: impl Fn(&Hot, u32) -> bool) {
        s.picked.clear();
        s.picked.extend(
            s.cands
                .iter()
                .copied()
                .filter(|&(id, shared)| admit(&self.hot[id as usize], shared)),
        );
        let key = |&(id, shared): &(u32, u32)| {
            (
                std::cmp::Reverse(shared),
                (self.hot[id as usize].chars as usize).abs_diff(qchars),
                id,
            )
        };
        if s.picked.len() > keep {
            s.picked.select_nth_unstable_by_key(keep - 1, key);
            s.picked.truncate(keep);
        }
        s.picked.sort_unstable_by_key(key);
    }

    /// Typo matches within `budget` edits among the gathered candidates, one
    /// per target (its best alias), into `s.hits`, best first: fewest
    /// edits, then highest Jaro-Winkler.
    ///
    /// Only aliases that could be within `budget` edits are scored (each
    /// filter is a lower bound of the distance, so none drops a true match):
    /// - the lengths differ by at most `budget`;
    /// - one edit changes at most three bigrams (a transposition; other edits
    ///   two), so the alias shares at least `max(len) + 1 - 3 × budget` of
    ///   its bigrams (start and end markers included) with the query;
    /// - each letter of one string missing from the other costs an edit, so
    ///   at most `budget` distinct letters are missing on either side.
    fn typo_hits(&self, q: &str, qchars: usize, budget: usize, s: &mut Scratch) {
        s.hits.clear();
        let qmask = char_mask(q);
        let budget32 = pos(budget);
        self.pick(qchars, TYPO_MAX_CANDIDATES, s, |h, shared| {
            let chars = h.chars as usize;
            let need = (chars.max(qchars) + 1).saturating_sub(3 * budget);
            chars.abs_diff(qchars) <= budget
                && shared as usize >= need
                && (h.mask & !qmask).count_ones() <= budget32
                && (qmask & !h.mask).count_ones() <= budget32
        });
        for &(id, _) in &s.picked {
            let norm = &*self.alias(id).norm;
            let dist = strsim::osa_distance(q, norm);
            if dist <= budget {
                let jw = strsim::jaro_winkler(q, norm);
                s.hits.push(Hit { id, dist, jw });
            }
        }
        self.rank_hits(s);
    }

    /// Sorts `s.hits` nearest first (fewest edits, then most similar) and
    /// keeps each target's best.
    fn rank_hits(&self, s: &mut Scratch) {
        s.hits.sort_by(|a, b| {
            a.dist
                .cmp(&b.dist)
                .then(b.jw.total_cmp(&a.jw))
                .then(a.id.cmp(&b.id))
        });
        let mut i = 0;
        while i < s.hits.len() {
            let t = self.alias(s.hits[i].id).target;
            if s.hits[..i].iter().any(|h| self.alias(h.id).target == t) {
                s.hits.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// A typo answer is confident only when one target is strictly closer by
    /// edit distance than every other, Jaro-Winkler agrees (it is also
    /// strictly the most similar) and reaches [`TYPO_MIN_JARO_WINKLER`].
    fn typo_outcome(&self, hits: &[Hit]) -> Outcome {
        let Some(best) = hits.first() else {
            return Outcome::Nothing;
        };
        let rivals = &hits[1..];
        if best.jw >= TYPO_MIN_JARO_WINKLER && rivals.iter().all(|h| h.dist > best.dist && h.jw < best.jw) {
            return Outcome::One(best.id);
        }
        if !hits.iter().any(|h| h.jw >= TYPO_MIN_JARO_WINKLER) {
            return Outcome::Nothing;
        }
        let list: Vec<Candidate> = hits
            .iter()
            .filter(|h| h.jw >= TYPO_MIN_JARO_WINKLER || h.dist == best.dist)
            .take(MAX_CANDIDATES)
            .map(|h| self.candidate(h.id))
            .collect();
        if list.len() == 1 {
            // Every rival failed the second opinion and the one left is
            // not clearly better: not confident, but worth listing.
            return Outcome::Many(
                hits.iter()
                    .take(MAX_CANDIDATES)
                    .map(|h| self.candidate(h.id))
                    .collect(),
            );
        }
        Outcome::Many(list)
    }

    /// Skim (subsequence) matches among aliases with the query's first
    /// character, into `out` as (-score, alias), best first, one per target.
    fn skim_hits(&self, q: &str, qchars: usize, scope: Scope, out: &mut Vec<(i64, u32)>) {
        out.clear();
        if qchars < SKIM_MIN_CHARS || qchars > self.max_chars {
            return;
        }
        let Some(first) = q.chars().next() else {
            return;
        };
        let Some(&(lo, hi)) = self.buckets.get(&first) else {
            return;
        };
        let vowels = q.chars().skip(1).filter(|&c| is_vowel(c)).count();
        if vowels > qchars / SKIM_CHARS_PER_VOWEL {
            return;
        }
        let min_score = SKIM_MIN_SCORE_PER_CHAR * qchars as i64;
        for &id in &self.bucket_ids[lo as usize..hi as usize] {
            let a = self.alias(id);
            if a.chars < qchars
                || qchars * 100 < SKIM_MIN_COVERAGE_PERCENT * a.chars
                || !scope.admits(a.target)
                || !is_subsequence(q, &a.norm)
            {
                continue;
            }
            if let Some(score) = self.skim.fuzzy_match(&a.norm, q) {
                if score >= min_score {
                    out.push((-score, id));
                }
            }
        }
        out.sort_unstable();
        let mut i = 0;
        while i < out.len() {
            let t = self.alias(out[i].1).target;
            if out[..i].iter().any(|&(_, id)| self.alias(id).target == t) {
                out.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// The nearest names: those with a word starting with the query, then
    /// by Jaro-Winkler among the aliases that share the most bigrams with
    /// it; distinct targets, at most [`MAX_CANDIDATES`].
    fn suggestions(&self, q: &str, qchars: usize, scope: Scope, s: &mut Scratch) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        if qchars >= WORD_PREFIX_MIN_CHARS {
            self.word_prefix_hits(q, scope, true, false, &mut s.ranked);
            for &(_, id) in &s.ranked {
                push_distinct(&mut out, self.candidate(id), MAX_CANDIDATES);
            }
        }
        self.gather(q, len_window(qchars, suggest_len_diff(qchars)), scope, s);
        let need = pos((qchars + 1).div_ceil(SUGGEST_MIN_SHARED_DIVISOR));
        self.pick(qchars, SUGGEST_MAX_CANDIDATES, s, |_, shared| shared >= need);
        s.hits.clear();
        for &(id, _) in &s.picked {
            let jw = strsim::jaro_winkler(q, &self.alias(id).norm);
            if jw >= SUGGEST_MIN_JARO_WINKLER {
                s.hits.push(Hit { id, dist: 0, jw });
            }
        }
        s.hits.sort_by(|a, b| b.jw.total_cmp(&a.jw).then(a.id.cmp(&b.id)));
        for h in &s.hits {
            push_distinct(&mut out, self.candidate(h.id), MAX_CANDIDATES);
        }
        out
    }

    /// For autocomplete: aliases whose start is within `budget` edits of
    /// the partial name ("Untied" → United Kingdom, United States), into
    /// `s.hits`, one per target, nearest first. The start is taken as long
    /// as the query, or one character shorter or longer. Only aliases with
    /// the query's first letter are tried (a slip in the very first letter
    /// of a half-typed name is rare, and the bucket keeps this cheap), and
    /// only for targets not already `listed` or found (the first alias of a
    /// target within the budget stands for it).
    fn prefix_typo_hits(
        &self,
        q: &str,
        qchars: usize,
        budget: usize,
        scope: Scope,
        listed: &[Target],
        s: &mut Scratch,
    ) {
        s.hits.clear();
        let Some(first) = q.chars().next() else {
            return;
        };
        let Some(&(lo, hi)) = self.buckets.get(&first) else {
            return;
        };
        let qmask = char_mask(q);
        let budget32 = pos(budget);
        for &id in &self.bucket_ids[lo as usize..hi as usize] {
            let h = &self.hot[id as usize];
            if (h.chars as usize) + budget < qchars
                || (qmask & !h.mask).count_ones() > budget32
                || !scope.admits(h.target)
                || listed.contains(&h.target)
                || s.hits.iter().any(|x| self.hot[x.id as usize].target == h.target)
            {
                continue;
            }
            let norm = &*self.alias(id).norm;
            let start = |n: usize| norm.char_indices().nth(n).map_or(norm, |(i, _)| &norm[..i]);
            // Letters of the query missing from the start of the alias each
            // cost an edit.
            if (qmask & !char_mask(start(qchars + budget))).count_ones() > budget32 {
                continue;
            }
            let mut dist = strsim::osa_distance(q, start(qchars));
            if dist > budget {
                dist = dist.min(strsim::osa_distance(q, start(qchars + 1)));
            }
            if dist > budget && qchars > 1 {
                dist = dist.min(strsim::osa_distance(q, start(qchars - 1)));
            }
            if dist <= budget {
                let jw = strsim::jaro_winkler(q, start(qchars));
                if jw >= SUGGEST_MIN_JARO_WINKLER {
                    s.hits.push(Hit { id, dist, jw });
                }
            }
        }
        self.rank_hits(s);
    }

    fn complete_normalized(&self, q: &str, scope: Scope, limit: usize, s: &mut Scratch) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        if q.is_empty() {
            return out;
        }
        let push = |out: &mut Vec<Target>, t: Target| {
            if out.len() < limit && !out.contains(&t) {
                out.push(t);
            }
        };
        if let Some(t) = self.exact_target(q, scope) {
            push(&mut out, t);
        }
        self.word_prefix_hits(q, scope, true, false, &mut s.ranked);
        for &(_, id) in &s.ranked {
            push(&mut out, self.alias(id).target);
        }
        let qchars = q.chars().count();
        let budget = typo_budget(qchars);
        if out.len() < limit && budget > 0 {
            self.prefix_typo_hits(q, qchars, budget, scope, &out, s);
            for h in &s.hits {
                push(&mut out, self.alias(h.id).target);
            }
        }
        if out.len() < limit {
            self.skim_hits(q, qchars, scope, &mut s.ranked);
            for &(_, id) in &s.ranked {
                push(&mut out, self.alias(id).target);
            }
        }
        out
    }

    fn scan_in(&self, text: &str, scope: Scope, s: &mut Scratch) -> Vec<Target> {
        let mut found: Vec<Target> = Vec::new();
        // The whole text as one name: the only way an id or a short
        // abbreviation counts regardless of case.
        let mut q = std::mem::take(&mut s.query);
        normalize_into(text, NAME_CHAR_LIMIT, &mut q);
        let whole = self.exact_target(&q, scope);
        s.query = q;
        if let Some(t) = whole {
            found.push(t);
            return found;
        }

        // Words of the text, normalised, joined by single spaces in
        // `s.text`, with their byte ranges and whether they were written in
        // capitals.
        let end = text
            .char_indices()
            .nth(TEXT_CHAR_LIMIT)
            .map_or(text.len(), |(i, _)| i);
        s.text.clear();
        s.words.clear();
        for raw in text[..end].split_whitespace() {
            let caps = raw.chars().any(char::is_alphabetic)
                && raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            normalize_into(raw, NAME_CHAR_LIMIT, &mut s.token);
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
                });
            }
        }

        let text = std::mem::take(&mut s.text);
        let words = std::mem::take(&mut s.words);
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            let longest = SCAN_MAX_WINDOW.min(words.len() - i);
            for w in (1..=longest).rev() {
                let window = &text[words[i].start..words[i + w - 1].end];
                if w == 1 {
                    let chars = window.chars().count();
                    if chars <= SCAN_SHORT_MAX_CHARS
                        && (!words[i].caps || SCAN_SHORT_STOPWORDS.contains(&window))
                    {
                        continue;
                    }
                    if let Some(t) = self.exact_target(window, scope) {
                        push_target(&mut found, t);
                        break;
                    }
                    if chars >= SCAN_TYPO_MIN_CHARS {
                        let budget = typo_budget(chars);
                        self.gather(window, len_window(chars, budget), scope, s);
                        self.typo_hits(window, chars, budget, s);
                        if let Outcome::One(id) = self.typo_outcome(&s.hits) {
                            push_target(&mut found, self.alias(id).target);
                        }
                    }
                } else if let Some(t) = self.exact_target(window, scope) {
                    push_target(&mut found, t);
                    step = w;
                    break;
                }
            }
            i += step;
        }
        s.text = text;
        s.words = words;
        found
    }
}

fn push_target(out: &mut Vec<Target>, t: Target) {
    if !out.contains(&t) {
        out.push(t);
    }
}

fn push_distinct(out: &mut Vec<Candidate>, c: Candidate, limit: usize) {
    if out.len() < limit && !out.iter().any(|x| x.target == c.target) {
        out.push(c);
    }
}

/// Vowels of the normalised Latin and Cyrillic alphabets (і, є, ї, ё fold
/// to и and е).
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'а' | 'е' | 'и' | 'о' | 'у' | 'ю' | 'я'
    )
}

/// Whether the characters of `needle` appear in order in `hay`.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

enum Outcome {
    Nothing,
    One(u32),
    Many(Vec<Candidate>),
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    id: u32,
    dist: usize,
    jw: f64,
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    caps: bool,
}

// ---------------------------------------------------------------------------
// Per-thread scratch buffers
// ---------------------------------------------------------------------------

/// Buffers reused across queries on one thread, so a query allocates only
/// for what it returns (and inside strsim/skim).
#[derive(Default)]
struct Scratch {
    query: String,
    token: String,
    text: String,
    words: Vec<Word>,
    /// Shared-bigram count per alias; all zero between queries.
    counts: Vec<u16>,
    touched: Vec<u32>,
    cands: Vec<(u32, u32)>,
    picked: Vec<(u32, u32)>,
    hits: Vec<Hit>,
    ranked: Vec<(i64, u32)>,
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers (taken out of the cell for the
/// duration, so a nested call or a call during thread exit simply gets fresh
/// ones; nothing here can panic).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut s = SCRATCH.try_with(Cell::take).unwrap_or_default();
    let r = f(&mut s);
    let _ = SCRATCH.try_with(|c| c.set(s));
    r
}

// ---------------------------------------------------------------------------
// A small fast hasher for the lookup tables (keys come from the dataset, so
// there is no flooding concern; queries only look up).
// ---------------------------------------------------------------------------

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const P: fn(u16) -> Target = Target::Partner;
    const C: fn(u16) -> Target = Target::Country;
    const A: fn(u16) -> Target = Target::Aid;

    // Partners
    const DE: Target = Target::Partner(0);
    const FR: Target = Target::Partner(1);
    const GB: Target = Target::Partner(2);
    const PL: Target = Target::Partner(3);
    const SI: Target = Target::Partner(4);
    const NL: Target = Target::Partner(5);
    const IT: Target = Target::Partner(6);
    const JP: Target = Target::Partner(8);
    const EU: Target = Target::Partner(9);
    const CAN: Target = Target::Partner(10);
    // Countries without an agreement
    const SK: Target = Target::Country(0);
    const AT: Target = Target::Country(1);
    const AU: Target = Target::Country(2);
    const BR: Target = Target::Country(3);
    const IR: Target = Target::Country(4);
    const IQ: Target = Target::Country(5);
    const KP: Target = Target::Country(6);
    const KR: Target = Target::Country(7);
    const IE: Target = Target::Country(8);
    const US: Target = Target::Country(9);
    // Aid types
    const AIR: Target = Target::Aid(0);
    const ART: Target = Target::Aid(1);
    const JETS: Target = Target::Aid(2);
    const DRONES: Target = Target::Aid(3);

    fn names() -> Vec<(Target, &'static str)> {
        let mut v = Vec::new();
        let mut add = |t: Target, ns: &[&'static str]| v.extend(ns.iter().map(|n| (t, *n)));
        add(
            DE,
            &[
                "DE",
                "Germany",
                "Deutschland",
                "Німеччина",
                "Federal Republic of Germany",
                "German",
            ],
        );
        add(FR, &["FR", "France", "French Republic", "Франція"]);
        add(
            GB,
            &[
                "GB",
                "United Kingdom",
                "UK",
                "U.K.",
                "Britain",
                "Great Britain",
                "Велика Британія",
            ],
        );
        add(PL, &["PL", "Poland", "Polska", "Польща"]);
        add(SI, &["SI", "Slovenia", "Slovenija"]);
        add(
            NL,
            &["NL", "The Netherlands", "Netherlands", "Nederland", "Нідерланди"],
        );
        add(IT, &["IT", "Italy", "Italia"]);
        add(P(7), &["NO", "Norway", "Norge"]);
        add(JP, &["JP", "Japan"]);
        add(EU, &["EU", "European Union", "ЄС"]);
        add(CAN, &["CA", "Canada"]);
        add(SK, &["SK", "Slovakia"]);
        add(AT, &["AT", "Austria", "Österreich"]);
        add(AU, &["AU", "Australia"]);
        add(BR, &["BR", "Brazil", "Brasil"]);
        add(IR, &["IR", "Iran"]);
        add(IQ, &["IQ", "Iraq"]);
        add(KP, &["KP", "North Korea"]);
        add(KR, &["KR", "South Korea"]);
        add(IE, &["IE", "Ireland", "Éire", "Ірландія"]);
        add(US, &["US", "United States", "USA"]);
        add(C(10), &["PA", "Panama"]);
        add(C(11), &["IN", "India"]);
        add(C(12), &["IS", "Iceland"]);
        add(C(13), &["AD", "Andorra", "AND"]);
        add(C(14), &["BO", "Bolivia"]);
        add(C(15), &["VE", "Venezuela", "Bolivarian Republic of Venezuela"]);
        add(
            AIR,
            &[
                "air-defence",
                "air defence",
                "ППО",
                "Patriot",
                "air defence systems",
                "протиповітряна оборона",
            ],
        );
        add(ART, &["artillery", "артилерія", "155 mm ammunition"]);
        add(
            JETS,
            &["combat-aircraft", "combat aircraft", "helicopters", "F-16"],
        );
        add(DRONES, &["drones", "UAV", "дрони"]);
        add(A(4), &["naval", "navy"]);
        v
    }

    fn index() -> Index {
        let (ix, collisions) = Index::build(names());
        assert!(collisions.is_empty(), "{collisions:?}");
        ix
    }

    fn targets(list: &[Candidate]) -> Vec<Target> {
        list.iter().map(|c| c.target).collect()
    }

    #[track_caller]
    fn fuzzy(ix: &Index, q: &str, scope: Scope) -> (Target, MatchStage) {
        match ix.resolve(q, scope) {
            Resolution::Fuzzy { target, stage, .. } => (target, stage),
            other => panic!("{q:?}: expected a fuzzy match, got {other:?}"),
        }
    }

    #[track_caller]
    fn ambiguous(ix: &Index, q: &str, scope: Scope) -> Vec<Target> {
        match ix.resolve(q, scope) {
            Resolution::Ambiguous(c) => targets(&c),
            other => panic!("{q:?}: expected ambiguous, got {other:?}"),
        }
    }

    #[track_caller]
    fn no_match(ix: &Index, q: &str, scope: Scope) -> Vec<Target> {
        match ix.resolve(q, scope) {
            Resolution::NoMatch { suggestions } => targets(&suggestions),
            other => panic!("{q:?}: expected no match, got {other:?}"),
        }
    }

    #[test]
    fn scope_admits() {
        assert!(Scope::Places.admits(DE) && Scope::Places.admits(SK) && !Scope::Places.admits(AIR));
        assert!(Scope::Aid.admits(AIR) && !Scope::Aid.admits(DE) && !Scope::Aid.admits(SK));
        assert!(Scope::Any.admits(DE) && Scope::Any.admits(SK) && Scope::Any.admits(AIR));
    }

    #[test]
    fn exact_matches_every_form() {
        let ix = index();
        for (q, t) in [
            ("Germany", DE),
            ("  germany ", DE),
            ("DE", DE),
            ("de", DE),
            ("Німеччина", DE),
            ("Нимеччина", DE),
            ("The Netherlands", NL),
            ("netherlands", NL),
            ("U.K.", GB),
            ("uk", GB),
            ("ППО", AIR),
            ("ппо", AIR),
            ("air-defence", AIR),
            ("AIR_DEFENCE", AIR),
            ("Ирландія", IE),
            ("Eire", IE),
            ("osterreich", AT),
            ("єс", EU),
        ] {
            assert_eq!(ix.resolve(q, Scope::Any), Resolution::Exact(t), "{q}");
        }
    }

    #[test]
    fn real_countries_are_never_their_neighbours() {
        let ix = index();
        assert_eq!(ix.resolve("Slovakia", Scope::Places), Resolution::Exact(SK));
        assert_eq!(ix.resolve("Austria", Scope::Places), Resolution::Exact(AT));
        assert_eq!(ix.resolve("Brazil", Scope::Places), Resolution::Exact(BR));
        assert_eq!(ix.resolve("Australia", Scope::Places), Resolution::Exact(AU));
        assert_eq!(ix.resolve("Slovenia", Scope::Places), Resolution::Exact(SI));
        // Typos of either neighbour go to the nearer one.
        assert_eq!(fuzzy(&ix, "Slovakai", Scope::Places), (SK, MatchStage::Typo));
        assert_eq!(fuzzy(&ix, "Slovnia", Scope::Places), (SI, MatchStage::Typo));
        assert_eq!(fuzzy(&ix, "Austira", Scope::Places), (AT, MatchStage::Typo));
        assert_eq!(fuzzy(&ix, "Austrailia", Scope::Places), (AU, MatchStage::Typo));
        // One edit from both: say so.
        let both = ambiguous(&ix, "Austrlia", Scope::Places);
        assert!(
            both.len() == 2 && both.contains(&AT) && both.contains(&AU),
            "{both:?}"
        );
    }

    #[test]
    fn without_the_country_its_neighbour_is_not_claimed() {
        // Even if a country were missing from the data, a neighbour two
        // edits away is not a confident answer.
        let names: Vec<_> = names()
            .into_iter()
            .filter(|(t, _)| *t != SK && *t != BR)
            .collect();
        let (ix, _) = Index::build(names);
        assert!(!matches!(
            ix.resolve("Slovakia", Scope::Places),
            Resolution::Fuzzy { .. } | Resolution::Exact(_)
        ));
        assert!(!matches!(
            ix.resolve("Brazil", Scope::Places),
            Resolution::Fuzzy { .. } | Resolution::Exact(_)
        ));
    }

    #[test]
    fn prefixes() {
        let ix = index();
        assert_eq!(fuzzy(&ix, "germ", Scope::Any), (DE, MatchStage::Prefix));
        assert_eq!(fuzzy(&ix, "artil", Scope::Any), (ART, MatchStage::Prefix));
        assert_eq!(fuzzy(&ix, "Brit", Scope::Places), (GB, MatchStage::Prefix));
        assert_eq!(fuzzy(&ix, "po", Scope::Places), (PL, MatchStage::Prefix));
        // Several targets: ambiguous, shortest alias first.
        assert_eq!(ambiguous(&ix, "Austr", Scope::Places), vec![AT, AU]);
        assert_eq!(ambiguous(&ix, "united", Scope::Places), vec![US, GB]);
        // The alias as written is reported.
        match ix.resolve("artil", Scope::Aid) {
            Resolution::Fuzzy { alias, .. } => assert_eq!(alias, "artillery"),
            other => panic!("{other:?}"),
        }
        // One character is not a prefix match.
        assert!(matches!(
            ix.resolve("g", Scope::Places),
            Resolution::NoMatch { .. }
        ));
    }

    #[test]
    fn a_prefix_yields_to_a_typo_of_another_name() {
        let ix = index();
        // "boliva" starts "Bolivarian Republic of Venezuela" but is one edit
        // from Bolivia: ambiguous, nearest first.
        assert_eq!(ambiguous(&ix, "Boliva", Scope::Places), vec![C(14), C(15)]);
        assert_eq!(ambiguous(&ix, "Bolivar", Scope::Places), vec![C(14), C(15)]);
        assert_eq!(
            fuzzy(&ix, "Bolivarian", Scope::Places),
            (C(15), MatchStage::Prefix)
        );
        assert_eq!(ix.resolve("Bolivia", Scope::Places), Resolution::Exact(C(14)));
    }

    #[test]
    fn word_prefixes_when_no_alias_starts_with_the_query() {
        let ix = index();
        assert_eq!(ambiguous(&ix, "korea", Scope::Places), vec![KP, KR]);
        assert_eq!(fuzzy(&ix, "kingdom", Scope::Places), (GB, MatchStage::Prefix));
        // Two letters are not enough inside an alias.
        assert!(matches!(
            ix.resolve("ki", Scope::Places),
            Resolution::NoMatch { .. }
        ));
        // Inside an alias only whole words are a confident answer; a part
        // of one is offered as a suggestion.
        assert_eq!(no_match(&ix, "kingd", Scope::Places), vec![GB]);
    }

    #[test]
    fn typo_anchors_resolve() {
        let ix = index();
        for (q, scope, t) in [
            ("Untied Kingdom", Scope::Places, GB),
            ("Frnace", Scope::Places, FR),
            ("air defense", Scope::Aid, AIR),
            ("Germny", Scope::Places, DE),
            ("Polnad", Scope::Places, PL),
            ("artilery", Scope::Aid, ART),
            ("hellicopters", Scope::Aid, JETS),
            ("Untied Kingdom", Scope::Any, GB),
            ("Frnace", Scope::Any, FR),
            ("air defense", Scope::Any, AIR),
        ] {
            assert_eq!(fuzzy(&ix, q, scope), (t, MatchStage::Typo), "{q}");
        }
    }

    #[test]
    fn typo_budget_by_length() {
        assert_eq!(typo_budget(1), 0);
        assert_eq!(typo_budget(3), 0);
        assert_eq!(typo_budget(4), 1);
        assert_eq!(typo_budget(5), 1);
        assert_eq!(typo_budget(6), 2);
        assert_eq!(typo_budget(10), 2);
        assert_eq!(typo_budget(11), 3);
        assert_eq!(typo_budget(200), TYPO_MAX_EDITS);

        let ix = index();
        // 4–5 characters: one edit, not two.
        assert_eq!(fuzzy(&ix, "Itlay", Scope::Places), (IT, MatchStage::Typo));
        assert_eq!(fuzzy(&ix, "Jaapn", Scope::Places), (JP, MatchStage::Typo));
        assert!(!matches!(
            ix.resolve("Itxxy", Scope::Places),
            Resolution::Fuzzy { .. }
        ));
        // 6–10 characters: two edits, not three.
        assert_eq!(fuzzy(&ix, "Germmanyy", Scope::Places), (DE, MatchStage::Typo));
        assert!(!matches!(
            ix.resolve("Gxrmmanyy", Scope::Places),
            Resolution::Fuzzy { .. }
        ));
        // Longer: three edits.
        assert_eq!(
            fuzzy(&ix, "Untied Kingdmo", Scope::Places),
            (GB, MatchStage::Typo)
        );
        assert_eq!(fuzzy(&ix, "Untied Kngdmo", Scope::Places), (GB, MatchStage::Typo));
    }

    #[test]
    fn typo_ties_are_ambiguous() {
        let ix = index();
        let irak = ambiguous(&ix, "Irak", Scope::Places);
        assert_eq!(irak.len(), 2);
        assert!(irak.contains(&IR) && irak.contains(&IQ));
    }

    #[test]
    fn jaro_winkler_vetoes_edit_distance_coincidences() {
        let ix = index();
        // Two substitutions from Canada and from Panama, but not alike.
        assert!(!matches!(
            ix.resolve("banana", Scope::Places),
            Resolution::Fuzzy { .. } | Resolution::Exact(_)
        ));
        assert!(TYPO_MIN_JARO_WINKLER > strsim::jaro_winkler("banana", "canada"));
        assert!(TYPO_MIN_JARO_WINKLER > strsim::jaro_winkler("slovakia", "slovenia"));
        assert!(TYPO_MIN_JARO_WINKLER < strsim::jaro_winkler("irak", "iran"));
    }

    #[test]
    fn abbreviations_by_skim() {
        let ix = index();
        assert_eq!(
            fuzzy(&ix, "nthlnds", Scope::Places),
            (NL, MatchStage::Abbreviation)
        );
        assert_eq!(fuzzy(&ix, "grmny", Scope::Places), (DE, MatchStage::Abbreviation));
        assert_eq!(
            fuzzy(&ix, "hlcptrs", Scope::Aid),
            (JETS, MatchStage::Abbreviation)
        );
        // Letters of two names: ambiguous.
        let irn = ambiguous(&ix, "irn", Scope::Places);
        assert!(irn.contains(&IR) && irn.contains(&IE), "{irn:?}");
        // Too short for skim.
        assert!(matches!(
            ix.resolve("gy", Scope::Places),
            Resolution::NoMatch { .. }
        ));
        // Too little of the alias covered.
        assert!(matches!(
            ix.resolve("ads", Scope::Aid),
            Resolution::NoMatch { .. }
        ));
        // Abbreviations drop vowels: one per five characters at most.
        assert_eq!(
            fuzzy(&ix, "nethlnds", Scope::Places),
            (NL, MatchStage::Abbreviation)
        );
        assert!(is_subsequence("neteands", "netherlands"));
        no_match(&ix, "neteands", Scope::Places);
    }

    #[test]
    fn junk_is_no_match() {
        let ix = index();
        for q in [
            "pizza delivery",
            "asdfgh",
            "xyz",
            "@everyone",
            "",
            "   ",
            "!!!",
            "🇺🇦🇺🇦",
            "\0\u{1}",
            "qwertyuiop",
        ] {
            for scope in [Scope::Places, Scope::Aid, Scope::Any] {
                no_match(&ix, q, scope);
            }
        }
        let junk: String = (0..6_000u32)
            .map(|i| char::from_u32(0x20 + (i.wrapping_mul(2_654_435_761) % 0x2F00)).unwrap_or('x'))
            .collect();
        for scope in [Scope::Places, Scope::Aid, Scope::Any] {
            no_match(&ix, &junk, scope);
        }
        no_match(&ix, &"a".repeat(6_000), Scope::Any);
    }

    #[test]
    fn suggestions_for_near_misses() {
        let ix = index();
        // Too mangled to be sure, close enough to suggest.
        let s = no_match(&ix, "Gxrmmanyy", Scope::Places);
        assert_eq!(s.first(), Some(&DE), "{s:?}");
        assert!(s.len() <= MAX_CANDIDATES);
        // Distinct targets only.
        let mut d = s.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), s.len());
        assert!(no_match(&ix, "xyz", Scope::Any).is_empty());
    }

    #[test]
    fn scope_filters_every_stage() {
        let ix = index();
        no_match(&ix, "Germany", Scope::Aid);
        no_match(&ix, "germ", Scope::Aid);
        no_match(&ix, "Germny", Scope::Aid);
        no_match(&ix, "grmny", Scope::Aid);
        no_match(&ix, "artillery", Scope::Places);
        no_match(&ix, "artil", Scope::Places);
        no_match(&ix, "artilery", Scope::Places);
        assert_eq!(ix.resolve("Patriot", Scope::Aid), Resolution::Exact(AIR));
        assert_eq!(ix.resolve("Austria", Scope::Places), Resolution::Exact(AT));
        assert_eq!(ix.resolve("Austria", Scope::Any), Resolution::Exact(AT));
        for s in no_match(&ix, "Gxrmmanyy", Scope::Aid) {
            assert!(Scope::Aid.admits(s));
        }
    }

    #[test]
    fn collisions_dedupe_and_empty_names() {
        let (ix, collisions) = Index::build([
            (DE, "Germany"),
            (DE, "GERMANY"),
            (DE, "Німеччина"),
            (FR, "France"),
            (C(20), "Georgia"),
            (P(20), "georgia!"),
            (A(9), "!!!"),
            (A(9), ""),
        ]);
        assert_eq!(ix.len(), 4);
        assert_eq!(
            collisions,
            vec![Collision {
                alias: "georgia".to_string(),
                first: (C(20), "Georgia".to_string()),
                second: (P(20), "georgia!".to_string()),
            }]
        );
        assert_eq!(ix.resolve("Georgia", Scope::Any), Resolution::Exact(C(20)));
        assert_eq!(ix.resolve("Нимеччина", Scope::Any), Resolution::Exact(DE));
        let empty = Index::default();
        assert!(empty.is_empty());
        assert!(matches!(
            empty.resolve("Germany", Scope::Any),
            Resolution::NoMatch { .. }
        ));
        assert!(empty.complete("g", Scope::Any, 25).is_empty());
        assert!(empty.scan("Germany", Scope::Any).is_empty());
        let cloned = ix.clone();
        assert_eq!(cloned.resolve("france", Scope::Any), Resolution::Exact(FR));
        assert!(format!("{ix:?}").contains("aliases: 4"));
    }

    #[test]
    fn complete_ranks_and_limits() {
        let ix = index();
        assert!(ix.complete("", Scope::Places, 25).is_empty());
        assert!(ix.complete("  ", Scope::Places, 25).is_empty());
        assert!(ix.complete("germany", Scope::Places, 0).is_empty());
        assert_eq!(ix.complete("germany", Scope::Places, 25).first(), Some(&DE));
        assert_eq!(ix.complete("kingdom", Scope::Places, 25), vec![GB]);
        // Aliases starting with it first, then a word inside ("European Union").
        let un = ix.complete("un", Scope::Places, 25);
        assert_eq!(un, vec![US, GB, EU]);
        assert_eq!(ix.complete("un", Scope::Places, 1), vec![US]);
        let a = ix.complete("a", Scope::Places, 25);
        assert!(a.starts_with(&[AT, AU]), "{a:?}");
        // Shorter aliases first: "artillery" before "air defence".
        assert!(ix.complete("a", Scope::Aid, 25).starts_with(&[ART, AIR]));
        assert_eq!(ix.complete("Germny", Scope::Places, 25).first(), Some(&DE));
        assert_eq!(ix.complete("nthlnds", Scope::Places, 25), vec![NL]);
        assert!(ix.complete("germ", Scope::Aid, 25).is_empty());
        assert_eq!(ix.complete("Нім", Scope::Places, 25), vec![DE]);
        // Exact first, even when a longer alias also starts with it.
        assert_eq!(ix.complete("air defence", Scope::Aid, 25), vec![AIR]);
        let kor = ix.complete("korea", Scope::Places, 25);
        assert_eq!(kor, vec![KP, KR]);
        // A typo in the start of a longer name.
        let untied = ix.complete("Untied", Scope::Places, 25);
        assert!(
            untied.len() == 2 && untied.contains(&GB) && untied.contains(&US),
            "{untied:?}"
        );
        assert_eq!(ix.complete("Brtain", Scope::Places, 25), vec![GB]);
    }

    #[test]
    fn scan_finds_names_in_free_text() {
        let ix = index();
        assert_eq!(
            ix.scan("what did Japan pledge on drones?", Scope::Any),
            vec![JP, DRONES]
        );
        assert_eq!(ix.scan("Польща ППО", Scope::Any), vec![PL, AIR]);
        assert_eq!(
            ix.scan(
                "did the United Kingdom or North Korea send air defence systems",
                Scope::Any
            ),
            vec![GB, KP, AIR]
        );
        assert_eq!(
            ix.scan("drones from france, then France again", Scope::Any),
            vec![DRONES, FR]
        );
        // Longest window first: "air defence systems" is one name, not "air defence" + junk.
        assert_eq!(ix.scan("air defence systems", Scope::Aid), vec![AIR]);
        // Typos of long single words only.
        assert_eq!(
            ix.scan("what did Germny give for artilery", Scope::Any),
            vec![DE, ART]
        );
        assert!(ix.scan("what about Irak", Scope::Any).is_empty());
        // Scope.
        assert_eq!(
            ix.scan("what did Japan pledge on drones?", Scope::Places),
            vec![JP]
        );
        assert_eq!(
            ix.scan("what did Japan pledge on drones?", Scope::Aid),
            vec![DRONES]
        );
    }

    #[test]
    fn scan_treats_two_letter_words_with_care() {
        let ix = index();
        assert!(ix.scan("is it in no way", Scope::Any).is_empty());
        assert!(ix.scan("IT IS IN", Scope::Any).is_empty());
        assert!(ix.scan("pl de fr", Scope::Any).is_empty());
        // Three-letter codes too: "and" is English, "AND" in capitals as well.
        assert_eq!(ix.scan("compare france and germany", Scope::Any), vec![FR, DE]);
        assert_eq!(ix.scan("France AND Germany", Scope::Any), vec![FR, DE]);
        assert_eq!(ix.scan("USA or UK?", Scope::Any), vec![US, GB]);
        assert_eq!(ix.scan("and", Scope::Any), vec![C(13)]);
        assert_eq!(
            ix.scan("what did the UK and the EU pledge", Scope::Any),
            vec![GB, EU]
        );
        // The whole text may be an id, in any case.
        assert_eq!(ix.scan("it", Scope::Any), vec![IT]);
        assert_eq!(ix.scan("  de ", Scope::Any), vec![DE]);
        assert_eq!(ix.scan("no", Scope::Places), vec![P(7)]);
        assert!(ix.scan("", Scope::Any).is_empty());
    }

    #[test]
    fn queries_reuse_scratch_across_indexes() {
        // The per-thread counts must be left clean for a bigger or smaller
        // index used next.
        let small = Index::build([(DE, "Germany")]).0;
        let big = index();
        for _ in 0..3 {
            assert_eq!(fuzzy(&big, "Germny", Scope::Places), (DE, MatchStage::Typo));
            assert_eq!(fuzzy(&small, "Germny", Scope::Places), (DE, MatchStage::Typo));
            assert_eq!(fuzzy(&big, "Frnace", Scope::Places), (FR, MatchStage::Typo));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_and_respects_limits(s in "\\PC{0,300}|.{0,6000}", limit in 0usize..30) {
            let ix = index();
            let n = crate::search::normalize(&s);
            prop_assert!(n.chars().count() <= NAME_CHAR_LIMIT * 18);
            prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "));
            for scope in [Scope::Places, Scope::Aid, Scope::Any] {
                match ix.resolve(&s, scope) {
                    Resolution::Exact(t) | Resolution::Fuzzy { target: t, .. } => prop_assert!(scope.admits(t)),
                    Resolution::Ambiguous(c) => {
                        prop_assert!(c.len() >= 2 && c.len() <= MAX_CANDIDATES);
                        prop_assert!(c.iter().all(|c| scope.admits(c.target)));
                    }
                    Resolution::NoMatch { suggestions } => {
                        prop_assert!(suggestions.len() <= MAX_CANDIDATES);
                        prop_assert!(suggestions.iter().all(|c| scope.admits(c.target)));
                    }
                }
                let done = ix.complete(&s, scope, limit);
                prop_assert!(done.len() <= limit);
                prop_assert!(done.iter().all(|&t| scope.admits(t)));
                let found = ix.scan(&s, scope);
                prop_assert!(found.iter().all(|&t| scope.admits(t)));
            }
        }
    }
}
