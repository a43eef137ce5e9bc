//! A dataset that can be replaced while requests are answered from it.
//!
//! Each request takes the current version once ([`SharedDataset::current`])
//! and answers from it to the end, so a reload never changes an answer
//! half-way. A reload that fails validation leaves the old version in place.
//! std only: the transports (tokio) wrap it, the core does not depend on them.
//!
//! Every version has a generation number, unique in the process and never
//! reused, so answers computed from one version can be tagged with it and
//! never served for another (see `crate::answers`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use super::{DataError, Dataset};

/// Where the dataset comes from, so it can be read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The copy compiled into the binary: a reload has nothing new to read.
    Embedded,
    /// A folder given with `--data` / `PACTBOT_DATA`.
    Dir(PathBuf),
}

impl DataSource {
    pub fn from_option(dir: Option<&Path>) -> Self {
        dir.map_or(DataSource::Embedded, |d| DataSource::Dir(d.to_path_buf()))
    }

    pub fn load(&self) -> Result<Dataset, DataError> {
        match self {
            DataSource::Embedded => Dataset::embedded(),
            DataSource::Dir(d) => Dataset::from_dir(d),
        }
    }
}

/// What a reload did.
#[derive(Debug)]
pub enum Reloaded {
    /// The new version answers from now on.
    Replaced { version: String, partners: usize },
    /// The built-in dataset cannot change.
    NothingToReload,
}

/// The next generation number: process-wide, so two `SharedDataset`s (or a
/// dataset dropped and another loaded at the same address) never share one.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// One version of the dataset and its generation number.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Unique to this version in this process; a reload takes a new one.
    pub generation: u64,
    pub data: Arc<Dataset>,
}

impl Snapshot {
    /// A version of its own (the CLI's, which never reloads).
    pub fn new(ds: Dataset) -> Self {
        Snapshot {
            generation: next_generation(),
            data: Arc::new(ds),
        }
    }
}

impl std::ops::Deref for Snapshot {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        &self.data
    }
}

/// The current dataset, swappable.
#[derive(Debug)]
pub struct SharedDataset {
    source: DataSource,
    current: RwLock<Snapshot>,
}

impl SharedDataset {
    pub fn new(source: DataSource, ds: Dataset) -> Self {
        SharedDataset {
            source,
            current: RwLock::new(Snapshot::new(ds)),
        }
    }

    /// Loads from `source`; fails if the dataset is invalid (nothing starts on a broken dataset).
    pub fn load(source: DataSource) -> Result<Self, DataError> {
        let ds = source.load()?;
        Ok(Self::new(source, ds))
    }

    /// The version to answer one request from.
    pub fn current(&self) -> Arc<Dataset> {
        Arc::clone(&self.snapshot().data)
    }

    /// The version to answer one request from, with its generation.
    pub fn snapshot(&self) -> Snapshot {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn source(&self) -> &DataSource {
        &self.source
    }

    /// Reads the source again. On any problem the old version stays and the
    /// error lists what is wrong; the swap itself is a pointer exchange.
    pub fn reload(&self) -> Result<Reloaded, DataError> {
        if self.source == DataSource::Embedded {
            return Ok(Reloaded::NothingToReload);
        }
        let ds = self.source.load()?;
        let out = Reloaded::Replaced {
            version: ds.meta.version.clone(),
            partners: ds.partners.len(),
        };
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Snapshot::new(ds);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_tree(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let dest = to.join(e.file_name());
            if e.path().is_dir() {
                copy_tree(&e.path(), &dest);
            } else {
                std::fs::copy(e.path(), dest).unwrap();
            }
        }
    }

    #[test]
    fn a_broken_reload_keeps_the_old_version_and_in_flight_readers_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), dir.path());
        let shared = SharedDataset::load(DataSource::Dir(dir.path().to_path_buf())).unwrap();
        let before = shared.current();
        let first = shared.snapshot().generation;
        assert_eq!(shared.snapshot().generation, first, "reading does not move it");

        // A new, valid version: the version string changes.
        let meta = dir.path().join("meta.json");
        let text = std::fs::read_to_string(&meta).unwrap();
        let old_version = before.meta.version.clone();
        std::fs::write(&meta, text.replace(&old_version, "reload-test")).unwrap();
        assert!(matches!(shared.reload(), Ok(Reloaded::Replaced { .. })));
        assert_eq!(shared.current().meta.version, "reload-test");
        let second = shared.snapshot().generation;
        assert_ne!(second, first, "a reload starts a new generation");
        assert_eq!(
            before.meta.version, old_version,
            "a reader keeps the version it started with"
        );

        // A broken version is refused, naming the file; the last good one answers.
        std::fs::write(dir.path().join("partners/GB.json"), "{ not json").unwrap();
        let err = shared.reload().unwrap_err().to_string();
        assert!(err.contains("partners/GB.json"), "{err}");
        assert_eq!(shared.current().meta.version, "reload-test");
        assert_eq!(shared.snapshot().generation, second, "a refused reload keeps it");

        // The folder disappears: refused too, still answering.
        drop(dir);
        assert!(shared.reload().is_err());
        assert_eq!(shared.current().partners.len(), before.partners.len());
    }

    #[test]
    fn the_built_in_dataset_has_nothing_to_reload() {
        let shared = SharedDataset::load(DataSource::Embedded).unwrap();
        assert!(matches!(shared.reload(), Ok(Reloaded::NothingToReload)));
    }
}
