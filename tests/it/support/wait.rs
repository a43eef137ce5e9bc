//! Waiting on a condition with a deadline, never for a fixed time: a test
//! proceeds as soon as what it waits for is true, and fails naming it when
//! the deadline passes (generous, since CI shares two cores).

use std::future::Future;
use std::time::{Duration, Instant};

/// The default deadline for anything a test waits on.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// How often a condition is re-checked.
const POLL: Duration = Duration::from_millis(5);

/// Waits until `cond()` holds; panics naming `what` after `within`.
pub async fn wait_until(within: Duration, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "not true within {within:?}: {what}");
        tokio::time::sleep(POLL).await;
    }
}

/// [`wait_until`] for a condition that must itself await (a request, a
/// connection attempt).
pub async fn wait_for<F, Fut>(within: Duration, what: &str, mut cond: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + within;
    while !cond().await {
        assert!(Instant::now() < deadline, "not true within {within:?}: {what}");
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until `probe()` gives a value and returns it; panics naming `what`
/// after `within`.
pub async fn wait_for_value<T, F, Fut>(within: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(Instant::now() < deadline, "not true within {within:?}: {what}");
        tokio::time::sleep(POLL).await;
    }
}
