//! Hot reload of the dataset on SIGHUP, for `pactbot serve` and
//! `pactbot discord`.
//!
//! On SIGHUP the dataset folder (`--data` / `PACTBOT_DATA`) is read and
//! validated again on tokio's blocking pool, so the answering threads never
//! wait for the disk. A valid dataset replaces the old one in a pointer swap
//! ([`SharedDataset::reload`]); a dataset that fails validation, or a folder
//! that cannot be read (or has gone), is refused and the old version keeps
//! answering. Either way one log line says what happened. Requests in flight
//! hold the version they took when they started and finish on it.
//!
//! Reloads run one at a time: SIGHUPs that arrive during a reload are folded
//! into one more reload after it.

use std::future::Future;
use std::sync::Arc;

use crate::dataset::{DataError, DataSource, Reloaded, SharedDataset};

/// At most this many problems are named in the one log line of a refused reload.
const MAX_PROBLEMS_LOGGED: usize = 20;

/// What one reload did, for its log line (and for tests).
#[derive(Debug)]
pub enum Outcome {
    /// The new version answers from now on.
    Replaced { version: String, partners: usize },
    /// The built-in dataset cannot change.
    NothingToReload,
    /// Refused: `version` (the old one) keeps answering; `problems` says why, on one line.
    Refused { version: String, problems: String },
}

/// Reloads `data` once on the blocking pool and logs one line.
pub async fn reload_now(data: &Arc<SharedDataset>) -> Outcome {
    let shared = Arc::clone(data);
    let result = tokio::task::spawn_blocking(move || shared.reload()).await;
    let outcome = match result {
        Ok(Ok(Reloaded::Replaced { version, partners })) => Outcome::Replaced { version, partners },
        Ok(Ok(Reloaded::NothingToReload)) => Outcome::NothingToReload,
        Ok(Err(e)) => Outcome::Refused {
            version: data.current().meta.version.clone(),
            problems: one_line(&e),
        },
        // The reload panicked (a bug): the swap never happened.
        Err(e) => Outcome::Refused {
            version: data.current().meta.version.clone(),
            problems: format!("the reload failed: {e}"),
        },
    };
    log(data.source(), &outcome);
    outcome
}

fn log(source: &DataSource, outcome: &Outcome) {
    let from = match source {
        DataSource::Embedded => "the built-in dataset".to_string(),
        DataSource::Dir(d) => d.display().to_string(),
    };
    match outcome {
        Outcome::Replaced { version, partners } => tracing::info!(
            target: "pactbot::reload",
            %version,
            partners,
            from = %from,
            "SIGHUP: dataset reloaded; new requests answer from the new version"
        ),
        Outcome::NothingToReload => tracing::info!(
            target: "pactbot::reload",
            "SIGHUP: nothing to reload: answering from the built-in dataset \
             (start with --data DIR or PACTBOT_DATA to reload from a folder)"
        ),
        Outcome::Refused { version, problems } => tracing::error!(
            target: "pactbot::reload",
            %version,
            from = %from,
            %problems,
            "SIGHUP: reload refused; the old version keeps answering"
        ),
    }
}

/// The error on one line: every problem (up to [`MAX_PROBLEMS_LOGGED`])
/// by file and record, separated by `; `.
pub fn one_line(e: &DataError) -> String {
    match e {
        DataError::Invalid(problems) => {
            let mut s = format!("{} problem(s): ", problems.len());
            for (i, p) in problems.iter().take(MAX_PROBLEMS_LOGGED).enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                s.push_str(&p.to_string().replace('\n', " "));
            }
            if problems.len() > MAX_PROBLEMS_LOGGED {
                s.push_str(&format!(
                    "; … and {} more (pactbot check-data DIR lists them all)",
                    problems.len() - MAX_PROBLEMS_LOGGED
                ));
            }
            s
        }
        other => other.to_string().replace('\n', " "),
    }
}

/// Installs the SIGHUP handler now (so a SIGHUP from here on never ends the
/// process, as it would by default) and returns the task that reloads `data`
/// on each one. Spawn it on the runtime that serves. Needs a tokio runtime
/// with I/O enabled; on other platforms than Unix the task does nothing.
pub fn on_sighup(data: Arc<SharedDataset>) -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hup = signal(SignalKind::hangup())?;
        Ok(async move {
            while hup.recv().await.is_some() {
                reload_now(&data).await;
            }
        })
    }
    #[cfg(not(unix))]
    {
        drop(data);
        Ok(std::future::pending::<()>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Problem;

    #[test]
    fn refusals_fit_on_one_line() {
        let problems: Vec<Problem> = (0..25)
            .map(|i| Problem {
                file: format!("partners/X{i}.json"),
                record: Some("X".into()),
                message: "bad\nthing".into(),
            })
            .collect();
        let s = one_line(&DataError::Invalid(problems));
        assert!(!s.contains('\n'), "{s}");
        assert!(
            s.starts_with("25 problem(s): partners/X0.json: X: bad thing; "),
            "{s}"
        );
        assert!(
            s.contains("partners/X19.json") && !s.contains("partners/X20.json"),
            "{s}"
        );
        assert!(
            s.ends_with("… and 5 more (pactbot check-data DIR lists them all)"),
            "{s}"
        );
    }

    #[tokio::test]
    async fn the_built_in_dataset_has_nothing_to_reload() {
        let data = Arc::new(SharedDataset::load(DataSource::Embedded).unwrap());
        let before = data.current();
        assert!(matches!(reload_now(&data).await, Outcome::NothingToReload));
        assert!(Arc::ptr_eq(&before, &data.current()));
    }
}
