//! The cascade of [`Index::resolve`] and its first stages: exact, prefix
//! of an alias, prefix of a word inside one. The later stages are in
//! `typo.rs` and `skim.rs`.

use super::scratch::Scratch;
use super::{push_distinct, Index, Scope};
use crate::search::thresholds::{
    len_window, typo_budget, MAX_CANDIDATES, PREFIX_MIN_CHARS, TYPO_MIN_JARO_WINKLER, WORD_PREFIX_MIN_CHARS,
};
use crate::search::Target;

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

/// What a stage found: nothing, one target (the alias that matched), or
/// several distinct targets, best first.
pub(super) enum Outcome {
    Nothing,
    One(u32),
    Many(Vec<Candidate>),
}

impl Index {
    pub(super) fn resolve_normalized(&self, q: &str, scope: Scope, s: &mut Scratch) -> Resolution {
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
    pub(super) fn prefix_or_rivals(
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

    pub(super) fn fuzzy(&self, id: u32, stage: MatchStage) -> Resolution {
        let a = self.alias(id);
        Resolution::Fuzzy {
            target: a.target,
            stage,
            alias: a.written.to_string(),
        }
    }

    /// Turns ranked aliases (best first) into one target, several distinct
    /// targets (at most [`MAX_CANDIDATES`]) or nothing.
    pub(super) fn outcome(&self, ranked: impl Iterator<Item = u32>) -> Outcome {
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
    pub(super) fn prefix_hits(&self, q: &str, scope: Scope, out: &mut Vec<(i64, u32)>) {
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
    pub(super) fn word_prefix_hits(
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
}
