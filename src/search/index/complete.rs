//! Autocomplete: the targets a half-typed name may become, best first.

use super::scratch::Scratch;
use super::{Index, Scope};
use crate::search::thresholds::typo_budget;
use crate::search::Target;

impl Index {
    pub(super) fn complete_normalized(
        &self,
        q: &str,
        scope: Scope,
        limit: usize,
        s: &mut Scratch,
    ) -> Vec<Target> {
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
}
