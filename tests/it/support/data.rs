//! Dataset folders for tests: the shipped `data/`, the small fixture
//! dataset in `tests/fixtures/data/`, and copies of either that a test may
//! break or reload.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pactbot::dataset::Dataset;

/// The shipped dataset folder, `data/`.
pub fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The built-in (embedded) dataset, loaded once per test binary.
pub fn embedded() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("the built-in dataset loads"))
}

/// The fixture dataset, `tests/fixtures/data/`: five partners copied from
/// `data/` (GB whole, long enough for two pages; FR and DE, signed the same
/// day; JP; HR, outside the official count), the aid types they use, five
/// countries without an agreement (with and without a status note, and
/// Austria/Australia for an ambiguous prefix) and a meta. Snapshots render
/// it, so an edit of `data/` does not churn them.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

/// The fixture dataset, loaded once per test binary.
pub fn fixture_dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        Dataset::from_dir(&fixture_dir()).unwrap_or_else(|e| panic!("the fixture dataset loads: {e}"))
    })
}

/// A copy of the fixture dataset in a temporary folder, to change or reload.
pub fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture_dir(), dir.path());
    dir
}

/// Copies `from` into `to`, folders included.
pub fn copy_tree(from: &Path, to: &Path) {
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

/// A copy of `data/` in a temporary folder, to change under the bot.
pub fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&shipped_dir(), dir.path());
    dir
}
