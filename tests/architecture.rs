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
/// wasm-bindgen face) may use everything. `phone` is a crate of its own
/// (`phone/`, re-exported as `crate::phone`): Cargo keeps it from naming
/// anything of this crate, the lowest floor.
const FLOORS: &[(&str, &[&str])] = &[
    ("contract", &[]),
    ("json", &[]),
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

/// The files of `src/<top>/` as module names (`verification`, `rules`, …)
/// and the siblings each names (`super::x`, or `crate::<top>::x` below it).
fn sibling_edges(src: &Path, top: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut files = Vec::new();
    rust_files(&src.join(top), &mut files);
    let mut edges = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src.join(top)).unwrap_or(&file);
        let first = relative
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .unwrap_or_default();
        if first == "mod" || first == "lib" || first == "tests" {
            continue;
        }
        let code = code_of(&fs::read_to_string(&file).unwrap_or_default());
        let mut named_siblings = BTreeSet::new();
        for prefix in ["super::".to_owned(), format!("crate::{top}::")] {
            let mut rest = code.as_str();
            while let Some(at) = rest.find(&prefix) {
                let tail = &rest[at + prefix.len()..];
                let name: String = tail
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != first {
                    named_siblings.insert(name);
                }
                rest = tail;
            }
        }
        match edges
            .iter_mut()
            .find(|(m, _): &&mut (String, BTreeSet<String>)| *m == first)
        {
            Some((_, deps)) => deps.extend(named_siblings),
            None => edges.push((first, named_siblings)),
        }
    }
    edges
}

/// A circle among `edges`, if any, as the modules on it.
fn circle(edges: &[(String, BTreeSet<String>)]) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &[(String, BTreeSet<String>)],
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            return Some(path[at..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        let deps = edges
            .iter()
            .find(|(m, _)| m == node)
            .map(|(_, d)| d.clone());
        for dep in deps.unwrap_or_default() {
            if edges.iter().any(|(m, _)| *m == dep) {
                if let Some(found) = visit(&dep, edges, path, done) {
                    return Some(found);
                }
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .iter()
        .find_map(|(m, _)| visit(m, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_circle_among_the_files_of_a_core_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (top, _) in FLOORS {
        let edges = sibling_edges(&src, top);
        assert_eq!(circle(&edges), None, "a circle in src/{top}/");
    }
    // The phone crate's modules, siblings under its src/lib.rs.
    let phone = Path::new(env!("CARGO_MANIFEST_DIR")).join("phone");
    let edges = sibling_edges(&phone, "src");
    assert!(edges.len() > 10, "phone/src/ not found");
    assert_eq!(circle(&edges), None, "a circle in phone/src/");
}

#[test]
fn a_circle_is_found() {
    let edge = |m: &str, d: &[&str]| (m.to_owned(), d.iter().map(|s| s.to_string()).collect());
    let edges = vec![
        edge("a", &["b"]),
        edge("b", &["c"]),
        edge("c", &["a"]),
        edge("d", &[]),
    ];
    assert_eq!(circle(&edges).map(|c| c.len()), Some(3));
    assert_eq!(circle(&edges[3..]), None);
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
