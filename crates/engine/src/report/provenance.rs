//! Provenance: which tool, which rule catalog, which date and exactly which
//! input bytes a report rests on, so two people holding two reports can tell
//! whether they looked at the same data with the same rules.
//!
//! Every input file is identified by its name, its size and the SHA-256 of
//! its bytes as given (a zip is hashed as the zip, the file the user holds;
//! its entries are listed one by one under the report's inputs). The hash is
//! the one `sha256sum` prints, so anyone can check it without this tool.
//!
//! The rule catalog has a version ([`CATALOG_VERSION`]) and a fingerprint
//! ([`catalog_fingerprint`]): a hash of every rule's code and version. A
//! test pins the fingerprint, so a catalog change that forgets to raise the
//! version fails the build.

use serde::{Deserialize, Serialize};

pub use crate::input::source::{sha256_hex, SourceFile};
use crate::rules;

/// The version of the rule catalog. Raise it whenever a rule is added or
/// removed, or a rule's version changes (the test of
/// [`catalog_fingerprint`] fails until it is).
pub const CATALOG_VERSION: &str = "2026.2";

/// What a report rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// The tool (`mimecast-audit`).
    pub tool: String,
    /// The tool's version (`0.1.0`).
    pub tool_version: String,
    /// [`CATALOG_VERSION`].
    pub catalog_version: String,
    /// [`catalog_fingerprint`].
    pub catalog_fingerprint: String,
    /// How many rules the catalog holds.
    pub rules: usize,
    /// The instant policies were judged at (as the report's `analysis_date`).
    pub analysis_date: String,
    /// Every input, in loading order.
    pub files: Vec<SourceFile>,
}

impl Provenance {
    /// The provenance of an analysis at `analysis_date` of `files`.
    pub fn new(analysis_date: &str, files: Vec<SourceFile>) -> Provenance {
        Provenance {
            tool: "mimecast-audit".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            catalog_version: CATALOG_VERSION.into(),
            catalog_fingerprint: catalog_fingerprint(),
            rules: rules::all().len(),
            analysis_date: analysis_date.into(),
            files,
        }
    }

    /// One line: tool, version and catalog
    /// (`mimecast-audit 0.1.0, rule catalog 2026.1 (36 rules, sha-…)`). The
    /// date is left to each format (the hand-over shows one human date).
    pub fn summary(&self) -> String {
        format!(
            "{} {}, rule catalog {} ({} rules, {})",
            self.tool,
            self.tool_version,
            self.catalog_version,
            self.rules,
            self.catalog_fingerprint
        )
    }
}

/// `sha-` and the first 12 hex digits of the SHA-256 of every rule's
/// `CODE@version`, in catalog order, one per line.
pub fn catalog_fingerprint() -> String {
    fingerprint(
        rules::all()
            .iter()
            .map(|r| (r.meta().code, r.meta().version)),
    )
}

fn fingerprint<'a>(rules: impl Iterator<Item = (&'a str, u32)>) -> String {
    let list: String = rules.map(|(code, v)| format!("{code}@{v}\n")).collect();
    format!("sha-{}", &sha256_hex(list.as_bytes())[..12])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputFile;

    #[test]
    fn sha256_is_the_one_sha256sum_prints() {
        // Known answers (FIPS 180-2 examples).
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_source_file_carries_name_size_and_hash() {
        let s = SourceFile::of(&InputFile::new("export.json", "abc"));
        assert_eq!(s.name, "export.json");
        assert_eq!(s.bytes, 3);
        assert!(s.sha256.starts_with("ba7816bf"));
    }

    /// When this fails the catalog changed: raise [`CATALOG_VERSION`], then
    /// write the new fingerprint here.
    #[test]
    fn the_catalog_version_is_raised_with_the_catalog() {
        assert_eq!(
            (CATALOG_VERSION, catalog_fingerprint().as_str()),
            ("2026.2", "sha-a3b8218782a8")
        );
    }

    #[test]
    fn the_fingerprint_follows_every_rule_and_its_version() {
        let p = Provenance::new("2026-01-01T00:00:00Z", Vec::new());
        assert_eq!(p.rules, rules::all().len());
        assert!(p.summary().contains(&format!("{} rules", p.rules)));
        assert!(p.summary().contains(&p.catalog_fingerprint));
        let listed: Vec<(&str, u32)> = rules::all()
            .iter()
            .map(|r| (r.meta().code, r.meta().version))
            .collect();
        assert_eq!(fingerprint(listed.iter().copied()), p.catalog_fingerprint);
        // One rule's version raised, one rule left out: both change it.
        let mut raised = listed.clone();
        raised[0].1 += 1;
        assert_ne!(fingerprint(raised.into_iter()), p.catalog_fingerprint);
        assert_ne!(
            fingerprint(listed[1..].iter().copied()),
            p.catalog_fingerprint
        );
    }
}
