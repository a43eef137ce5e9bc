//! The alias index and the resolver cascade built on it.
//!
//! Everything that depends only on the names is computed once in
//! [`Index::build`] (`build.rs`): the exact-match table, the sorted alias
//! list (prefix ranges), the sorted word starts (autocomplete on any word), a
//! character bigram inverted index (typo candidates) and first-character
//! buckets (skim). A query then touches only the few aliases those
//! structures point at, with its working buffers reused from a per-thread
//! scratch area (`scratch.rs`).
//!
//! One file per stage: `resolve.rs` (exact and prefix, and the cascade),
//! `typo.rs` (edit distance and suggestions), `skim.rs` (abbreviations),
//! `complete.rs` (autocomplete) and `scan.rs` (names in free text). Every
//! threshold they use is in [`super::thresholds`].

mod build;
mod complete;
mod resolve;
mod scan;
mod scratch;
pub(super) mod skim;
mod typo;

#[cfg(test)]
mod tests;

use std::fmt;

use rustc_hash::FxHashMap;

use super::normalize::{normalize_into, regional_letter, NAME_CHAR_LIMIT};
use super::Target;
pub use resolve::{Candidate, MatchStage, Resolution};
use scratch::with_scratch;

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
    /// Which characters occur (`build::char_mask`).
    mask: u64,
    target: Target,
}

/// Every name of every record, normalised, with the lookup structures the
/// resolver needs. Build it once per dataset load with [`Index::build`].
#[derive(Clone)]
pub struct Index {
    /// Distinct normalised aliases, in the order first given.
    aliases: Vec<Alias>,
    /// Per alias, what the filters read.
    hot: Vec<Hot>,
    /// Normalised alias → position in `aliases`.
    exact: FxHashMap<Box<str>, u32>,
    /// Alias positions sorted by normalised text (prefix ranges).
    sorted: Vec<u32>,
    /// (alias, byte offset of a word start), sorted by the text from there on.
    word_starts: Vec<(u32, u32)>,
    /// Bigram key → range of `postings`.
    grams: FxHashMap<u64, (u32, u32)>,
    /// Alias positions per bigram, each list ordered by alias length (then
    /// position) and without repeats, so a length window is a sub-range.
    postings: Vec<u32>,
    /// The alias length of each entry of `postings`.
    posting_chars: Vec<u32>,
    /// First character → range of `bucket_ids`.
    buckets: FxHashMap<char, (u32, u32)>,
    bucket_ids: Vec<u32>,
    /// Characters in the longest normalised alias.
    max_chars: usize,
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

impl Default for Index {
    fn default() -> Self {
        Index::build(std::iter::empty()).0
    }
}

/// Narrows a `usize` position to the index's `u32` (an index never holds
/// anywhere near 4 billion aliases or postings).
#[inline]
fn pos(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Index {
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
    /// better than every other; close calls are `Ambiguous`. A query with a
    /// flag emoji ("🇩🇪", the code `de`) must match exactly: a flag is
    /// not a misspelling, and "🇺🇦" is not the start of "UAE".
    pub fn resolve(&self, query: &str, scope: Scope) -> Resolution {
        with_scratch(|s| {
            let mut q = std::mem::take(&mut s.query);
            normalize_into(query, NAME_CHAR_LIMIT, &mut q);
            let r = if has_flag(query) {
                self.exact_only(&q, scope)
            } else {
                self.resolve_normalized(&q, scope, s)
            };
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
            let r = if has_flag(partial) {
                self.exact_target(&q, scope).into_iter().collect()
            } else {
                self.complete_normalized(&q, scope, limit, s)
            };
            s.query = q;
            r
        })
    }

    /// Finds the targets named in free text ("what did Japan pledge on
    /// drones?", "Польща ППО"), distinct, in order of appearance. Windows of
    /// [`SCAN_MAX_WINDOW`](super::thresholds::SCAN_MAX_WINDOW) down to one word are matched exactly, longest
    /// first; single words of [`SCAN_TYPO_MIN_CHARS`](super::thresholds::SCAN_TYPO_MIN_CHARS) or more may also match
    /// a confident typo. Words of up to three letters count only when
    /// written in capitals and not common words (see
    /// [`SCAN_SHORT_MAX_CHARS`](super::thresholds::SCAN_SHORT_MAX_CHARS)); any id or alias counts when it is the whole
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

    fn exact_only(&self, q: &str, scope: Scope) -> Resolution {
        match self.exact_target(q, scope) {
            Some(t) => Resolution::Exact(t),
            None => Resolution::NoMatch {
                suggestions: Vec::new(),
            },
        }
    }

    fn exact_target(&self, q: &str, scope: Scope) -> Option<Target> {
        let &id = self.exact.get(q)?;
        let t = self.alias(id).target;
        scope.admits(t).then_some(t)
    }

    /// Keeps the first entry of each target in `v` (already ranked best
    /// first) and drops the others, in place.
    fn keep_first_per_target<T>(&self, v: &mut Vec<T>, id: impl Fn(&T) -> u32) {
        let mut i = 0;
        while i < v.len() {
            let t = self.hot[id(&v[i]) as usize].target;
            if v[..i].iter().any(|x| self.hot[id(x) as usize].target == t) {
                v.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// Whether the text (as far as it is normalised) holds a regional
/// indicator symbol, the half of a flag emoji.
fn has_flag(text: &str) -> bool {
    text.chars()
        .take(NAME_CHAR_LIMIT)
        .any(|c| regional_letter(c).is_some())
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
