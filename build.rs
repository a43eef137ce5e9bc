//! Embeds every JSON file under `data/` in the binary, so the bot answers
//! offline with no files beside it. The list is generated so that adding a
//! partner file needs no code change.

use std::{env, fs, path::Path};

fn collect(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let rel = path.strip_prefix(base).expect("under data/");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&root).join("data");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=data/partners");
    let mut files = Vec::new();
    collect(&data, &data, &mut files);
    let mut code = String::from(
        "/// Every data file, by path relative to `data/`.\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        code.push_str(&format!(
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/\", {f:?}))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_data.rs");
    fs::write(out, code).expect("write embedded_data.rs");
}
