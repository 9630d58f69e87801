//! `mimecast-audit explain`, run as a real process: the JSON is the
//! engine's output unchanged, the text its rendering, errors are clear and
//! exit 2.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

use engine::explain::{explain, text, MessageInput};
use engine::model::parse_date;
use engine::{input, samples};

const AT: &str = "2026-11-20";

fn run_with(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_with(args, "")
}

fn temp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mca-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// A spoof of the sample tenant's own domain from an unknown server.
const SPOOF: &str = r#"{"envelopeFrom": "ceo@northwind.example", "headerFrom": "ceo@northwind.example",
    "sendingIp": "203.0.113.9", "recipient": "user@northwind.example"}"#;

/// What the engine itself says for the sample tenant.
fn engine_says(message: &str) -> engine::explain::Explanation {
    let m: MessageInput = serde_json::from_str(message).unwrap();
    let cfg = input::load_all(&samples::pitfall_tenant()).config;
    explain(&cfg, &m, parse_date(AT).unwrap()).expect("the spoof is explained")
}

#[test]
fn the_json_is_the_engine_s_output_unchanged() {
    let msg = temp("spoof.json", SPOOF);
    let (code, stdout, stderr) = run(&[
        "explain",
        "--message",
        msg.to_str().unwrap(),
        "--at",
        AT,
        "--sample",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let got: Value = serde_json::from_str(&stdout).unwrap();
    let want = serde_json::to_value(engine_says(SPOOF)).unwrap();
    assert_eq!(got, want);
    assert!(got["verdict"]["outcome"].is_string());
    assert!(got["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn the_text_form_is_the_engine_s_rendering_and_the_message_may_come_on_stdin() {
    let (code, stdout, stderr) = run_with(
        &[
            "explain",
            "--message",
            "-",
            "--at",
            AT,
            "--format",
            "text",
            "--sample",
        ],
        SPOOF,
    );
    assert_eq!(code, 0, "{stderr}");
    let want = engine_says(SPOOF);
    assert_eq!(stdout, text::render(&want));
    assert!(stdout.starts_with("Verdict: "));
    assert!(stdout.contains("\nSteps:\n"));
}

#[test]
fn a_message_that_cannot_be_explained_lists_its_errors_by_field() {
    let msg = temp(
        "partial.json",
        r#"{"envelopeFrom": "a@b.example", "sendingIp": "not an ip"}"#,
    );
    let (code, stdout, stderr) = run(&["explain", "--message", msg.to_str().unwrap(), "--sample"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("the message cannot be explained:"),
        "{stderr}"
    );
    for field in ["headerFrom", "sendingIp", "recipient"] {
        assert!(
            stderr.contains(&format!("\n  {field}: ")),
            "{field}: {stderr}"
        );
    }
}

#[test]
fn an_unreadable_or_malformed_message_file_is_told_with_exit_2() {
    let (code, _, stderr) = run(&["explain", "--message", "/nonexistent/m.json", "--sample"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read the message /nonexistent/m.json"),
        "{stderr}"
    );
    let bad = temp("bad.json", "[1, 2]");
    let (code, _, stderr) = run(&["explain", "--message", bad.to_str().unwrap(), "--sample"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a message description"), "{stderr}");
}

#[test]
fn unreadable_inputs_are_told_and_exit_2_with_the_explanation_printed() {
    let msg = temp("spoof2.json", SPOOF);
    let (code, stdout, stderr) = run(&[
        "explain",
        "--message",
        msg.to_str().unwrap(),
        "--sample",
        "/nonexistent/tenant.json",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/nonexistent/tenant.json: cannot read"),
        "{stderr}"
    );
    let got: Value = serde_json::from_str(&stdout).unwrap();
    assert!(got["verdict"].is_object());
    // Nothing readable at all: nothing to explain.
    let (code, stdout, stderr) = run(&[
        "explain",
        "--message",
        msg.to_str().unwrap(),
        "/nonexistent/tenant.json",
    ]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("nothing to explain"), "{stderr}");
}

#[test]
fn the_scenarios_are_the_report_s_attack_paths_in_json_and_text() {
    let (code, stdout, stderr) = run(&["explain", "--scenarios", "--at", AT, "--sample"]);
    assert_eq!(code, 0, "{stderr}");
    let got: Value = serde_json::from_str(&stdout).unwrap();
    let report = engine::report_for(
        input::load_all(&samples::pitfall_tenant()),
        &engine::Options {
            at: Some(parse_date(AT).unwrap()),
            now: None,
        },
    );
    assert_eq!(got, serde_json::to_value(&report.attack_paths).unwrap());
    assert!(got["results"].as_array().is_some_and(|r| !r.is_empty()));
    let (code, stdout, stderr) = run(&[
        "explain",
        "--scenarios",
        "--at",
        AT,
        "--format",
        "text",
        "--sample",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        engine::report::attack_text::render(&report.attack_paths)
    );
    assert!(stdout.contains("SC1 "), "{stdout}");
}

#[test]
fn usage_errors_exit_2_with_explain_s_help() {
    let (code, _, stderr) = run(&["explain", "--sample"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--message FILE or --scenarios"), "{stderr}");
    assert!(stderr.contains("Usage: mimecast-audit explain"), "{stderr}");
    let (code, stdout, _) = run(&["explain", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Usage: mimecast-audit explain --message FILE"));
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("mimecast-audit explain --message FILE PATH..."));
}
