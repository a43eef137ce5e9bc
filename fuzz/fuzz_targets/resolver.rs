//! The resolver: `Index::resolve`, `complete` and `scan` for every scope,
//! and autocomplete on top of them. The first byte picks the `complete`
//! limit; the rest is the query. Every answer must respect its scope, hold
//! distinct targets and stay within its stated bounds.

use afl::fuzz_nohook;
use pactbot::commands::{self, COMMANDS};
use pactbot::lang::Lang;
use pactbot::search::thresholds::MAX_CANDIDATES;
use pactbot::search::{Resolution, Scope, Target};
use pactbot_fuzz::{check_choices, ds, text};

fn distinct(ts: &[Target]) -> bool {
    ts.iter().enumerate().all(|(i, t)| !ts[..i].contains(t))
}

fn main() {
    fuzz_nohook!(|data: &[u8]| {
        let Some((&limit, rest)) = data.split_first() else {
            return;
        };
        let limit = usize::from(limit % 64);
        let q = text(rest);
        let ds = ds();
        for scope in [Scope::Places, Scope::Aid, Scope::Any] {
            match ds.index.resolve(&q, scope) {
                Resolution::Exact(t) | Resolution::Fuzzy { target: t, .. } => {
                    assert!(scope.admits(t), "{t:?} outside {scope:?}");
                    let _ = (ds.target_id(t), ds.target_name(t));
                }
                Resolution::Ambiguous(c) | Resolution::NoMatch { suggestions: c } => {
                    let ts: Vec<Target> = c.iter().map(|c| c.target).collect();
                    assert!(ts.len() <= MAX_CANDIDATES, "{} candidates", ts.len());
                    assert!(distinct(&ts), "repeated candidates {ts:?}");
                    assert!(ts.iter().all(|&t| scope.admits(t)), "{ts:?} outside {scope:?}");
                }
            }
            let done = ds.index.complete(&q, scope, limit);
            assert!(
                done.len() <= limit,
                "{} completions for limit {limit}",
                done.len()
            );
            assert!(distinct(&done), "repeated completions {done:?}");
            assert!(
                done.iter().all(|&t| scope.admits(t)),
                "{done:?} outside {scope:?}"
            );
            let found = ds.index.scan(&q, scope);
            assert!(distinct(&found), "repeated scan results {found:?}");
            assert!(
                found.iter().all(|&t| scope.admits(t)),
                "{found:?} outside {scope:?}"
            );
            for t in done.into_iter().chain(found) {
                let _ = (ds.target_id(t), ds.target_name(t));
            }
        }
        for c in COMMANDS {
            for o in c.options {
                let choices = commands::autocomplete(ds, c.name, o.name, &q, Lang::Uk);
                let v = serde_json::to_value(&choices).expect("choices serialise");
                check_choices(v.as_array().expect("a list"));
            }
        }
    });
}
