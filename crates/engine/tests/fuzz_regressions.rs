//! Fuzzing regressions: every input a fuzz target once failed on is kept in
//! `tests/fixtures/fuzz/<target>-<what>.bin` and replayed here through the
//! very code the target runs (`fuzz/src/lib.rs`, included as a module), so
//! `cargo test` keeps it fixed without a nightly toolchain or libFuzzer.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::util::root;

#[path = "../../../fuzz/src/lib.rs"]
mod targets;

/// Saved inputs that still fail, because the engine bug behind them is not
/// fixed yet: (file name, reason). They are left out of
/// `every_saved_input_runs_clean`; give each an ignored test of its own that
/// replays it, e.g.
///
/// ```ignore
/// #[test]
/// #[ignore = "engine bug: <panic message>, fix pending"]
/// fn export_long_title() {
///     replay("export", &std::fs::read(root().join("tests/fixtures/fuzz/export-long-title.bin")).unwrap()).unwrap();
/// }
/// ```
///
/// and take both out once the fix lands.
const OPEN: &[(&str, &str)] = &[];

/// The saved inputs: (file name, target, bytes), by name.
fn saved() -> Vec<(String, String, Vec<u8>)> {
    let dir = root().join("tests/fixtures/fuzz");
    let mut out: Vec<(String, String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let target = name.split_once('-').map_or("", |(t, _)| t).to_string();
            (name, target, std::fs::read(&p).expect("a readable input"))
        })
        .collect();
    out.sort();
    out
}

/// Runs one saved input; `Err` with the panic message when it fails.
fn replay(target: &str, data: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        assert!(
            targets::run(target, data),
            "no fuzz target named {target:?}"
        );
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

#[test]
fn every_saved_input_runs_clean() {
    let mut failed = Vec::new();
    for (name, target, data) in saved() {
        if OPEN.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if let Err(e) = replay(&target, &data) {
            failed.push(format!("{name}: {e}"));
        }
    }
    assert!(failed.is_empty(), "failing inputs:\n{}", failed.join("\n"));
}

#[test]
fn saved_inputs_are_named_after_a_target() {
    for (name, target, _) in saved() {
        assert!(
            targets::TARGETS.contains(&target.as_str()),
            "{name}: name it <target>-<what>.bin, target one of {:?}",
            targets::TARGETS
        );
    }
    for (name, _) in OPEN {
        assert!(
            saved().iter().any(|(n, _, _)| n == name),
            "OPEN lists {name}, which is not in tests/fixtures/fuzz"
        );
    }
}

/// Runs the committed fuzz corpus of `target` (`fuzz/corpus/<target>/`):
/// every input the fuzzer kept must still run clean after an engine change,
/// natively and without a nightly toolchain.
fn corpus_runs_clean(target: &str) {
    let dir = root().join("fuzz/corpus").join(target);
    let mut failed = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/corpus/<target> exists") {
        let path = entry.expect("a readable entry").path();
        let data = match std::fs::read(&path) {
            Ok(d) => d,
            // A fuzzing run minimizing the corpus right now removed it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        count += 1;
        if let Err(e) = replay(target, &data) {
            failed.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(count > 0, "fuzz/corpus/{target} is empty");
    assert!(failed.is_empty(), "failing inputs:\n{}", failed.join("\n"));
}

/// One test per target, so they run in parallel; `CORPUS_TESTED` lists
/// the targets they cover.
macro_rules! corpus_tests {
    ($($name:ident => $target:literal,)*) => {
        const CORPUS_TESTED: &[&str] = &[$($target),*];
        $(
            #[test]
            fn $name() {
                corpus_runs_clean($target);
            }
        )*
    };
}

corpus_tests! {
    corpus_input => "input",
    corpus_input_multi => "input_multi",
    corpus_input_section => "input_section",
    corpus_export => "export",
    corpus_compare => "compare",
    corpus_assessment => "assessment",
}

#[test]
fn every_target_has_a_corpus_test() {
    assert_eq!(
        CORPUS_TESTED,
        targets::TARGETS,
        "list each target in corpus_tests!"
    );
}

/// The harness itself works natively: every target takes a sample tenant
/// (as its own kind of input) without failing.
#[test]
fn every_target_runs_on_a_sample() {
    let bundle = std::fs::read(root().join("samples/pitfall-tenant.bundle.json")).unwrap();
    let with_header = |header: &[u8]| [header, &bundle].concat();
    for (target, data) in [
        ("input", bundle.clone()),
        ("input_multi", with_header(&[0xff, 0])),
        ("input_section", with_header(b"internalDomains\n")),
        ("export", with_header(&[6, 0xff, 0])),
        ("compare", with_header(&[0xff, 0])),
        ("assessment", bundle.clone()),
    ] {
        if let Err(e) = replay(target, &data) {
            panic!("{target}: {e}");
        }
    }
}
