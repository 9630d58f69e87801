//! What each fuzz target runs: how its bytes become input files, the engine
//! calls, and cheap invariant checks on what comes back.
//!
//! The engine promises that no input makes it panic; every function here
//! panics (so libFuzzer reports a crash) when that promise or one of the
//! checks below breaks. The functions use only the engine and serde_json, so
//! the engine's native regression test (`crates/engine/tests/fuzz_regressions.rs`)
//! includes this file as a module and replays the saved crash inputs through
//! exactly the same code.
//!
//! | target          | the bytes are                                        |
//! | --------------- | ---------------------------------------------------- |
//! | `input`         | one file (JSON, zip, anything)                       |
//! | `input_multi`   | several files, see [`split_files`]                   |
//! | `input_section` | `sectionKey\n` then one file read as that section    |
//! | `export`        | one flag byte, then files as in `input_multi`        |
//! | `compare`       | files as in `input_multi`: the first half is the baseline |
//! | `assessment`    | a saved assessment (bundle text) to open and import  |

use engine::assessment::Assessment;
use engine::compare::{self, Change, Comparison};
use engine::export::{self, ExportOptions, Format};
use engine::model::{parse_date, Section};
use engine::report::Status;
use engine::{InputFile, Options, Report};

/// Every target, by the name of its binary (and the prefix of its saved
/// regression inputs: `input_multi-<what>.bin`).
pub const TARGETS: [&str; 6] = [
    "input",
    "input_multi",
    "input_section",
    "export",
    "compare",
    "assessment",
];

/// Most files one fuzz input is split into.
pub const MAX_FILES: usize = 16;

/// The "current time" every target runs with (the fixtures' date).
pub const NOW: &str = "2026-11-20T10:00:00Z";

/// Runs `data` through the target named `target`; `false` when there is no
/// such target.
pub fn run(target: &str, data: &[u8]) -> bool {
    match target {
        "input" => input(data),
        "input_multi" => input_multi(data),
        "input_section" => input_section(data),
        "export" => export(data),
        "compare" => compare(data),
        "assessment" => assessment(data),
        _ => return false,
    }
    true
}

/// The options the command line would use: no analysis date forced, the
/// clock at [`NOW`].
pub fn options() -> Options {
    Options {
        at: None,
        now: Some(parse_date(NOW).expect("NOW is a valid date")),
    }
}

/// Splits fuzz bytes into input files: the first byte is the separator, the
/// second chooses the names (0: `file0.json`, `file1.json`…; else section
/// keys, so the file-name hints of section detection come into play), and
/// the rest is cut at each separator into at most [`MAX_FILES`] files (the
/// last keeps any further separators). Fewer than two bytes: one file.
pub fn split_files(data: &[u8]) -> Vec<InputFile> {
    let [sep, names, rest @ ..] = data else {
        return vec![InputFile::new(file_name(0, 0), data)];
    };
    rest.splitn(MAX_FILES, |b| b == sep)
        .enumerate()
        .map(|(i, bytes)| InputFile::new(file_name(*names, i), bytes))
        .collect()
}

fn file_name(names: u8, i: usize) -> String {
    if names == 0 {
        format!("file{i}.json")
    } else {
        let all = Section::ALL;
        format!("{}.json", all[(usize::from(names) + i) % all.len()].key())
    }
}

/// Whether the engine might open `bytes` as a zip (it decides by the
/// signature; then one file can give any number of inputs).
fn may_be_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK")
}

/// `analyze`, plus the checks every report must pass. Each file that is not
/// a zip gives exactly one input in the report.
pub fn analyze(files: &[InputFile]) -> Report {
    let report = engine::analyze(files, &options());
    if !files.iter().any(|f| may_be_zip(&f.bytes)) {
        assert_eq!(
            report.inputs.len(),
            files.len(),
            "one input per file in the report"
        );
    }
    check_report(&report);
    report
}

/// Checks that hold for any report: it is consistent with itself, its JSON
/// reads back without loss, and the text report renders.
pub fn check_report(r: &Report) {
    let count = |s| r.results.iter().filter(|x| x.status == s).count();
    assert_eq!(r.summary.failed, count(Status::Fail));
    assert_eq!(r.summary.passed, count(Status::Pass));
    assert_eq!(r.summary.not_assessed, count(Status::NotAssessed));
    assert_eq!(
        r.summary.findings,
        r.results.iter().map(|x| x.findings.len()).sum::<usize>()
    );
    assert!(r.score.overall.is_none_or(|s| s <= 100), "score above 100");
    assert!(r.score.coverage <= 100, "coverage above 100");
    assert_json_round_trip(&r.to_json());
    assert!(!engine::report::render_text(r).is_empty());
}

/// The JSON of a report reads back into a report that writes exactly the
/// same JSON (fields that are not part of the JSON, such as key migrations,
/// are not compared).
fn assert_json_round_trip(json: &str) {
    let back: Report = serde_json::from_str(json).expect("the JSON report reads back");
    assert!(back.to_json() == json, "the JSON report reads back changed");
}

/// Target `input`: the bytes as one file; also written back as one bundle,
/// which must be JSON.
pub fn input(data: &[u8]) {
    let files = [InputFile::new("input.json", data)];
    analyze(&files);
    let now = parse_date(NOW).expect("NOW is a valid date");
    let bundle = engine::bundle_of(&files, now);
    serde_json::from_str::<serde_json::Value>(&bundle).expect("a written bundle is JSON");
}

/// Target `input_multi`: several files merged into one model.
pub fn input_multi(data: &[u8]) {
    analyze(&split_files(data));
}

/// Target `input_section`: the first line names the section the rest is
/// read as (a bundle key; anything else picks a section from its bytes), as
/// when a user settles an ambiguous file.
pub fn input_section(data: &[u8]) {
    let (key, content) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&[][..], data),
    };
    let section = std::str::from_utf8(key)
        .ok()
        .and_then(|k| Section::from_key(k.trim()))
        .unwrap_or_else(|| {
            let sum: usize = key.iter().map(|&b| usize::from(b)).sum();
            Section::ALL[sum % Section::ALL.len()]
        });
    analyze(&[InputFile::new("input.json", content).with_section(Some(section))]);
}

/// Target `export`: the first byte's low three bits choose the format (6
/// and 7: every format), bit 3 fills in title, customer, assessor and
/// date; the rest are files as in [`split_files`]. Each format is rendered
/// plain and redacted.
pub fn export(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let report = analyze(&split_files(rest));
    let formats: Vec<Format> = match Format::ALL.get(usize::from(flags & 7)) {
        Some(f) => vec![*f],
        None => Format::ALL.to_vec(),
    };
    let cover = if flags & 8 != 0 {
        ExportOptions {
            title: "Audit of the fuzz tenant".into(),
            customer: "Fuzz Customer Ltd".into(),
            assessor: "A. Fuzzer".into(),
            date: "2026-11-20".into(),
            redact: false,
        }
    } else {
        ExportOptions::default()
    };
    for format in formats {
        for redact in [false, true] {
            let opts = ExportOptions {
                redact,
                ..cover.clone()
            };
            let out = export::render(format, &report, &opts);
            check_export(format, &report, &opts, &out);
            assert!(!export::file_name(format, &report, &opts).is_empty());
        }
    }
}

fn check_export(format: Format, report: &Report, opts: &ExportOptions, out: &str) {
    assert!(!out.is_empty(), "{} export is empty", format.as_str());
    match format {
        Format::Json if opts.redact => {
            // Redaction rewrites text, never an outcome.
            let back: Report =
                serde_json::from_str(out).expect("the redacted JSON report reads back");
            let outcomes = |r: &Report| -> Vec<(String, Status, usize)> {
                r.results
                    .iter()
                    .map(|x| (x.code.clone(), x.status, x.findings.len()))
                    .collect()
            };
            assert_eq!(
                outcomes(&back),
                outcomes(report),
                "redaction changed outcomes"
            );
            assert_eq!(
                back.summary, report.summary,
                "redaction changed the summary"
            );
            assert_eq!(back.score, report.score, "redaction changed the score");
        }
        Format::Json => {
            assert_json_round_trip(out);
            assert!(
                out == report.to_json(),
                "the JSON export is the report's JSON"
            );
        }
        Format::Sarif => {
            serde_json::from_str::<serde_json::Value>(out).expect("SARIF is JSON");
        }
        Format::Html => assert!(out.trim_end().ends_with("</html>"), "HTML is complete"),
        Format::Text | Format::Csv | Format::Markdown => {}
    }
}

/// Target `compare`: the files as in [`split_files`]; the first half (by
/// count) is the baseline, the rest the later run.
pub fn compare(data: &[u8]) {
    let files = split_files(data);
    let (before_files, after_files) = files.split_at(files.len() / 2);
    let before = analyze(before_files);
    let after = analyze(after_files);
    let c = compare::compare(&before, &after);
    check_comparison(&c);
    assert!(!compare::render_text(&c).is_empty());

    // The JSON with a comparison reads back into the report and the comparison.
    let json = compare::report_json_with(&after, Some(&c));
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("report JSON is JSON");
    let back: Comparison = serde_json::from_value(
        v.as_object_mut()
            .and_then(|o| o.remove("comparison"))
            .expect("the comparison is in the JSON"),
    )
    .expect("the comparison reads back");
    assert!(
        serde_json::to_value(&back).ok() == serde_json::to_value(&c).ok(),
        "the comparison reads back changed"
    );
    let rest: Report = serde_json::from_value(v).expect("the report reads back");
    assert!(
        rest.to_json() == after.to_json(),
        "the report reads back changed"
    );

    // A run compared with itself: nothing new, fixed, lost or changed.
    let same = compare::compare(&after, &after);
    check_comparison(&same);
    for change in [Change::New, Change::Fixed, Change::Unknown] {
        assert!(
            same.findings.get(change).is_empty(),
            "a run compared with itself has {} findings",
            change.label()
        );
    }
    assert!(same.rule_changes.is_empty(), "a run changed against itself");
}

fn check_comparison(c: &Comparison) {
    let counts = &c.counts;
    assert_eq!(counts.new, c.findings.new.len());
    assert_eq!(counts.fixed, c.findings.fixed.len());
    assert_eq!(counts.unchanged, c.findings.unchanged.len());
    assert_eq!(counts.accepted, c.findings.accepted.len());
    assert_eq!(counts.unknown, c.findings.unknown.len());
    let mut keys: Vec<&str> = Change::ALL
        .iter()
        .flat_map(|ch| c.findings.keys(*ch))
        .collect();
    let all = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all, "a finding in two categories");
}

/// Target `assessment`: the bytes (as text) opened as a saved assessment and
/// imported the way the app does; what opens gives a report, and its own
/// bundle opens again.
pub fn assessment(data: &[u8]) {
    const NAME: &str = "fuzz.bundle.json";
    let text = String::from_utf8_lossy(data);
    let now = parse_date(NOW).expect("NOW is a valid date");
    if let Ok(a) = Assessment::from_bundle(NAME, &text) {
        let _ = (
            a.inputs(),
            a.entered_file(),
            a.conflicts(),
            a.bundle_file_name(),
        );
        check_report(&a.report(&options()));
        let again = Assessment::from_bundle(NAME, &a.to_bundle(now));
        assert!(again.is_ok(), "an assessment's own bundle does not open");
    }
    let imported = Assessment::import(
        NAME,
        &text,
        |id| id == "taken",
        || "fresh-id".to_string(),
        "2026-11-20",
    );
    if let Ok(a) = imported {
        assert!(
            !a.id.is_empty() && a.id != "taken",
            "import kept a taken id"
        );
        assert!(!a.customer.trim().is_empty(), "import left no customer");
        assert!(!a.date.is_empty(), "import left no date");
        check_report(&a.report(&options()));
    }
}
