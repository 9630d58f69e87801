//! The command-line front end, run as a real process.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn fixtures(name: &str) -> String {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/e2e")
        .join(name)
        .display()
        .to_string()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    (
        code,
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}")),
    )
}

fn result<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap()
}

#[test]
fn acceptance_scenario_fails_asp001_and_asp003_with_evidence() {
    let (code, r) = json(&[
        &fixtures("internal-domains.json"),
        &fixtures("anti-spoofing.json"),
        &fixtures("spf-bypass.json"),
    ]);
    assert_eq!(code, 1);
    assert_eq!(r["schema"], "mimecast-audit-report");
    assert_eq!(r["schemaVersion"], 1);
    for i in r["inputs"].as_array().unwrap() {
        assert_eq!(i["status"], "ok", "{i}");
    }
    let asp001 = result(&r, "ASP001");
    assert_eq!(asp001["status"], "fail");
    assert_eq!(asp001["severity"], "critical");
    assert_eq!(asp001["area"], "anti-spoofing");
    let f = &asp001["findings"][0];
    let ev: Vec<(&str, &str)> = f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["value"].as_str().unwrap()))
        .collect();
    assert!(
        ev.contains(&(
            "data[0].policy.description",
            "Bypass for Office 365 and CRM mailers"
        )),
        "{ev:?}"
    );
    assert!(
        ev.iter()
            .any(|(p, v)| *p == "data[0].policy.conditions.spfDomains[0]"
                && v.starts_with("spf.protection.outlook.com")),
        "{ev:?}"
    );

    let asp003 = result(&r, "ASP003");
    assert_eq!(asp003["status"], "fail");
    let objects: Vec<&str> = asp003["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["object"].as_str().unwrap())
        .collect();
    assert_eq!(objects, ["example.org"]);
}

#[test]
fn domains_alone_leave_both_rules_not_assessed_naming_the_missing_sections() {
    let (code, r) = json(&[&fixtures("internal-domains.json")]);
    assert_eq!(code, 0);
    let keys = |c: &str| -> Vec<String> {
        result(&r, c)["missingSections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(result(&r, "ASP001")["status"], "not_assessed");
    assert_eq!(keys("ASP001"), ["antiSpoofingBypassPolicies"]);
    assert_eq!(result(&r, "ASP003")["status"], "not_assessed");
    assert_eq!(keys("ASP003"), ["antiSpoofingPolicies"]);
}

#[test]
fn an_unreadable_input_gives_exit_2_and_the_report_still_covers_the_rest() {
    let (code, r) = json(&[
        &fixtures("broken.json"),
        &fixtures("not-mimecast.json"),
        &fixtures("spf-bypass.json"),
        "no/such/file.json",
    ]);
    assert_eq!(code, 2);
    let inputs = r["inputs"].as_array().unwrap();
    let by_name = |n: &str| {
        inputs
            .iter()
            .find(|i| i["name"].as_str().unwrap().ends_with(n))
            .unwrap()
    };
    assert_eq!(by_name("broken.json")["status"], "error");
    assert!(by_name("broken.json")["error"]
        .as_str()
        .unwrap()
        .contains("line 3"));
    assert_eq!(by_name("broken.json")["errorLocation"]["line"], 3);
    assert!(by_name("not-mimecast.json")["error"]
        .as_str()
        .unwrap()
        .starts_with("not a Mimecast configuration export"));
    assert_eq!(by_name("file.json")["status"], "error");
    assert_eq!(by_name("spf-bypass.json")["status"], "ok");
    assert_eq!(result(&r, "ASP001")["status"], "fail");
    assert_eq!(r["summary"]["inputErrors"], 3);
}

#[test]
fn folders_are_read_recursively_and_text_is_the_default_format() {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("samples/demo-tenant");
    let (code, stdout, _) = run(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.contains("FAIL  ASP001 [critical]"), "{stdout}");
    assert!(stdout.contains("northwind-shop.example"), "{stdout}");
    assert!(
        stdout.contains("internal-domains.json (internalDomains)"),
        "{stdout}"
    );
}

#[test]
fn at_date_changes_which_policies_are_in_force() {
    // The bypass in this fixture runs 2026-01-01..2026-12-31.
    let f = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/rules/ASP001/fail_google_and_tenant_domains.json");
    let f = f.to_str().unwrap();
    let (code, r) = json(&["--at", "2027-02-01", f]);
    assert_eq!(result(&r, "ASP001")["status"], "pass");
    if engine::rules::find("POL002").is_some() {
        assert_eq!(
            result(&r, "POL002")["status"],
            "fail",
            "the bypass ended on 2026-12-31"
        );
        assert_eq!(code, 1);
    }
    assert!(r["analysisDate"]
        .as_str()
        .unwrap()
        .starts_with("2027-02-01"));
    let (code, _) = json(&[f]);
    assert_eq!(
        code, 1,
        "the bundle's generatedAt (2026-11-20) is inside the window"
    );
}

#[test]
fn usage_errors_exit_2_with_help() {
    let (code, _, stderr) = run(&["--format", "yaml", "x"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format `yaml`") && stderr.contains("Usage:"));
}

#[test]
fn ambiguous_files_are_reported_and_settled_with_section() {
    let dir = std::env::temp_dir().join(format!("mca-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("response (7).json");
    std::fs::write(&f, r#"[{"id": "p1", "option": "no_action", "policy": {"description": "", "from": {"type": "everyone"}, "to": {"type": "everyone"}}}]"#).unwrap();
    let f = f.to_str().unwrap();
    let (code, r) = json(&[f]);
    assert_eq!(code, 2);
    let cands: Vec<&str> = r["inputs"][0]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        cands,
        [
            "antiSpoofingPolicies",
            "permittedSenderPolicies",
            "blockedSenderPolicies",
            "greylistingPolicies"
        ]
    );
    let arg = format!("permittedSenderPolicies={f}");
    let (code, r) = json(&["--section", &arg]);
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["inputs"][0]["sections"][0], "permittedSenderPolicies");
}

#[test]
fn write_bundle_saves_everything_loaded_and_reads_back_the_same() {
    let dir = std::env::temp_dir().join(format!("mca-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("saved.bundle.json");
    let inputs = [
        fixtures("internal-domains.json"),
        fixtures("anti-spoofing.json"),
        fixtures("spf-bypass.json"),
    ];
    let mut args = vec!["--write-bundle", out.to_str().unwrap()];
    args.extend(inputs.iter().map(String::as_str));
    let (_, before) = json(&args);
    let (_, after) = json(&[out.to_str().unwrap()]);
    let strip = |r: &Value| {
        r["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["code"].clone(),
                    x["status"].clone(),
                    x["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f["message"].clone())
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&before), strip(&after));
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(bundle["format"], "mimecast-config-bundle");
    assert_eq!(bundle["internalDomains"].as_array().unwrap().len(), 2);
}

#[test]
fn baseline_adds_a_comparison() {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/compare");
    let (before, after) = (
        dir.join("before.bundle.json").display().to_string(),
        dir.join("after.bundle.json").display().to_string(),
    );
    let (code, r) = json(&["--baseline", &before, &after]);
    assert_eq!(code, 1);
    assert_eq!(
        r["comparison"]["counts"],
        serde_json::json!({"new": 1, "fixed": 2, "unchanged": 2, "accepted": 1, "unknown": 0})
    );
    assert_eq!(r["comparison"]["score"]["overall"]["delta"], 6);
    let (_, plain) = json(&[&after]);
    assert!(plain.get("comparison").is_none());
    let (code, stdout, _) = run(&["--baseline", &before, &after]);
    assert_eq!(code, 1);
    let at = stdout.find("Comparison with the baseline").unwrap();
    assert!(
        stdout[at..]
            .contains("Findings: 1 new, 2 fixed, 2 unchanged, 1 accepted, 0 no longer assessed"),
        "{stdout}"
    );
    let (code, _, stderr) = run(&["--baseline", "no/such/baseline.json", &after]);
    assert_eq!(code, 2);
    assert!(stderr.contains("baseline"), "{stderr}");
}

#[test]
fn sample_is_the_tenant_the_app_opens() {
    let (code, r) = json(&["--sample"]);
    assert_eq!(code, 1);
    assert_eq!(r["inputs"][0]["name"], "pitfall-tenant.bundle.json");
    assert_eq!(r["summary"]["notAssessed"], 0);
}

#[test]
fn two_customers_are_not_mixed_unless_allowed() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let a = root.join("samples/pitfall-tenant.bundle.json");
    let b = root.join("samples/clean-tenant.bundle.json");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let (code, stdout, stderr) = run(&[a, b]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "no report over two tenants: {stdout}");
    assert!(
        stderr.contains("clean-tenant.bundle.json") && stderr.contains("CUSA00B111"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-mixed-accounts"), "{stderr}");
    let (code, stdout, _) = run(&["--allow-mixed-accounts", a, b]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("another customer"),
        "the mix is still said: {stdout}"
    );
    // One customer in several files is fine.
    let (code, _, stderr) = run(&[a, a]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn messages_on_stderr_show_control_characters_as_escapes() {
    let dir = std::env::temp_dir().join(format!("mca-ctl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let evil = dir.join("x\u{1b}[31mred\u{7}.json");
    let (code, _, stderr) = run(&["--baseline", evil.to_str().unwrap(), "--sample"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("\\u{1b}[31mred"), "{stderr:?}");
}

#[test]
fn inputs_that_hold_no_configuration_are_nothing_to_analyse() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let f = root.join("tests/fixtures/real-responses/pending-domains-v2__tf-synthetic.json");
    let (code, stdout, stderr) = run(&[f.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("nothing to analyse"), "{stderr}");
    assert!(
        stdout.contains("not analysed"),
        "the report still says why: {stdout}"
    );
}

#[test]
fn the_text_report_ends_with_each_file_s_sha256_as_sha256sum_prints_it() {
    let file = fixtures("spf-bypass.json");
    let (_, stdout, _) = run(&[&file]);
    let bytes = std::fs::read(&file).unwrap();
    let hash = engine::report::provenance::sha256_hex(&bytes);
    let tail = stdout
        .split("\nProvenance\n")
        .nth(1)
        .expect("a provenance block");
    assert!(
        tail.contains(engine::report::provenance::CATALOG_VERSION),
        "{tail}"
    );
    assert!(
        tail.lines()
            .any(|l| l.trim() == format!("{hash}  {file} ({} bytes)", bytes.len())),
        "{tail}"
    );
}
