//! What the command line does with the paths it is given: zips inside
//! folders, entries it does not read (listed with the reason), pipes, link
//! loops, empty folders, files over the size limit, unusable baselines, and
//! file names or pipes that must not make it panic. Every run has a time
//! limit, so a regression that blocks on a pipe fails instead of hanging.
#![cfg(not(target_arch = "wasm32"))]

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Longest a run may take before it counts as hung.
const TIME_LIMIT: Duration = Duration::from_secs(10);

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures")
        .join(name)
}

/// A folder of its own under the system's temporary folder, removed when
/// the test ends (pass or fail).
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("mca-paths-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// A sub-folder, created.
    fn dir(&self, name: &str) -> PathBuf {
        let d = self.path(name);
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}{}", self.stdout, self.stderr))
    }
}

/// Runs the command, killing it (and failing the test) past [`TIME_LIMIT`].
fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads, so a long report cannot block the child.
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("mimecast-audit did not finish within {TIME_LIMIT:?} (hung)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8(out.join().unwrap()).unwrap();
    let stderr = String::from_utf8(err.join().unwrap()).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run {
        code: status
            .code()
            .unwrap_or_else(|| panic!("killed by a signal: {stderr}")),
        stdout,
        stderr,
    }
}

fn json<S: AsRef<OsStr>>(args: &[S]) -> (i32, Value) {
    let mut all: Vec<OsString> = vec!["--format".into(), "json".into()];
    all.extend(args.iter().map(|a| a.as_ref().to_os_string()));
    let r = run(&all);
    (r.code, r.json())
}

fn inputs(report: &Value) -> &Vec<Value> {
    report["inputs"].as_array().unwrap()
}

/// The input rows whose name ends with `suffix`.
fn rows<'a>(report: &'a Value, suffix: &str) -> Vec<&'a Value> {
    inputs(report)
        .iter()
        .filter(|i| i["name"].as_str().unwrap().ends_with(suffix))
        .collect()
}

/// The one input row whose name ends with `suffix`.
fn row<'a>(report: &'a Value, suffix: &str) -> &'a Value {
    let found = rows(report, suffix);
    assert_eq!(found.len(), 1, "{suffix}: {:#}", report["inputs"]);
    found[0]
}

fn notes(row: &Value) -> Vec<&str> {
    row["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect()
}

/// Input rows that were read into at least one section.
fn read_rows(report: &Value) -> Vec<&Value> {
    inputs(report)
        .iter()
        .filter(|i| i["status"] == "ok" && !i["sections"].as_array().unwrap().is_empty())
        .collect()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

// ---- item 4: zips in folders, and nothing dropped without a word ----------

#[test]
fn a_zip_inside_a_folder_is_read_like_a_zip_given_directly() {
    let s = Scratch::new("zip-in-folder");
    let dir = s.dir("exports");
    let zip = dir.join("exports.zip");
    std::fs::copy(fixture("e2e/exports.zip"), &zip).unwrap();

    let (code, in_folder) = json(&[&dir]);
    let (direct_code, direct) = json(&[&zip]);
    assert_eq!(code, direct_code);
    let read = read_rows(&in_folder);
    assert_eq!(read.len(), 2, "{:#}", in_folder["inputs"]);
    assert_eq!(
        row(
            &in_folder,
            "exports.zip/tenant export/api1/response (1).json"
        )["sections"][0],
        "internalDomains"
    );
    assert_eq!(
        row(
            &in_folder,
            "exports.zip/tenant export/api2/response (2).json"
        )["sections"][0],
        "antiSpoofingPolicies"
    );
    let outcomes = |r: &Value| -> Vec<(Value, Value)> {
        r["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (x["code"].clone(), x["status"].clone()))
            .collect()
    };
    assert_eq!(outcomes(&in_folder), outcomes(&direct));
}

#[test]
fn files_a_folder_does_not_read_are_listed_with_the_reason() {
    let s = Scratch::new("listed");
    let dir = s.dir("exports");
    std::fs::copy(
        fixture("e2e/internal-domains.json"),
        dir.join("domains.JSON"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "collected on Monday").unwrap();
    std::fs::write(dir.join("screenshot.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(dir.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    std::fs::create_dir_all(dir.join(".git/objects")).unwrap();
    std::fs::write(dir.join(".git/objects/a.json"), "{}").unwrap();

    let (code, r) = json(&[&dir]);
    assert_eq!(code, 0, "{:#}", r["inputs"]);
    assert_eq!(row(&r, "domains.JSON")["sections"][0], "internalDomains");
    for name in ["notes.txt", "screenshot.png"] {
        assert_eq!(notes(row(&r, name)), ["skipped: not JSON or zip"], "{name}");
    }
    for name in [".DS_Store", ".git"] {
        assert_eq!(
            notes(row(&r, name)),
            ["skipped: hidden, or macOS metadata"],
            "{name}"
        );
    }
    assert!(
        rows(&r, "a.json").is_empty(),
        "a hidden folder is not entered"
    );

    let text = run(&[&dir]);
    assert!(
        text.stdout.contains("notes.txt") && text.stdout.contains("not JSON or zip"),
        "{}",
        text.stdout
    );
}

// ---- item 11: pipes, link loops, empty folders, large files ---------------

#[cfg(unix)]
#[test]
fn a_fifo_given_directly_is_an_input_error_not_a_hang() {
    let s = Scratch::new("fifo-direct");
    let fifo = s.path("response.json");
    mkfifo(&fifo);
    let good = fixture("e2e/internal-domains.json");
    let (code, r) = json(&[fifo.as_os_str(), good.as_os_str()]);
    assert_eq!(code, 2);
    let fifo_row = row(&r, "response.json");
    assert_eq!(fifo_row["status"], "error");
    assert!(
        fifo_row["error"].as_str().unwrap().contains("named pipe"),
        "{fifo_row}"
    );
    assert_eq!(row(&r, "internal-domains.json")["status"], "ok");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_listed_as_skipped() {
    let s = Scratch::new("fifo-folder");
    let dir = s.dir("exports");
    std::fs::copy(
        fixture("e2e/internal-domains.json"),
        dir.join("domains.json"),
    )
    .unwrap();
    mkfifo(&dir.join("pipe.json"));
    let (code, r) = json(&[&dir]);
    assert_eq!(code, 0, "{:#}", r["inputs"]);
    let pipe = row(&r, "pipe.json");
    assert_eq!(pipe["status"], "ok");
    assert!(pipe["sections"].as_array().unwrap().is_empty());
    let n = notes(pipe);
    assert!(
        n.len() == 1 && n[0].starts_with("skipped:") && n[0].contains("named pipe"),
        "{n:?}"
    );
    assert_eq!(row(&r, "domains.json")["status"], "ok");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_baseline_is_an_input_error_not_a_hang() {
    let s = Scratch::new("fifo-baseline");
    let fifo = s.path("before.json");
    mkfifo(&fifo);
    let after = fixture("compare/after.bundle.json");
    let r = run(&[
        OsStr::new("--baseline"),
        fifo.as_os_str(),
        after.as_os_str(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("baseline") && r.stderr.contains("named pipe"),
        "{}",
        r.stderr
    );
    // Inside a baseline folder, a pipe is skipped like anywhere else.
    let dir = s.dir("before");
    std::fs::copy(
        fixture("compare/before.bundle.json"),
        dir.join("before.bundle.json"),
    )
    .unwrap();
    mkfifo(&dir.join("pipe.json"));
    let (code, r) = json(&[OsStr::new("--baseline"), dir.as_os_str(), after.as_os_str()]);
    assert_eq!(code, 1);
    assert_eq!(r["comparison"]["counts"]["fixed"], 2);
}

#[cfg(unix)]
#[test]
fn a_link_loop_in_a_folder_reads_each_file_once() {
    let s = Scratch::new("link-loop");
    let dir = s.dir("exports");
    std::fs::copy(
        fixture("e2e/internal-domains.json"),
        dir.join("domains.json"),
    )
    .unwrap();
    // exports/loop -> exports, and a second name for the same file.
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("domains.json", dir.join("same.json")).unwrap();

    let (code, r) = json(&[&dir]);
    assert_eq!(code, 0, "{:#}", r["inputs"]);
    let read = read_rows(&r);
    assert_eq!(read.len(), 1, "{:#}", r["inputs"]);
    assert!(read[0]["name"].as_str().unwrap().ends_with("domains.json"));
    assert_eq!(
        notes(row(&r, "loop")),
        ["skipped: a link to a folder already read"]
    );
    assert_eq!(
        notes(row(&r, "same.json")),
        ["skipped: the same file as another input, already read"]
    );
    assert_eq!(r["summary"]["inputErrors"], 0);

    // The same file given twice, or inside a folder also given, is read once.
    let file = dir.join("domains.json");
    let (_, r) = json(&[file.as_os_str(), dir.as_os_str(), file.as_os_str()]);
    assert_eq!(read_rows(&r).len(), 1, "{:#}", r["inputs"]);
}

#[test]
fn an_empty_folder_is_nothing_to_analyse() {
    let s = Scratch::new("empty");
    let dir = s.dir("exports");
    let r = run(&[&dir]);
    assert_eq!(r.code, 2, "a CI gate must not pass on no data");
    assert!(r.stderr.contains("nothing to analyse"), "{}", r.stderr);
    let (code, report) = json(&[&dir]);
    assert_eq!(code, 2);
    let folder = row(&report, "exports");
    assert_eq!(folder["status"], "error");
    assert_eq!(folder["error"], "nothing to analyse: the folder is empty");
}

#[test]
fn a_folder_with_nothing_readable_is_nothing_to_analyse() {
    let s = Scratch::new("nothing-readable");
    let dir = s.dir("exports");
    std::fs::write(dir.join("README.txt"), "exports go here").unwrap();
    s.dir("exports/empty");
    let (code, r) = json(&[&dir]);
    assert_eq!(code, 2);
    assert_eq!(
        row(&r, "exports")["error"],
        "nothing to analyse: no JSON or zip file could be read in the folder"
    );
    assert_eq!(notes(row(&r, "README.txt")), ["skipped: not JSON or zip"]);

    // Beside other inputs too: the folder given was meant to hold data.
    let good = fixture("e2e/internal-domains.json");
    let (code, r) = json(&[dir.as_os_str(), good.as_os_str()]);
    assert_eq!(code, 2);
    assert_eq!(row(&r, "exports")["status"], "error");
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size_without_reading_it() {
    let limit = engine::input::MAX_FILE_BYTES as u64;
    let s = Scratch::new("too-large");
    let dir = s.dir("exports");
    let just_over = dir.join("just-over.json");
    std::fs::File::create(&just_over)
        .unwrap()
        .set_len(limit + 10)
        .unwrap();
    // A file far larger than memory: read whole, it cannot even be held.
    let huge = dir.join("huge.json");
    let mut names = vec!["just-over.json", "huge.json"];
    if std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 40)
        .is_err()
    {
        eprintln!("this file system has no sparse 1 TiB files: only the small one is tested");
        std::fs::remove_file(&huge).unwrap();
        names.pop();
    }
    let start = Instant::now();
    let (code, r) = json(&[&dir]);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(code, 2);
    let too_large = format!(
        "the file is too large: over {} MiB, the most this tool reads from one file",
        limit / (1024 * 1024)
    );
    for name in names {
        let x = row(&r, name);
        assert_eq!(x["status"], "error");
        assert_eq!(x["error"].as_str().unwrap(), too_large, "{name}");
    }
    // Given directly, the same.
    let (code, r) = json(&[&just_over]);
    assert_eq!(code, 2);
    assert_eq!(
        row(&r, "just-over.json")["error"].as_str().unwrap(),
        too_large
    );
}

// ---- --section shares the walk --------------------------------------------

#[test]
fn a_file_given_and_chosen_with_section_is_read_once_with_its_section() {
    let s = Scratch::new("section-twice");
    let dir = s.dir("exports");
    let file = dir.join("response (7).json");
    std::fs::copy(fixture("e2e/ambiguous-policy.json"), &file).unwrap();
    let chosen = format!("permittedSenderPolicies={}", file.display());
    let (code, r) = json(&[
        dir.as_os_str(),
        OsStr::new("--section"),
        OsStr::new(&chosen),
    ]);
    assert_eq!(code, 0, "{:#}", r["inputs"]);
    let x = row(&r, "response (7).json");
    assert_eq!(x["sections"][0], "permittedSenderPolicies");
}

// ---- item 12: an unusable baseline is an input error ----------------------

/// Runs with `baseline` as the baseline of a readable export; it must stop
/// with exit 2, naming the file and why.
fn refuses_baseline(baseline: &Path, named: &str, why: &str) {
    let after = fixture("compare/after.bundle.json");
    let r = run(&[
        OsStr::new("--baseline"),
        baseline.as_os_str(),
        after.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "no report on an unusable baseline");
    assert!(
        r.stderr.contains("baseline") && r.stderr.contains(named) && r.stderr.contains(why),
        "{named}: {why}: {}",
        r.stderr
    );
}

#[test]
fn a_report_as_baseline_is_an_input_error() {
    let s = Scratch::new("baseline-report");
    let report = s.path("last-month.report.json");
    let r = run(&[
        OsStr::new("--format"),
        OsStr::new("json"),
        fixture("compare/before.bundle.json").as_os_str(),
    ]);
    std::fs::write(&report, r.stdout).unwrap();
    refuses_baseline(
        &report,
        "last-month.report.json",
        "not a Mimecast configuration export",
    );
}

#[test]
fn a_web_page_as_baseline_is_an_input_error() {
    let s = Scratch::new("baseline-html");
    let page = s.path("report.html");
    std::fs::write(&page, "<!doctype html><html><body>Audit</body></html>").unwrap();
    refuses_baseline(&page, "report.html", "invalid JSON");
}

#[test]
fn an_image_as_baseline_is_an_input_error() {
    let s = Scratch::new("baseline-image");
    let image = s.path("chart.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    refuses_baseline(&image, "chart.png", "not UTF-8 text");
}

#[test]
fn an_empty_file_as_baseline_is_an_input_error() {
    let s = Scratch::new("baseline-empty-file");
    let empty = s.path("before.json");
    std::fs::write(&empty, "").unwrap();
    refuses_baseline(&empty, "before.json", "empty");
}

#[test]
fn a_baseline_folder_with_nothing_usable_is_an_input_error() {
    let s = Scratch::new("baseline-folder");
    let empty = s.dir("empty");
    refuses_baseline(&empty, "empty", "nothing to analyse");

    let only_text = s.dir("only-text");
    std::fs::write(only_text.join("README.txt"), "nothing here").unwrap();
    refuses_baseline(&only_text, "only-text", "nothing to analyse");

    // One good bundle beside a report: half a baseline is no baseline.
    let mixed = s.dir("mixed");
    std::fs::copy(
        fixture("compare/before.bundle.json"),
        mixed.join("before.bundle.json"),
    )
    .unwrap();
    std::fs::write(mixed.join("page.json"), "<html></html>").unwrap();
    refuses_baseline(&mixed, "page.json", "invalid JSON");
}

// ---- no panic on any path or argument -------------------------------------

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let s = Scratch::new("not-utf8");
    let dir = s.dir("exports");
    let name = OsStr::from_bytes(b"domaines-\xe9t\xe9.json");
    let file = dir.join(name);
    if std::fs::copy(fixture("e2e/internal-domains.json"), &file).is_err() {
        eprintln!("this file system refuses names that are not UTF-8: not tested");
        return;
    }
    let (code, r) = json(&[&file]);
    assert_eq!(code, 0, "{:#}", r["inputs"]);
    assert_eq!(read_rows(&r).len(), 1);
    let mut arg = b"internalDomains=".to_vec();
    arg.extend_from_slice(file.as_os_str().as_bytes());
    let (code, r) = json(&[OsStr::new("--section"), OsStr::from_bytes(&arg)]);
    assert_eq!(code, 0, "{:#}", r["inputs"]);
    let (code, _) = json(&[OsStr::new("--baseline"), file.as_os_str(), dir.as_os_str()]);
    assert_eq!(code, 0);
}

#[test]
fn closed_output_pipes_give_exit_2_not_a_panic() {
    // Both standard output and standard error gone (`2>&1 | true`): the
    // report (larger than a pipe's buffer) cannot be written, nor the error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .args(["--sample", "--format", "html"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hung on a closed pipe");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2), "101 is a panic");
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_opened_is_an_input_error() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("no-permission");
    let dir = s.dir("exports");
    let locked = dir.join("locked.json");
    std::fs::copy(fixture("e2e/internal-domains.json"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("running with rights that read any file: not tested");
        return;
    }
    for arg in [&locked, &dir] {
        let (code, r) = json(&[arg]);
        assert_eq!(code, 2);
        let x = row(&r, "locked.json");
        assert_eq!(x["status"], "error");
        assert!(x["error"].as_str().unwrap().contains("denied"), "{x}");
    }
}
