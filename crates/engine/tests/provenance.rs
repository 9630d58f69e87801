//! Provenance (issue 14, item 5): every report and every export names the
//! tool, the rule catalog, the analysis date and each input file with its
//! SHA-256; a redacted export keeps the hashes but not the names.

use engine::export::{self, ExportOptions, Format};
use engine::report::provenance::{sha256_hex, CATALOG_VERSION};
use engine::{analyze, InputFile, Report};

use crate::util::{at, root, zip_of};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures").join(path)).unwrap()
}

fn inputs() -> Vec<InputFile> {
    let zip = zip_of(&[
        ("in/spf-bypass.json", &fixture("e2e/spf-bypass.json")),
        (
            "in/internal-domains.json",
            &fixture("e2e/internal-domains.json"),
        ),
    ]);
    vec![
        InputFile::new("customer-exports.zip", zip),
        InputFile::new("anti-spoofing.json", fixture("e2e/anti-spoofing.json")),
    ]
}

fn report() -> (Vec<InputFile>, Report) {
    let files = inputs();
    let r = analyze(&files, &at());
    (files, r)
}

#[test]
fn each_file_as_given_is_listed_with_its_size_and_sha256() {
    let (files, r) = report();
    let p = &r.provenance;
    assert_eq!(p.tool, "mimecast-audit");
    assert_eq!(p.tool_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(p.catalog_version, CATALOG_VERSION);
    assert_eq!(p.rules, r.results.len());
    assert_eq!(p.analysis_date, r.analysis_date);
    // The zip is one file (the one the user holds); its entries are inputs.
    let names: Vec<&str> = p.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["customer-exports.zip", "anti-spoofing.json"]);
    assert_eq!(r.inputs.len(), 3);
    for (f, given) in p.files.iter().zip(&files) {
        assert_eq!(f.bytes, given.bytes.len() as u64);
        assert_eq!(f.sha256, sha256_hex(&given.bytes));
        assert_eq!(f.sha256.len(), 64);
    }
    // One byte more is another file.
    let mut changed = inputs();
    changed[1].bytes.push(b'\n');
    let other = analyze(&changed, &at());
    assert_eq!(other.provenance.files[0], p.files[0]);
    assert_ne!(other.provenance.files[1].sha256, p.files[1].sha256);
}

#[test]
fn every_export_format_carries_the_provenance() {
    let (_, r) = report();
    let p = &r.provenance;
    let opts = ExportOptions::default();
    for format in Format::ALL {
        let out = export::render(format, &r, &opts);
        for f in &p.files {
            assert!(out.contains(&f.sha256), "{format:?} lacks {}", f.name);
            assert!(out.contains(&f.name), "{format:?} lacks {}", f.name);
        }
        assert!(out.contains(&p.catalog_fingerprint), "{format:?}");
        assert!(out.contains(CATALOG_VERSION), "{format:?}");
    }
    // The JSON report reads back with the same provenance.
    let json = export::render(Format::Json, &r, &opts);
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(&back.provenance, p);
    // SARIF: the files are the run's artifacts, with SARIF's hash name.
    let sarif: serde_json::Value =
        serde_json::from_str(&export::render(Format::Sarif, &r, &opts)).unwrap();
    let artifacts = sarif["runs"][0]["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), p.files.len());
    assert_eq!(
        artifacts[1]["hashes"]["sha-256"],
        p.files[1].sha256.as_str()
    );
    assert_eq!(artifacts[1]["length"], p.files[1].bytes);
    assert_eq!(artifacts[0]["location"]["uri"], "customer-exports.zip");
}

#[test]
fn a_redacted_export_keeps_the_hashes_but_not_the_file_names() {
    let (_, r) = report();
    let opts = ExportOptions {
        redact: true,
        ..ExportOptions::default()
    };
    for format in Format::ALL {
        let out = export::render(format, &r, &opts);
        for f in &r.provenance.files {
            assert!(out.contains(&f.sha256), "{format:?} lost a hash");
            assert!(!out.contains(&f.name), "{format:?} names {}", f.name);
        }
    }
    let json = export::render(Format::Json, &r, &opts);
    let back: Report = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = back
        .provenance
        .files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("file-")), "{names:?}");
    assert_ne!(names[0], names[1]);
}

#[test]
fn a_report_saved_before_provenance_reads_and_exports_without_it() {
    let (_, r) = report();
    let mut json: serde_json::Value =
        serde_json::from_str(&export::render(Format::Json, &r, &ExportOptions::default())).unwrap();
    json.as_object_mut().unwrap().remove("provenance");
    let old: Report = serde_json::from_value(json).unwrap();
    assert!(old.provenance.files.is_empty());
    let text = export::render(Format::Text, &old, &ExportOptions::default());
    assert!(!text.contains("Provenance"));
    assert!(text.contains(&r.analysis_date));
}
