//! Building the index: everything that depends only on the names, computed
//! once per dataset load so a query pays only for the stages it reaches.

use rustc_hash::FxHashMap;

use super::{pos, Alias, Hot, Index};
use crate::search::normalize::{normalize_into, NAME_CHAR_LIMIT};
use crate::search::{Collision, Target};

impl Index {
    /// Builds the index from (target, name) pairs, names as written in the
    /// data (ids included). Names are normalised; one that normalises to
    /// nothing is skipped, one given twice to the same target is kept once,
    /// and one given to two different targets is reported as a [`Collision`]
    /// (the first target keeps it).
    pub fn build<'a>(names: impl IntoIterator<Item = (Target, &'a str)>) -> (Index, Vec<Collision>) {
        let (aliases, exact, collisions) = distinct_aliases(names);
        let hot: Vec<Hot> = aliases
            .iter()
            .map(|a| Hot {
                chars: pos(a.chars),
                mask: char_mask(&a.norm),
                target: a.target,
            })
            .collect();
        let (grams, postings, posting_chars) = postings(&aliases, &hot);
        let (buckets, bucket_ids) = buckets(&aliases);
        let index = Index {
            sorted: sorted(&aliases),
            word_starts: word_starts(&aliases),
            max_chars: aliases.iter().map(|a| a.chars).max().unwrap_or(0),
            aliases,
            hot,
            exact,
            grams,
            postings,
            posting_chars,
            buckets,
            bucket_ids,
        };
        (index, collisions)
    }
}

type Distinct = (Vec<Alias>, FxHashMap<Box<str>, u32>, Vec<Collision>);

/// The normalised aliases in the order first given, the exact-match table,
/// and the names two targets claim.
fn distinct_aliases<'a>(names: impl IntoIterator<Item = (Target, &'a str)>) -> Distinct {
    let mut aliases: Vec<Alias> = Vec::new();
    let mut exact: FxHashMap<Box<str>, u32> = FxHashMap::default();
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
    (aliases, exact, collisions)
}

/// Alias positions sorted by normalised text, so a prefix is a range.
fn sorted(aliases: &[Alias]) -> Vec<u32> {
    let mut sorted: Vec<u32> = (0..aliases.len()).map(pos).collect();
    sorted.sort_by(|&a, &b| aliases[a as usize].norm.cmp(&aliases[b as usize].norm));
    sorted
}

/// (alias, byte offset) of every word start, sorted by the text from there
/// on, so the aliases with a word starting with a query are a range.
fn word_starts(aliases: &[Alias]) -> Vec<(u32, u32)> {
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
    word_starts
}

type Postings = (FxHashMap<u64, (u32, u32)>, Vec<u32>, Vec<u32>);

/// The bigram inverted index: bigram → range of the postings, each range
/// ordered by alias length (then position) without repeats, and the alias
/// length of every posting (so a length window is a sub-range).
fn postings(aliases: &[Alias], hot: &[Hot]) -> Postings {
    let mut triples: Vec<(u64, u32, u32)> = Vec::new();
    for (id, h) in hot.iter().enumerate() {
        for_each_gram(&aliases[id].norm, |k| triples.push((k, h.chars, pos(id))));
    }
    triples.sort_unstable();
    triples.dedup();
    let mut grams: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
    let mut postings = Vec::with_capacity(triples.len());
    let mut posting_chars = Vec::with_capacity(triples.len());
    for chunk in triples.chunk_by(|x, y| x.0 == y.0) {
        let lo = pos(postings.len());
        postings.extend(chunk.iter().map(|&(_, _, id)| id));
        posting_chars.extend(chunk.iter().map(|&(_, chars, _)| chars));
        grams.insert(chunk[0].0, (lo, pos(postings.len())));
    }
    (grams, postings, posting_chars)
}

/// First character → range of the alias positions that start with it.
fn buckets(aliases: &[Alias]) -> (FxHashMap<char, (u32, u32)>, Vec<u32>) {
    let mut firsts: Vec<(char, u32)> = aliases
        .iter()
        .enumerate()
        .filter_map(|(id, a)| a.norm.chars().next().map(|c| (c, pos(id))))
        .collect();
    firsts.sort_unstable();
    let mut buckets: FxHashMap<char, (u32, u32)> = FxHashMap::default();
    let mut bucket_ids = Vec::with_capacity(firsts.len());
    for chunk in firsts.chunk_by(|x, y| x.0 == y.0) {
        let lo = pos(bucket_ids.len());
        bucket_ids.extend(chunk.iter().map(|&(_, id)| id));
        buckets.insert(chunk[0].0, (lo, pos(bucket_ids.len())));
    }
    (buckets, bucket_ids)
}

/// A 64-bit set of the characters of `s`: one bit per ASCII letter, digit
/// and space, the rest hashed into the remaining bits. A character absent
/// from the set is certainly absent from the string (the converse may fail),
/// which is all the filters need.
pub(super) fn char_mask(s: &str) -> u64 {
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

/// Start and end markers of a word for bigrams; control characters never
/// survive normalisation, so they cannot clash with real text.
const GRAM_START: char = '\u{1}';
const GRAM_END: char = '\u{2}';

#[inline]
fn gram_key(a: char, b: char) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

/// Calls `f` with the key of every character bigram of `s`, the start and
/// end of the text counting as characters.
#[inline]
pub(super) fn for_each_gram(s: &str, mut f: impl FnMut(u64)) {
    let mut prev = GRAM_START;
    for c in s.chars() {
        f(gram_key(prev, c));
        prev = c;
    }
    f(gram_key(prev, GRAM_END));
}
