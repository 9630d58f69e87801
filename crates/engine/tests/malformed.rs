//! Broken, hostile and foreign inputs: each one gets an `error` status with a
//! message a user can act on, nothing panics, and a good file dropped in the
//! same batch still loads and still drives the rules (ASP001 fails on it).

use crate::util::zip_of;
use std::path::PathBuf;

use engine::report::{InputReport, Report};
use engine::{analyze, InputFile, Options};

fn fixture(path: &str) -> Vec<u8> {
    let full = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures")
        .join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn malformed(name: &str) -> InputFile {
    InputFile::new(name, fixture(&format!("inputs/malformed/{name}")))
}

/// An API 1.0 anti-spoofing bypass response that lists Microsoft 365's SPF
/// include, which ASP001 must flag.
fn good() -> InputFile {
    InputFile::new("spf-bypass.json", fixture("e2e/spf-bypass.json"))
}

fn input<'a>(report: &'a Report, name: &str) -> &'a InputReport {
    report
        .inputs
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no input named {name}: {:#?}", report.inputs))
}

fn asp001(report: &Report) -> &'static str {
    report
        .results
        .iter()
        .find(|r| r.code == "ASP001")
        .expect("ASP001 always reported")
        .status
        .as_str()
}

/// Analyzes the bad file together with the good one; checks the good one
/// loaded and was used, and that the bad one is an error. Returns its message.
fn error_beside_good_file(bad: InputFile) -> String {
    let bad_name = bad.name.clone();
    let report = analyze(&[bad, good()], &Options::default());
    let ok = input(&report, "spf-bypass.json");
    assert_eq!(
        ok.status,
        engine::report::InputStatus::Ok,
        "the good file must still load: {ok:#?}"
    );
    assert_eq!(
        asp001(&report),
        "fail",
        "ASP001 must still fail from the good file"
    );
    let bad = input(&report, &bad_name);
    assert_eq!(bad.status, engine::report::InputStatus::Error, "{bad:#?}");
    assert_eq!(report.summary.input_errors, 1);
    let message = bad
        .error
        .clone()
        .expect("an error status carries a message");
    assert!(!message.trim().is_empty());
    message
}

#[test]
fn the_good_file_alone_fails_asp001() {
    let report = analyze(&[good()], &Options::default());
    assert_eq!(report.inputs.len(), 1);
    assert_eq!(report.inputs[0].status, engine::report::InputStatus::Ok);
    assert_eq!(asp001(&report), "fail");
}

#[test]
fn truncated_json_names_the_line_where_it_ends() {
    let m = error_beside_good_file(malformed("truncated.json"));
    assert!(m.contains("line") && m.contains("ends early"), "{m}");
}

#[test]
fn binary_garbage_is_not_text() {
    let m = error_beside_good_file(malformed("garbage.bin"));
    assert!(m.contains("not UTF-8"), "{m}");
}

#[test]
fn an_empty_file_says_it_is_empty() {
    let m = error_beside_good_file(malformed("empty.json"));
    assert!(m.contains("empty"), "{m}");
}

#[test]
fn json_of_another_kind_is_not_a_mimecast_export() {
    for name in ["hello.json", "array.json", "package.json"] {
        let m = error_beside_good_file(malformed(name));
        assert!(
            m.contains("not a Mimecast configuration export"),
            "{name}: {m}"
        );
    }
}

#[test]
fn json_nested_100_000_deep_is_refused() {
    let deep = "[".repeat(100_000);
    let m = error_beside_good_file(InputFile::new("deep.json", deep));
    assert!(m.contains("nested too deeply"), "{m}");
    // Closed brackets too: well-formed, and still refused.
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let m = error_beside_good_file(InputFile::new("deep.json", closed));
    assert!(m.contains("nested too deeply"), "{m}");
}

/// A well-formed JSON array of strings, `mib` MiB long.
fn big_json_array(mib: usize) -> Vec<u8> {
    let item = format!("\"{}\"", "x".repeat(1024 * 1024 - 3));
    let mut out = Vec::with_capacity(mib * 1024 * 1024 + 2);
    out.push(b'[');
    for i in 0..mib {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item.as_bytes());
    }
    out.push(b']');
    out
}

#[test]
fn a_300_mib_file_is_too_large() {
    let big = big_json_array(300);
    assert!(big.len() > engine::input::MAX_FILE_BYTES && big.len() < 301 * 1024 * 1024);
    let m = error_beside_good_file(InputFile::new("huge.json", big));
    assert!(m.contains("too large"), "{m}");
}

#[test]
fn the_size_limit_is_checked_before_decoding_or_parsing() {
    // Invalid UTF-8 from the first byte: were the file decoded or parsed
    // before its size is checked, the message would be about that instead.
    let mut big = vec![b' '; 300 * 1024 * 1024];
    big[0] = 0xFF;
    let m = error_beside_good_file(InputFile::new("huge.bin", big));
    assert!(m.contains("too large"), "{m}");
}

#[test]
fn invalid_utf8_gives_the_offset_and_the_fix() {
    let m = error_beside_good_file(malformed("invalid-utf8.json"));
    assert!(
        m.contains("not UTF-8") && m.contains("offset") && m.contains("UTF-16"),
        "{m}"
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_an_error() {
    let m = error_beside_good_file(malformed("utf16le-no-bom.json"));
    // Read as UTF-8 this is JSON with a NUL after every character: at the
    // least, the message says where it broke.
    assert!(m.contains("line 1") || m.contains("UTF-16"), "{m}");
}

#[test]
fn a_corrupt_zip_is_reported_as_a_damaged_zip() {
    let m = error_beside_good_file(malformed("corrupt.zip"));
    assert!(m.contains("zip") && m.contains("damaged"), "{m}");
    // The same goes for a real archive cut short (the end record is lost).
    let whole = zip_of(&[("spf-bypass.json", &fixture("e2e/spf-bypass.json"))]);
    let m = error_beside_good_file(InputFile::new("cut.zip", whole[..whole.len() / 2].to_vec()));
    assert!(m.contains("zip") && m.contains("damaged"), "{m}");
}

#[test]
fn a_good_zip_loads_like_the_files_inside_it() {
    let zip = zip_of(&[
        ("exports/spf-bypass.json", &fixture("e2e/spf-bypass.json")),
        ("exports/readme.txt", b"notes"),
        ("__MACOSX/exports/._spf-bypass.json", b"\x00\x05\x16\x07"),
    ]);
    let report = analyze(&[InputFile::new("exports.zip", zip)], &Options::default());
    let inside = input(&report, "exports.zip/exports/spf-bypass.json");
    assert_eq!(
        inside.status,
        engine::report::InputStatus::Ok,
        "{inside:#?}"
    );
    assert_eq!(asp001(&report), "fail");
    assert_eq!(report.summary.input_errors, 0, "{:#?}", report.inputs);
}

#[test]
fn a_bad_entry_in_a_zip_fails_alone() {
    let zip = zip_of(&[
        ("spf-bypass.json", &fixture("e2e/spf-bypass.json")),
        ("broken.json", &fixture("inputs/malformed/truncated.json")),
    ]);
    let report = analyze(&[InputFile::new("mixed.zip", zip)], &Options::default());
    assert_eq!(
        input(&report, "mixed.zip/spf-bypass.json").status,
        engine::report::InputStatus::Ok,
        "{:#?}",
        report.inputs
    );
    let broken = input(&report, "mixed.zip/broken.json");
    assert_eq!(broken.status, engine::report::InputStatus::Error);
    assert!(
        broken
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("ends early"),
        "{broken:#?}"
    );
    assert_eq!(asp001(&report), "fail");
}
