//! The floors of the crate, kept by the build (see ARCHITECTURE.md): a core
//! module never names a module above it. Each `src/**/*.rs` file's code
//! (comments aside) is read for `crate::<module>` paths (and `super::<module>`
//! in a top-level `mod.rs`, which reaches the crate root), and every path
//! must be one its floor may use.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What each top-level module may use. `lib` (src/lib.rs) and `js` (the
/// wasm-bindgen face) may use everything.
const FLOORS: &[(&str, &[&str])] = &[
    ("contract", &[]),
    ("json", &[]),
    ("phone", &["json"]),
    ("params", &["contract", "json", "phone"]),
    ("api", &["contract", "json", "params", "phone"]),
    ("proof", &["contract", "json", "params", "phone", "api"]),
];

/// Every module of the crate that a path may name.
const MODULES: &[&str] = &["api", "contract", "js", "json", "params", "phone", "proof"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules `code` names through `prefix` (`crate::` or `super::`).
fn named(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        let tail = &rest[at + prefix.len()..];
        let name: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let whole_word = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if whole_word && MODULES.contains(&name.as_str()) {
            found.insert(name);
        }
        rest = tail;
    }
    found
}

/// The code of a file: each line up to a `//` comment (strings holding
/// `//` only make this stricter).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The floor violations of the tree under `src`: "file: module -> module".
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    assert!(files.len() > 20, "src/ not found under {}", src.display());
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap_or(&file);
        let mut parts = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap_or_default().to_string();
        let top = first.trim_end_matches(".rs").to_owned();
        let Some((_, allowed)) = FLOORS.iter().find(|(m, _)| *m == top) else {
            continue;
        };
        let text = fs::read_to_string(&file).unwrap_or_default();
        let code = code_of(&text);
        let mut uses = named(&code, "crate::");
        let at_root = relative.components().count() == 2 && relative.ends_with("mod.rs")
            || relative.components().count() == 1;
        if at_root {
            uses.extend(named(&code, "super::"));
        }
        for used in uses {
            if used != top && !allowed.contains(&used.as_str()) {
                found.push(format!("{}: {top} -> {used}", relative.display()));
            }
        }
    }
    found
}

#[test]
fn no_core_module_names_a_higher_floor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "imports against the floors of ARCHITECTURE.md:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_forbidden_import_is_found() {
    let code = code_of("use crate::json::Value;\nuse crate::api::Error; // crate::js\n");
    assert_eq!(
        named(&code, "crate::"),
        BTreeSet::from(["api".to_owned(), "json".to_owned()])
    );
    assert!(named("let x = mycrate::js::f();", "crate::").is_empty());
}
