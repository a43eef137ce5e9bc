//! What the fuzz targets share: the dataset, loaded once per process (AFL's
//! persistent mode runs many inputs in one process), and the checks every
//! response must pass. A failed check panics, and AFL records it as a crash.
//!
//! The targets use `fuzz_nohook!`, not `fuzz!`: `fuzz!` installs a panic
//! hook that aborts at once, even on a panic the code under test catches
//! itself (as `interaction::parse` does with serenity's). Without the hook a
//! panic behaves as in production: one that is caught is no crash, one that
//! escapes the target is caught by afl.rs, which aborts, and AFL records it.

use std::sync::OnceLock;

use pactbot::dataset::Dataset;
use pactbot::render::discord::InteractionResponse;
use serde_json::Value;

/// The embedded dataset, loaded on first use.
pub fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
}

/// Input bytes as text: valid UTF-8 as is, anything else lossily, so every
/// byte string reaches the code under test.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The Discord-limits checker the integration tests use, shared as a file.
#[allow(dead_code)]
#[path = "../../tests/it/support/discord_limits.rs"]
mod discord_limits;

/// Autocomplete choices: at most 25, names and values of 1 to 100 characters.
pub fn check_choices(choices: &[Value]) {
    let p = discord_limits::choice_problems(choices);
    assert!(p.is_empty(), "{}", p.join("; "));
}

/// Discord's limits, mentions disabled, and no mention syntax anywhere.
pub fn check(resp: &InteractionResponse) {
    let v = serde_json::to_value(resp).expect("a response serialises");
    let p = discord_limits::problems(&v);
    assert!(p.is_empty(), "{}\n{v}", p.join("; "));
}
