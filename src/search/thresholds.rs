//! Every tunable number of the resolver, each with the evidence behind it.
//!
//! The stages in [`Index`](super::Index) read these and nothing else, so a change
//! of behaviour is a change here (and in `tests/it/resolve_table.rs`, which
//! holds the real queries they were tuned on).

/// Most targets listed in [`super::Resolution::Ambiguous`] and in
/// [`super::Resolution::NoMatch`] suggestions: enough to contain the intended one
/// when the query is a short prefix, few enough to read at a glance in chat.
pub const MAX_CANDIDATES: usize = 5;

/// A query must have at least this many characters to be taken as the start of
/// an alias. One letter starts dozens of names; two ("ge", "po") already
/// narrow it to a handful, and a unique two-letter prefix is a fair answer.
pub const PREFIX_MIN_CHARS: usize = 2;

/// A query must have at least this many characters to be matched against a
/// word *inside* an alias ("korea" → North Korea, South Korea; "kingdom" →
/// United Kingdom) when no alias starts with it. For `resolve` the query must
/// be whole words there ("duch" is not "Grand-Duché de Luxembourg"); for
/// `complete` any word start will do. Two letters ("of", "re") are noise.
pub const WORD_PREFIX_MIN_CHARS: usize = 3;

/// Queries shorter than this get no typo tolerance at all: one edit turns a
/// three-letter query into dozens of names ("ira" is one edit from Iran,
/// Iraq, Ira…), so a short query must be exact, a prefix or an abbreviation.
pub const TYPO_MIN_CHARS: usize = 4;

/// Queries of [`TYPO_MIN_CHARS`] up to this many characters may be one edit
/// away from the name ("Irna" → Iran). Two edits would let "Iran" reach
/// "Oman" and "Mali" reach "Malta": in a four-letter name that is half of it.
pub const TYPO_ONE_EDIT_MAX_CHARS: usize = 5;

/// Queries of 6 up to this many characters may be two edits away
/// ("Frnace", "Polnad" are one transposition; "Germny" one deletion;
/// "Grmany" with a slip on top is two). Beyond this, three edits
/// ([`TYPO_MAX_EDITS`]): long names ("hellicopters", "Untied Kingdom") carry
/// enough letters that three slips still leave them recognisable.
pub const TYPO_TWO_EDITS_MAX_CHARS: usize = 10;

/// The largest edit budget, for queries longer than [`TYPO_TWO_EDITS_MAX_CHARS`].
pub const TYPO_MAX_EDITS: usize = 3;

/// Second opinion on a typo match: the Jaro-Winkler similarity of the query
/// and the alias must reach this. Real typos score ≥ 0.9 (they keep most
/// letters in place and the first ones right); edit-distance coincidences
/// between unrelated words do not ("banana"/"canada" is two edits but 0.78,
/// "slovakia"/"slovenia" two edits but 0.867). The anchors report hits
/// ≥ 0.911 and unrelated queries ≤ 0.822; one substitution in a four-letter
/// name ("irak"/"iran", 0.883) still passes.
pub const TYPO_MIN_JARO_WINKLER: f64 = 0.88;

/// At most this many aliases (those sharing the most character bigrams with
/// the query) are scored by edit distance. Before the cap, lossless filters
/// (length, shared bigrams, letters missing on either side) drop every alias
/// that cannot be within the edit budget, so the cap is a safety bound on
/// cost, not a guess that could hide a tie: every alias of the dataset as a
/// query, with a letter added or its first one dropped, leaves at most 75
/// aliases after the filters ("republic of iceland": official titles share
/// "republic of"). A cap of 32 cut 4 % of those queries short, which the
/// differential test in `index/tests/differential.rs` found.
pub const TYPO_MAX_CANDIDATES: usize = 128;

/// Skim (subsequence) matching needs at least this many characters: two
/// letters are a subsequence of most names.
pub const SKIM_MIN_CHARS: usize = 3;

/// For skim, the query must cover at least this percentage of the alias's
/// characters: "nthlnds" is 7 of "netherlands"' 11; three letters scattered
/// through a 40-character official title mean nothing.
pub const SKIM_MIN_COVERAGE_PERCENT: usize = 40;

/// For skim, at most one vowel per this many query characters may follow
/// its first letter. Abbreviations drop vowels ("nthlnds", "grmny",
/// "hlcptrs", "utd kgdm"); a query with several vowels that is not a typo is
/// a mangled word ("caba", "saadan"), and letting skim place its letters
/// inside some long name ("Cambodian", "Salvadoran") would be a guess.
pub const SKIM_CHARS_PER_VOWEL: usize = 5;

/// For skim, the minimum score per query character. `SkimMatcherV2` gives
/// 16 per matched character plus bonuses for word starts and runs, and takes
/// points off for gaps; real abbreviations score 17–20 per character
/// ("nthlnds" 18, "grmny" 19, "utd kgdm" 17.6). Below 14 the letters are
/// spread thin through the alias with long gaps, and the match is a
/// coincidence.
pub const SKIM_MIN_SCORE_PER_CHAR: i64 = 14;

/// Suggestions in [`super::Resolution::NoMatch`] must reach this Jaro-Winkler
/// similarity: low enough to offer "did you mean" for badly mangled names,
/// high enough that most junk gets no suggestions at all.
pub const SUGGEST_MIN_JARO_WINKLER: f64 = 0.75;

/// How many more characters than the typo budget a suggestion's length may
/// differ from the query's.
pub const SUGGEST_EXTRA_LENGTH: usize = 3;

/// How many bigram candidates (those sharing the most bigrams with the query)
/// are compared by Jaro-Winkler for suggestions; the nearest names are among
/// them, and this only runs when nothing matched.
pub const SUGGEST_MAX_CANDIDATES: usize = 8;

/// A suggestion must share at least 1/this of the query's bigrams: a name
/// with fewer in common is not "near", and skipping it saves comparing it.
pub const SUGGEST_MIN_SHARED_DIVISOR: usize = 3;

/// Free-text scanning looks at windows of up to this many words: the longest
/// names people type in a sentence ("United Kingdom of Great Britain…") are
/// cut short by then, and their first four words are themselves an alias or
/// are caught by a shorter window.
pub const SCAN_MAX_WINDOW: usize = 4;

/// In free text a single word is also tried for typos if it has at least this
/// many characters; shorter English words ("Iran" vs "iron", "Chad" vs "chat")
/// are too often a real word one edit from a name.
pub const SCAN_TYPO_MIN_CHARS: usize = 6;

/// In free text a single word this short (two-letter ids, three-letter
/// codes and abbreviations) names a target only if it was written in
/// capitals and is not a common word ([`SCAN_SHORT_STOPWORDS`]): "it", "no",
/// "and", "can" and "per" are English and "про" Ukrainian, while "UK", "US",
/// "EU", "USA", "ППО" and "США" in capitals are names.
pub const SCAN_SHORT_MAX_CHARS: usize = 3;

/// Short words never taken for a name inside free text, even in capitals
/// (each is also an ISO code or an alias: IT, NO, IS, IN, AT, BE, AND, ARE,
/// CAN, PER, …).
pub const SCAN_SHORT_STOPWORDS: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "id", "if", "in", "is", "it", "me", "my",
    "no", "of", "ok", "on", "or", "so", "to", "up", "we", "all", "and", "any", "are", "arm", "ben", "but",
    "can", "cub", "did", "dom", "fin", "for", "gab", "get", "gin", "got", "had", "has", "how", "mar", "new",
    "nor", "not", "now", "one", "our", "out", "per", "see", "ton", "tun", "two", "vat", "was", "who", "why",
    "yes", "you",
];

/// How far a suggestion's length may be from the query's.
pub(crate) const fn suggest_len_diff(chars: usize) -> usize {
    typo_budget(chars) + SUGGEST_EXTRA_LENGTH
}

/// Alias lengths within `diff` characters of `chars`.
pub(crate) fn len_window(chars: usize, diff: usize) -> (usize, usize) {
    (chars.saturating_sub(diff), chars + diff)
}

/// The edit budget for a query of `chars` characters (see the `TYPO_*`
/// constants).
pub const fn typo_budget(chars: usize) -> usize {
    if chars < TYPO_MIN_CHARS {
        0
    } else if chars <= TYPO_ONE_EDIT_MAX_CHARS {
        1
    } else if chars <= TYPO_TWO_EDITS_MAX_CHARS {
        2
    } else {
        TYPO_MAX_EDITS
    }
}
