//! Resolving what a user typed to a partner, a country without an agreement,
//! or an aid type.
//!
//! Transport-free: no Discord, no async. The index is built once per dataset
//! load, so a query pays only for the stages it reaches.
//!
//! Stages, cheapest first (see `Index::resolve`); every stage sees only the
//! targets the [`Scope`] admits, and each threshold is a named constant in
//! [`thresholds`]:
//! 1. exact lookup of the normalised text (see [`normalize`]) among all
//!    aliases and ids; a query with a flag emoji (normalised to the code it
//!    spells) stops here, matched or not;
//! 2. prefix of an alias ("germ" → Germany; query ≥ 2 characters), or, when
//!    no alias starts with it, whole words inside one ("korea" → North Korea,
//!    South Korea; ≥ 3 characters): one target is a `Fuzzy` answer unless
//!    another target is a plausible typo of the query ("boliva" starts
//!    "Bolivarian Republic of Venezuela" but is one edit from Bolivia), several
//!    are `Ambiguous`, shortest alias first;
//! 3. edit distance (optimal string alignment, strsim) on the aliases that
//!    share the most character bigrams with the query, for typos ("Frnace",
//!    "Untied Kingdom") within a budget that grows with the query's length
//!    ([`thresholds::typo_budget`]); confident only if one target is
//!    strictly closer than every other and Jaro-Winkler agrees, else
//!    `Ambiguous`;
//! 4. skim subsequence matching (fuzzy-matcher) for abbreviations ("nthlnds")
//!    among aliases with the query's first letter; the query must look like
//!    an abbreviation (few vowels) and cover a fair share of the alias;
//! 5. otherwise no match, with the nearest names as suggestions.
//!
//! No stage answers with confidence when two targets fit equally well, so a
//! real country ("Slovakia", "Austria") resolves to itself (every country is
//! in the index) and never to a neighbour ("Slovenia", "Australia").

mod index;
mod normalize;
pub mod thresholds;

pub use index::{Candidate, Index, MatchStage, Resolution, Scope};
pub use normalize::normalize;

/// What an alias points at: an index into the dataset's partners, countries
/// without an agreement, or aid types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Partner(u16),
    Country(u16),
    Aid(u16),
}

/// Two records that share a name after normalisation; the loader reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The normalised alias.
    pub alias: String,
    /// What the alias was first given to, and the name as written there.
    pub first: (Target, String),
    /// The second record that claims it.
    pub second: (Target, String),
}
