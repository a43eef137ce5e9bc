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
