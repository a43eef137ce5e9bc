//! Per-thread scratch buffers, so a query allocates only for what it returns.

use std::cell::Cell;

use super::scan::Word;
use super::typo::Hit;

/// Buffers reused across queries on one thread, so a query allocates only
/// for what it returns (and inside strsim/skim).
#[derive(Default)]
pub(super) struct Scratch {
    /// The normalised query.
    pub(super) query: String,
    /// One word of free text, normalised.
    pub(super) token: String,
    /// Free text, normalised, words joined by single spaces.
    pub(super) text: String,
    pub(super) words: Vec<Word>,
    /// Shared-bigram count per alias; all zero between queries.
    pub(super) counts: Vec<u16>,
    /// The aliases whose count is not zero.
    pub(super) touched: Vec<u32>,
    /// (alias, shared bigrams) within the length window.
    pub(super) cands: Vec<(u32, u32)>,
    /// The best of `cands`.
    pub(super) picked: Vec<(u32, u32)>,
    pub(super) hits: Vec<Hit>,
    /// (rank, alias), best first.
    pub(super) ranked: Vec<(i64, u32)>,
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers (taken out of the cell for the
/// duration, so a nested call or a call during thread exit simply gets fresh
/// ones; nothing here can panic).
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut s = SCRATCH.try_with(Cell::take).unwrap_or_default();
    let r = f(&mut s);
    let _ = SCRATCH.try_with(|c| c.set(s));
    r
}
