//! The abbreviation stage: skim subsequence matching (fuzzy-matcher) among
//! the aliases with the query's first letter ("nthlnds" → Netherlands).

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use super::{Index, Scope};
use crate::search::thresholds::{
    SKIM_CHARS_PER_VOWEL, SKIM_MIN_CHARS, SKIM_MIN_COVERAGE_PERCENT, SKIM_MIN_SCORE_PER_CHAR,
};

thread_local! {
    /// One matcher per thread, outside the [`Index`]: it keeps per-thread
    /// caches and is not `Clone`, and the index should be.
    static SKIM: SkimMatcherV2 = SkimMatcherV2::default().ignore_case();
}

impl Index {
    /// Skim (subsequence) matches among aliases with the query's first
    /// character, into `out` as (-score, alias), best first, one per target.
    pub(super) fn skim_hits(&self, q: &str, qchars: usize, scope: Scope, out: &mut Vec<(i64, u32)>) {
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
        let ids = &self.bucket_ids[lo as usize..hi as usize];
        // `try_with` fails only while the thread shuts down: then no
        // abbreviation matches, which is a correct if unhelpful answer.
        let _ = SKIM.try_with(|skim| {
            for &id in ids {
                let a = self.alias(id);
                if a.chars < qchars
                    || qchars * 100 < SKIM_MIN_COVERAGE_PERCENT * a.chars
                    || !scope.admits(a.target)
                    || !is_subsequence(q, &a.norm)
                {
                    continue;
                }
                if let Some(score) = skim.fuzzy_match(&a.norm, q) {
                    if score >= min_score {
                        out.push((-score, id));
                    }
                }
            }
        });
        out.sort_unstable();
        self.keep_first_per_target(out, |&(_, id)| id);
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
pub(super) fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}
