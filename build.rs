//! Embeds the reference plan (`content/2021-인천서구`) so that `gongsi build` with no
//! arguments works anywhere.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new("content/2021-인천서구");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("content folder is readable");
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "yaml") {
            let relative = path.strip_prefix(root).expect("inside root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    let mut out = String::from(
        "/// The reference plan's files, in walk order.\npub const FILES: &[(&str, &str)] = &[\n",
    );
    // Paths relative to the manifest, resolved when the crate compiles: a target folder
    // shared by two checkouts never reads the other checkout's files.
    for relative in files {
        let path = format!("/{}/{relative}", root.display());
        writeln!(
            out,
            "    ({relative:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {path:?}))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("reference.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
