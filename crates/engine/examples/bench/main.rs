//! Benchmark of the engine on synthetic tenants of growing size.
//!
//!     cargo run --release -p mimecast-audit-engine --example bench
//!     cargo run --release -p mimecast-audit-engine --example bench -- --sizes 1,10,50,200
//!
//! For each size (in MB, default 1, 10 and 50) it prints the parse floor
//! (`serde_json::from_slice::<Value>` of the same bytes, timed in the same
//! process as the analysis, right after it), the full analysis to a JSON
//! report, their ratio, the peak memory of each (the process's
//! peak resident set, input buffer included, see `memory.rs`) divided by
//! the input size, then the time of each phase. At the end it prints the
//! per-MB cost of the largest size against that of 10 MB. These machines
//! are shared and noisy: compare rows of the same run, not absolute numbers
//! across runs.
//!
//! The tenant of each size is written to a temporary file, and the floor's
//! peak, the analysis and the phases each run in a child process of their
//! own (this program again, with `--child`), so that memory is measured
//! apart.

mod memory;
mod tenant;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use engine::export::{self, ExportOptions};
use engine::input::{decode_text, load_all};
use engine::rules::{all, Ctx};
use engine::{analyze, InputFile, Options};

/// Timings and memory of one size.
struct Row {
    mb: f64,
    bytes: usize,
    floor_ms: f64,
    floor_peak: usize,
    analysis_ms: f64,
    analysis_peak: usize,
    findings: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, what, path] = args.as_slice() {
        if flag == "--child" {
            return child(what, Path::new(path));
        }
        // `--write 50 tenant.json`: the tenant of that size, for a profiler.
        if flag == "--write" {
            let mb = what.parse().expect("a size in MB");
            return std::fs::write(path, tenant::tenant(mb)).expect("the file is written");
        }
    }
    let sizes = sizes();
    println!(
        "{:>6} {:>11} {:>9} {:>11} {:>7} {:>11} {:>12} {:>8}",
        "MB", "bytes", "floor ms", "analysis ms", "ratio", "floor peak", "analysis pk", "findings"
    );
    let mut rows = Vec::new();
    for mb in sizes {
        let path = std::env::temp_dir().join(format!("mimecast-audit-bench-{mb}mb.json"));
        let bytes = tenant::tenant(mb);
        if bytes.len() > engine::input::MAX_FILE_BYTES {
            println!(
                "{mb:>6} {:>11} over the engine's limit of {} MiB for one file: not analysed",
                bytes.len(),
                engine::input::MAX_FILE_BYTES / (1024 * 1024)
            );
            continue;
        }
        std::fs::write(&path, bytes).expect("the temporary file is written");
        let row = measure(mb, &path);
        println!(
            "{:>6} {:>11} {:>9.0} {:>11.0} {:>6.2}x {:>10.2}x {:>11.2}x {:>8}",
            row.mb,
            row.bytes,
            row.floor_ms,
            row.analysis_ms,
            row.analysis_ms / row.floor_ms,
            row.floor_peak as f64 / row.bytes as f64,
            row.analysis_peak as f64 / row.bytes as f64,
            row.findings
        );
        rows.push(row);
    }
    growth(&rows);
}

/// The sizes asked for with `--sizes 1,10,50`, or the default.
fn sizes() -> Vec<f64> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--sizes") {
        Some(i) => args
            .get(i + 1)
            .expect("--sizes needs a list such as 1,10,50,200")
            .split(',')
            .map(|s| s.trim().parse().expect("sizes are numbers of MB"))
            .collect(),
        None => vec![1.0, 10.0, 50.0],
    }
}

/// Runs more than once on small inputs (the best run counts), once on big.
fn runs(bytes: usize) -> usize {
    if bytes < 20_000_000 {
        3
    } else {
        1
    }
}

/// The numbers a child printed on its last line.
fn spawn(what: &str, path: &Path) -> Vec<String> {
    let out = Command::new(std::env::current_exe().expect("this program"))
        .args(["--child", what])
        .arg(path)
        .output()
        .expect("the child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in text.lines().filter(|l| l.starts_with(' ')) {
        println!("{line}");
    }
    text.lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

fn measure(mb: f64, path: &Path) -> Row {
    let num = |v: &[String], i: usize| v[i].parse::<f64>().expect("a number");
    let floor = spawn("floor", path);
    let analysis = spawn("analysis", path);
    spawn("phases", path);
    let _ = std::fs::remove_file(path);
    Row {
        mb,
        bytes: num(&floor, 0) as usize,
        // The floor timed in the analysis's own child (see `child`).
        floor_ms: num(&analysis, 4),
        floor_peak: num(&floor, 2) as usize,
        analysis_ms: num(&analysis, 1),
        analysis_peak: num(&analysis, 2) as usize,
        findings: num(&analysis, 3) as usize,
    }
}

/// One measurement in this (child) process: prints `bytes ms peak …`.
fn child(what: &str, path: &Path) {
    let t = Instant::now();
    let bytes = std::fs::read(path).expect("the tenant file is readable");
    let read_ms = t.elapsed().as_secs_f64() * 1000.0;
    let n = bytes.len();
    let file = InputFile::new("synthetic.bundle.json", bytes);
    match what {
        "floor" => {
            let ms = best(runs(n), || {
                let v: serde_json::Value = serde_json::from_slice(&file.bytes).expect("JSON");
                drop(v);
            });
            println!("{n} {ms} {}", memory::peak_rss());
        }
        "analysis" => {
            let mut findings = 0;
            let ms = best(runs(n), || {
                let report = analyze(std::slice::from_ref(&file), &Options::default());
                let json = export::json(&report, &ExportOptions::default());
                std::hint::black_box(json.len());
                findings = report.summary.findings;
            });
            let peak = memory::peak_rss();
            // The floor again in this process, after the analysis (its
            // peak is the floor child's): the ratio of two times taken
            // seconds apart, under the same load of the machine.
            let floor = best(runs(n), || {
                let v: serde_json::Value = serde_json::from_slice(&file.bytes).expect("JSON");
                drop(v);
            });
            println!("{n} {ms} {peak} {findings} {floor}");
        }
        _ => {
            phases(read_ms, &file);
            println!("{n}");
        }
    }
}

/// The best time in ms of `runs` runs of `f`.
fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::MAX, f64::min)
}

/// Runs `f`; returns its time in ms and its result.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed().as_secs_f64() * 1000.0, out)
}

/// The time of each phase, one after the other, as `analyze` runs them:
/// read (from the file), decode, load (parse and normalize: a bundle is
/// read record by record, so the two are one pass), each rule (the slowest
/// shown by name), the report and its JSON. Then the peak memory (÷ input)
/// reached by the end of the load, the rules and the report.
fn phases(read: f64, file: &InputFile) {
    let n = file.bytes.len() as f64;
    let (decode, text) = timed(|| decode_text(&file.bytes).expect("UTF-8"));
    drop(text);
    let (load, loaded) = timed(|| load_all(std::slice::from_ref(file)));
    let load_peak = memory::peak_rss() as f64 / n;
    let at = loaded.config.generated_at.expect("the bundle has a date");
    let ctx = Ctx::new(&loaded.config, at);
    let mut rules: Vec<(f64, &str)> = all()
        .iter()
        .map(|r| {
            let t = Instant::now();
            std::hint::black_box(r.check(&ctx));
            (t.elapsed().as_secs_f64() * 1000.0, r.meta().code)
        })
        .collect();
    drop(ctx);
    let rules_peak = memory::peak_rss() as f64 / n;
    let rules_ms: f64 = rules.iter().map(|r| r.0).sum();
    let options = Options {
        at: Some(at),
        now: None,
    };
    let (report, done) = timed(|| {
        let report = engine::report_for(loaded, &options);
        std::hint::black_box(export::json(&report, &ExportOptions::default()).len());
        report
    });
    let report_peak = memory::peak_rss() as f64 / n;
    let (free, ()) = timed(|| drop(done));
    // The report phase runs the rules again: take them out.
    let report = (report - rules_ms).max(0.0);
    rules.sort_by(|a, b| b.0.total_cmp(&a.0));
    let top: Vec<String> = rules
        .iter()
        .take(6)
        .map(|(ms, code)| format!("{code} {ms:.0}"))
        .collect();
    println!(
        "       phases ms: read {read:.0}, decode {decode:.0}, load (parse + normalize) {:.0}, rules {rules_ms:.0} ({}, others {:.0}), report {report:.0}, free {free:.0}",
        (load - decode).max(0.0),
        top.join(", "),
        rules.iter().skip(6).map(|r| r.0).sum::<f64>()
    );
    println!(
        "       peak ÷ input after: load {load_peak:.2}x, rules {rules_peak:.2}x, report {report_peak:.2}x"
    );
}

/// Per-MB time and peak of the largest size against those of 10 MB.
fn growth(rows: &[Row]) {
    let per_mb = |r: &Row| r.analysis_ms / (r.bytes as f64 / 1e6);
    let (Some(ten), Some(big)) = (
        rows.iter().find(|r| r.mb == 10.0),
        rows.iter().max_by(|a, b| a.mb.total_cmp(&b.mb)),
    ) else {
        return;
    };
    if big.mb <= ten.mb {
        return;
    }
    println!(
        "per MB: {:.1} ms at {} MB, {:.1} ms at 10 MB: {:.2}x; peak/input {:.2}x vs {:.2}x",
        per_mb(big),
        big.mb,
        per_mb(ten),
        per_mb(big) / per_mb(ten),
        big.analysis_peak as f64 / big.bytes as f64,
        ten.analysis_peak as f64 / ten.bytes as f64
    );
}
