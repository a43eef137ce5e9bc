//! The typo stage (optimal string alignment distance on the aliases that
//! share the most character bigrams with the query), the "did you mean"
//! suggestions, and typos in the start of a half-typed name (autocomplete).

use super::build::{char_mask, for_each_gram};
use super::resolve::Outcome;
use super::scratch::Scratch;
use super::{pos, push_distinct, Candidate, Hot, Index, Scope};
use crate::search::thresholds::{
    len_window, suggest_len_diff, MAX_CANDIDATES, SUGGEST_MAX_CANDIDATES, SUGGEST_MIN_JARO_WINKLER,
    SUGGEST_MIN_SHARED_DIVISOR, TYPO_MAX_CANDIDATES, TYPO_MIN_JARO_WINKLER, WORD_PREFIX_MIN_CHARS,
};
use crate::search::Target;

/// One alias within the edit budget: its position, the edits, and the
/// Jaro-Winkler similarity (the second opinion).
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub(super) id: u32,
    pub(super) dist: usize,
    pub(super) jw: f64,
}

impl Index {
    /// Counts, for every alias admitted by `scope` whose length is within
    /// `min_len..=max_len` characters, the bigrams it shares with the query,
    /// into `s.cands` as (alias, shared). Postings are ordered by length, so
    /// only the aliases in the window are touched.
    pub(super) fn gather(&self, q: &str, (min_len, max_len): (usize, usize), scope: Scope, s: &mut Scratch) {
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
    pub(super) fn pick(
        &self,
        qchars: usize,
        keep: usize,
        s: &mut Scratch,
        admit: impl Fn(&Hot, u32) -> bool,
    ) {
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
    pub(super) fn typo_hits(&self, q: &str, qchars: usize, budget: usize, s: &mut Scratch) {
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
    pub(super) fn rank_hits(&self, s: &mut Scratch) {
        s.hits.sort_by(|a, b| {
            a.dist
                .cmp(&b.dist)
                .then(b.jw.total_cmp(&a.jw))
                .then(a.id.cmp(&b.id))
        });
        self.keep_first_per_target(&mut s.hits, |h| h.id);
    }

    /// A typo answer is confident only when one target is strictly closer by
    /// edit distance than every other, Jaro-Winkler agrees (it is also
    /// strictly the most similar) and reaches [`TYPO_MIN_JARO_WINKLER`].
    pub(super) fn typo_outcome(&self, hits: &[Hit]) -> Outcome {
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

    /// The nearest names: those with a word starting with the query, then
    /// by Jaro-Winkler among the aliases that share the most bigrams with
    /// it; distinct targets, at most [`MAX_CANDIDATES`].
    pub(super) fn suggestions(
        &self,
        q: &str,
        qchars: usize,
        scope: Scope,
        s: &mut Scratch,
    ) -> Vec<Candidate> {
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
    pub(super) fn prefix_typo_hits(
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
}
