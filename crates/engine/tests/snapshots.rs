//! Snapshot tests of the rendered findings: the text report of each sample
//! bundle is compared with `tests/snapshots/<sample>.txt`. After an intended
//! change, regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p mimecast-audit-engine --test integration snapshots`
//! and review the diff.

use crate::util::root;
use engine::report::render_text;
use engine::{analyze, InputFile, Options};

fn check(sample: &str) {
    let path = root().join("samples").join(format!("{sample}.bundle.json"));
    let bytes = std::fs::read(&path).unwrap();
    let report = analyze(
        &[InputFile::new(format!("{sample}.bundle.json"), bytes)],
        &Options::default(),
    );
    let text = render_text(&report).replace(env!("CARGO_PKG_VERSION"), "VERSION");
    let snap = root().join("tests/snapshots").join(format!("{sample}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&snap).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_SNAPSHOTS=1 cargo test -p mimecast-audit-engine --test integration snapshots",
            snap.display()
        )
    });
    if want != text {
        let first = want
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(text.lines().count()));
        panic!(
            "{sample}: rendered report differs from {} at line {}:\n  want: {:?}\n  got:  {:?}\n(regenerate with UPDATE_SNAPSHOTS=1 if intended)",
            snap.display(),
            first + 1,
            want.lines().nth(first),
            text.lines().nth(first)
        );
    }
}

#[test]
fn pitfall_tenant_report() {
    check("pitfall-tenant");
}

#[test]
fn clean_tenant_report() {
    check("clean-tenant");
}

#[test]
fn missing_protections_report() {
    check("missing-protections");
}
