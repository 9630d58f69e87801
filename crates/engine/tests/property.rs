//! Property tests: whatever the bytes, `analyze` answers (no panic) and
//! reports exactly one status for the one input.

use std::io::{Cursor, Write};

use proptest::prelude::*;

use engine::{analyze, InputFile, Options};

/// Field names Mimecast exports (and the bundle) use, so random documents
/// reach past "not a Mimecast export" into the section readers.
const KEYS: &[&str] = &[
    "data",
    "fail",
    "meta",
    "option",
    "policy",
    "from",
    "to",
    "type",
    "spfDomains",
    "sourceIPs",
    "hostnames",
    "domain",
    "emailDomain",
    "definitions",
    "policies",
    "domains",
    "groups",
    "format",
    "version",
    "generatedAt",
    "groupMembers",
    "settings",
    "incidents",
    "conditions",
    "fromDate",
    "toDate",
    "fromEternal",
    "toEternal",
    "enabled",
    "id",
];

/// Strings that mean something to the readers.
const WORDS: &[&str] = &[
    "mimecast-config-bundle",
    "enable_bypass",
    "disable_bypass",
    "apply",
    "no_action",
    "email_domain",
    "internal_addresses",
    "everyone",
    "spf.protection.outlook.com",
    "example.com",
    "10.0.0.0/8",
    "2015-11-16T14:49:18+0000",
    "1900-01-01T00:00:00+0000",
    "2100-01-01T23:59:59+0000",
    "not a date",
    "",
];

/// A local file header, and the end record an empty archive consists of.
const ZIP_SIGNATURES: &[&[u8]] = &[b"PK\x03\x04", b"PK\x05\x06"];

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        prop::sample::select(WORDS).prop_map(|w| format!("{w:?}")),
        "[a-z0-9 .@/_-]{0,12}".prop_map(|s| format!("{s:?}")),
    ]
}

/// Random JSON documents built from Mimecast-like keys and values.
fn json_ish() -> impl Strategy<Value = String> {
    scalar().prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|fields| {
                let body: Vec<String> = fields
                    .into_iter()
                    .map(|(k, v)| format!("{k:?}:{v}"))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

fn analyze_one(bytes: Vec<u8>) {
    let report = analyze(&[InputFile::new("x.json", bytes)], &Options::default());
    assert_eq!(report.inputs.len(), 1, "{:#?}", report.inputs);
    let status = report.inputs[0].status;
    assert_eq!(
        status == engine::report::InputStatus::Error,
        report.inputs[0].error.is_some()
    );
}

/// A small real archive: a JSON file, a folder, a text file and a zip
/// inside, so damage can land in any part of the format.
fn sample_zip() -> Vec<u8> {
    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in entries {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }
    let policy = br#"{"data":[{"option":"enable_bypass","policy":{"from":{"type":"everyone"},"to":{"type":"everyone"},"conditions":{"spfDomains":["spf.protection.outlook.com"]}}}],"fail":[]}"#;
    let inner = zip_of(&[("in/p.json", policy)], zip::CompressionMethod::Stored);
    zip_of(
        &[
            ("p.json", policy),
            ("notes.txt", b"n"),
            ("inner.zip", &inner),
        ],
        zip::CompressionMethod::Deflated,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        analyze_one(bytes);
    }

    #[test]
    fn mimecast_shaped_json_never_panics(doc in json_ish()) {
        analyze_one(doc.into_bytes());
    }

    #[test]
    fn mimecast_shaped_json_cut_anywhere_never_panics(doc in json_ish(), cut in any::<prop::sample::Index>()) {
        let bytes = doc.into_bytes();
        let at = cut.index(bytes.len() + 1);
        analyze_one(bytes[..at].to_vec());
    }

    #[test]
    fn bytes_after_a_zip_signature_never_panic(
        signature in prop::sample::select(ZIP_SIGNATURES),
        rest in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = signature.to_vec();
        bytes.extend(rest);
        analyze_one(bytes);
    }

    #[test]
    fn a_damaged_real_zip_never_panics(
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = sample_zip();
        for (at, value) in damage {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let keep = bytes.len() - cut.index(bytes.len() / 4 + 1);
        bytes.truncate(keep);
        // A readable archive may expand into several inputs; never none.
        let report = analyze(&[InputFile::new("x.zip", bytes)], &Options::default());
        prop_assert!(!report.inputs.is_empty());
        for i in &report.inputs {
            prop_assert_eq!(i.status == engine::report::InputStatus::Error, i.error.is_some());
        }
    }
}
