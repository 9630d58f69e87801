//! The engine's module graph is a fixed layering with no cycles: the model
//! knows nothing of inputs or reports, rules never see raw input or the
//! report, the report meets the input layer only through a file's status.
//!
//! The graph is read from the sources (`crate::x`, `super::x` and `$crate::x`
//! paths outside test code and comments; a doc link is not a dependency). `PRINT_GRAPH=1` prints it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Which top-level modules each module may use. Anything else is a
/// layering error; the root (`lib.rs`) may use everything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("doc", &[]),
    ("providers", &["dns_records"]),
    ("dns_records", &[]),
    ("model", &[]),
    ("input", &["model"]),
    ("scope", &["model", "providers"]),
    (
        "rules",
        &["model", "scope", "doc", "providers", "dns_records"],
    ),
    ("explain", &["model", "scope", "providers", "dns_records"]),
    ("report", &["model", "rules", "doc", "input", "explain"]),
    ("compare", &["report", "rules", "model"]),
    (
        "export",
        &[
            "report",
            "compare",
            "rules",
            "doc",
            "providers",
            "model",
            "explain",
            "dns_records",
        ],
    ),
    ("bundle", &["model"]),
    ("checklist", &["model", "input"]),
    (
        "assessment",
        &["bundle", "checklist", "input", "model", "report"],
    ),
    ("samples", &["input"]),
    (
        "session",
        &[
            "assessment",
            "compare",
            "explain",
            "export",
            "input",
            "model",
            "report",
        ],
    ),
];

fn src() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `input/normalize.rs` -> `["input", "normalize"]`; `lib.rs` -> `[]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn is_test_file(file: &Path) -> bool {
    let name = file.file_stem().unwrap().to_string_lossy();
    name == "tests" || name == "testing" || name.ends_with("_tests")
}

/// The source without its inline test module (`#[cfg(test)] mod x { … }`,
/// always last in a file here).
fn without_tests(text: &str) -> &str {
    let mut from = 0;
    while let Some(i) = text[from..].find("#[cfg(test)]") {
        let at = from + i;
        let rest = text[at + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") && rest.split('\n').next().is_some_and(|l| l.ends_with('{')) {
            return &text[..at];
        }
        from = at + 1;
    }
    text
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Top-level modules named by the paths in `text` of the module at `here`.
fn used_modules(text: &str, here: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    for kw in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(kw) {
            let at = from + i;
            from = at + kw.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let mut rest = &text[at + kw.len()..];
            let mut base: Vec<&str> = if kw == "crate::" {
                Vec::new()
            } else {
                here.iter().map(String::as_str).collect()
            };
            if kw == "super::" {
                base.pop();
                while let Some(r) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = r;
                }
            }
            if let Some(first) = base.first() {
                out.insert(first.to_string());
            } else if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                out.extend(group.split(',').map(|x| ident_at(x.trim()).to_string()));
            } else {
                out.insert(ident_at(rest).to_string());
            }
        }
    }
    out
}

/// Module -> the other top-level modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_path(f).first().cloned())
        .collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| !is_test_file(f)) {
        let here = module_path(f);
        let me = here.first().cloned().unwrap_or_else(|| "lib".into());
        let text = std::fs::read_to_string(f).unwrap();
        let code: String = without_tests(&text)
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let used = used_modules(&code, &here);
        let entry = g.entry(me.clone()).or_default();
        entry.extend(used.into_iter().filter(|m| modules.contains(m) && *m != me));
    }
    g
}

#[test]
fn the_module_graph_follows_the_layers() {
    let g = graph();
    if std::env::var_os("PRINT_GRAPH").is_some() {
        for (m, uses) in &g {
            println!(
                "{m} -> {}",
                uses.iter().cloned().collect::<Vec<_>>().join(", ")
            );
        }
    }
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for (m, uses) in g.iter().filter(|(m, _)| m.as_str() != "lib") {
        let Some(ok) = allowed.get(m.as_str()) else {
            wrong.push(format!("{m} is not in the layer table"));
            continue;
        };
        for u in uses.iter().filter(|u| !ok.contains(&u.as_str())) {
            wrong.push(format!("{m} uses {u}"));
        }
    }
    assert!(wrong.is_empty(), "layering broken: {wrong:?}");
}

#[test]
fn the_layer_table_has_no_cycle() {
    // Depth-first search over the allowed edges: a cycle there would let
    // the real graph have one.
    fn visit(m: &str, table: &BTreeMap<&str, &[&str]>, path: &mut Vec<String>) {
        assert!(!path.iter().any(|p| p == m), "cycle: {path:?} -> {m}");
        path.push(m.to_string());
        for next in table.get(m).copied().unwrap_or_default() {
            visit(next, table, path);
        }
        path.pop();
    }
    let table: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    for m in table.keys() {
        visit(m, &table, &mut Vec::new());
    }
}

#[test]
fn the_graph_reader_sees_paths_of_every_form() {
    let here = vec!["input".to_string(), "normalize".to_string()];
    let text = "use crate::model::X; use super::super::report::Y; use crate::{rules, scope::Z};\n\
                use super::records; $crate::doc::f(); my_crate::compare::g();";
    let got: Vec<String> = used_modules(text, &here).into_iter().collect();
    assert_eq!(got, ["doc", "input", "model", "report", "rules", "scope"]);
    let tail = "fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::report::X;\n}\n";
    assert_eq!(without_tests(tail), "fn f() {}\n");
}
