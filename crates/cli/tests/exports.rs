//! The command line's export flags (`--format`, `--output`, `--redact`,
//! `--customer`, `--assessor`): each format on stdout or in a file, byte for
//! byte what the engine renders, and the exit codes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

use engine::export::{self, ExportOptions, Format};
use engine::model::parse_date;
use engine::{analyze, InputFile, Options};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn at() -> Options {
    Options {
        at: Some(parse_date("2026-11-20T10:00:00Z").unwrap()),
        now: None,
    }
}

fn pitfall_bytes() -> Vec<u8> {
    std::fs::read(root().join("samples/pitfall-tenant.bundle.json")).unwrap()
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mca-exports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const SAMPLE: &str = "samples/pitfall-tenant.bundle.json";

#[test]
fn cli_writes_every_format_to_stdout_or_a_file() {
    let report = analyze(&[InputFile::new(SAMPLE, pitfall_bytes())], &at());
    let opts = ExportOptions {
        customer: "Northwind".into(),
        assessor: "A. Auditor".into(),
        ..ExportOptions::default()
    };
    for f in Format::ALL {
        let common = [
            "--at",
            "2026-11-20T10:00:00Z",
            "--customer",
            "Northwind",
            "--assessor",
            "A. Auditor",
            "--format",
            f.as_str(),
            SAMPLE,
        ];
        let (code, stdout, stderr) = cli(&common);
        assert_eq!(code, 1, "{}: {stderr}", f.as_str());
        let mut want = export::render(f, &report, &opts);
        if !want.ends_with('\n') {
            want.push('\n');
        }
        assert_eq!(stdout, want, "{}", f.as_str());
        let file = tmp(&format!("report.{}", f.extension()));
        let path = file.display().to_string();
        let mut with_output = common.to_vec();
        with_output.extend(["--output", path.as_str()]);
        let (code, stdout, _) = cli(&with_output);
        assert_eq!(
            (code, stdout.as_str()),
            (1, ""),
            "{}: nothing on stdout",
            f.as_str()
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            want,
            "{}",
            f.as_str()
        );
    }
}

#[test]
fn cli_json_is_unchanged_and_text_stays_the_default() {
    let report = analyze(&[InputFile::new(SAMPLE, pitfall_bytes())], &at());
    let (code, stdout, _) = cli(&["--at", "2026-11-20T10:00:00Z", "--format", "json", SAMPLE]);
    assert_eq!(code, 1);
    assert_eq!(stdout, format!("{}\n", report.to_json()));
    let (_, stdout, _) = cli(&["--at", "2026-11-20T10:00:00Z", SAMPLE]);
    assert_eq!(stdout, engine::report::render_text(&report));
}

#[test]
fn cli_redacts_every_format() {
    for f in Format::ALL {
        let (code, stdout, _) = cli(&[
            "--redact",
            "--customer",
            "Northwind Traders",
            "--format",
            f.as_str(),
            SAMPLE,
        ]);
        assert_eq!(code, 1);
        let lower = stdout.to_lowercase();
        for d in [
            "northwind.example",
            "northwind-shop.example",
            "northwind traders",
            "pitfall-tenant",
        ] {
            assert!(!lower.contains(d), "{}: {d} survived --redact", f.as_str());
        }
    }
    let (_, html, _) = cli(&[
        "--redact",
        "--customer",
        "Northwind Traders",
        "--format",
        "html",
        SAMPLE,
    ]);
    assert!(html.contains(export::REDACTED_CUSTOMER));
}

#[test]
fn cli_exit_codes_are_unchanged() {
    let (code, _, _) = cli(&["--format", "html", "samples/clean-tenant.bundle.json"]);
    assert_eq!(code, 0, "clean tenant");
    let (code, _, _) = cli(&["--format", "sarif", SAMPLE, "no/such/file.json"]);
    assert_eq!(code, 2, "an unreadable input wins");
    let (code, _, stderr) = cli(&["--format", "pdf", SAMPLE]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown format `pdf`")
            && stderr.contains("html")
            && stderr.contains("Usage:")
    );
    let (code, _, stderr) = cli(&[
        "--format",
        "csv",
        "--output",
        "/nonexistent-dir/x.csv",
        SAMPLE,
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot write /nonexistent-dir/x.csv"),
        "{stderr}"
    );
    let (code, stdout, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for flag in [
        "--format FORMAT",
        "--output FILE",
        "--redact",
        "--customer NAME",
        "--assessor NAME",
        "sarif",
        "markdown",
    ] {
        assert!(stdout.contains(flag), "usage lacks {flag}");
    }
}

#[test]
fn html_and_markdown_show_since_last_review_with_a_baseline() {
    let before = "tests/fixtures/compare/before.bundle.json";
    let after = "tests/fixtures/compare/after.bundle.json";
    let read = |p: &str| {
        let name = p.rsplit('/').next().unwrap();
        let bytes = std::fs::read(root().join(p)).unwrap();
        analyze(&[InputFile::new(name, bytes)], &at())
    };
    let (b, a) = (read(before), read(after));
    let c = engine::compare::compare(&b, &a);
    for f in [Format::Html, Format::Markdown] {
        let at = ["--at", "2026-11-20T10:00:00Z", "--format", f.as_str()];
        let (_, plain, _) = cli(&[&at[..], &[after]].concat());
        assert!(!plain.contains("Since last review"), "{}", f.as_str());
        let (code, with, stderr) = cli(&[&at[..], &["--baseline", before, after]].concat());
        assert!(code == 0 || code == 1, "{stderr}");
        assert!(with.contains("Since last review"), "{}", f.as_str());
        assert!(with.contains(&c.score.overall.summary()), "{}", f.as_str());
        for x in &c.findings.fixed {
            assert!(
                with.contains(&x.key),
                "{}: fixed {} not listed",
                f.as_str(),
                x.key
            );
        }
    }
    let (_, usage, _) = cli(&["--help"]);
    assert!(usage.contains("as “Since last review”"));
}
