//! Properties over generated input.

use proptest::prelude::*;

use super::*;
use crate::search::normalize::NAME_CHAR_LIMIT;
use crate::search::thresholds::MAX_CANDIDATES;

/// The most characters one character becomes under NFKD: U+FDFA (ARABIC
/// LIGATURE SALLALLAHOU ALAYHE WASALLAM) decomposes into 18.
const MAX_NFKD_EXPANSION: usize = 18;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_respects_limits(s in "\\PC{0,300}|.{0,6000}", limit in 0usize..30) {
        let ix = index();
        let n = crate::search::normalize(&s);
        prop_assert!(n.chars().count() <= NAME_CHAR_LIMIT * MAX_NFKD_EXPANSION);
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
