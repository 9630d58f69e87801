//! SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps …).
//!
//! - One run; `tool.driver` is this tool (`informationUri` is left out: the
//!   report points at nothing online). `rules[]` holds every rule of the
//!   report (id = code, name, shortDescription = title, help = the fix as
//!   text and Markdown, `defaultConfiguration.level` from the severity:
//!   critical/high → `error`, medium → `warning`, low/info → `note`;
//!   `properties.tags`: `security`, `email`, the area, and each control the
//!   rule maps to, `CIS-9.5`, `NIST-SI-8`, `-partial` appended when partial).
//! - `results[]`: one per finding. Its locations are its evidence: the file
//!   (`artifactLocation.uri`, a relative reference, percent-encoded; an
//!   absolute path becomes a `file://` URI) and the JSON path as a logical
//!   location (`kind: "member"`), with the value seen as the location's
//!   message. `partialFingerprints["findingKey/v1"]` is the finding's key.
//! - `artifacts[]`: the input files with their size and SHA-256
//!   (`hashes["sha-256"]`), the run's properties the rule catalog's version
//!   and fingerprint (provenance, see [`crate::report::provenance`]), and
//!   the attack-path section as `attackPaths` (the JSON report's shape);
//!   a finding that opens attack paths lists them in its properties'
//!   `attackPaths`.
//! - An accepted finding carries `suppressions: [{kind: "external",
//!   status: "accepted", justification: reason}]` (owner and expiry in its
//!   properties); an expired acceptance is not a suppression.

use std::borrow::Cow;

use serde::Serialize;

use super::ExportOptions;
use crate::report::{FindingState, Report};
use crate::rules::Severity;

/// The SARIF 2.1.0 JSON schema, written as the log's `$schema`.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
/// The SARIF version written in the log.
pub const VERSION: &str = "2.1.0";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// The input files, with their size and SHA-256 (provenance).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    artifacts: Vec<InputArtifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    analysis_date: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    catalog_version: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    catalog_fingerprint: &'a str,
    score: Option<u32>,
    grade: Option<crate::report::score::Grade>,
    /// The attack-path section, as in the JSON report.
    #[serde(skip_serializing_if = "not_evaluated")]
    attack_paths: &'a crate::explain::scenarios::AttackPaths,
}

fn not_evaluated(p: &&crate::explain::scenarios::AttackPaths) -> bool {
    !p.evaluated
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    help: Help,
    default_configuration: Config,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Config {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    area: &'static str,
    severity: &'static str,
    /// GitHub's 0–10 scale (critical ≥ 9, high ≥ 7, medium ≥ 4).
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    tags: Vec<Cow<'a, str>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location<'a>>,
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical,
    logical_locations: Vec<Logical<'a>>,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
}

/// An input file: SARIF's `artifact` with `length` and `hashes`.
#[derive(Serialize)]
struct InputArtifact {
    location: Artifact,
    length: u64,
    roles: [&'static str; 1],
    hashes: Hashes,
}

#[derive(Serialize)]
struct Hashes {
    #[serde(rename = "sha-256")]
    sha256: String,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Logical<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "findingKey/v1")]
    finding_key: &'a str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
    properties: SuppressionProperties<'a>,
}

#[derive(Serialize)]
struct SuppressionProperties<'a> {
    owner: &'a str,
    expires: &'a str,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    object: &'a str,
    confidence: &'static str,
    state: &'static str,
    /// The attack paths the finding opens ("opens attack path SC2 on
    /// example.com").
    #[serde(rename = "attackPaths", skip_serializing_if = "Vec::is_empty")]
    attack_paths: Vec<&'a str>,
}

/// SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// The report as a SARIF 2.1.0 log.
pub fn render(report: &Report, opts: &ExportOptions) -> String {
    let (r, _) = super::prepare(report, opts);
    let r = r.as_ref();
    let ordered = super::ordered_flat(r);
    let rules: Vec<Rule> = ordered
        .iter()
        .map(|x| Rule {
            id: &x.code,
            name: &x.name,
            short_description: Text {
                text: x.title.clone(),
            },
            help: Help {
                text: crate::doc::plain(&x.fix),
                markdown: x.fix.clone(),
            },
            default_configuration: Config {
                level: level(x.severity),
            },
            properties: RuleProperties {
                area: x.area.as_str(),
                severity: x.severity.as_str(),
                security_severity: security_severity(x.severity),
                tags: ["security", "email", x.area.as_str()]
                    .into_iter()
                    .map(Cow::Borrowed)
                    .chain(x.controls.iter().map(|c| Cow::Owned(control_tag(c))))
                    .collect(),
            },
        })
        .collect();
    let mut results = Vec::new();
    for (index, x) in ordered.iter().enumerate() {
        for f in &x.findings {
            let suppressions = match (&f.acceptance, f.state) {
                (Some(a), FindingState::Accepted) => vec![Suppression {
                    kind: "external",
                    status: "accepted",
                    justification: &a.reason,
                    properties: SuppressionProperties {
                        owner: &a.owner,
                        expires: &a.expires,
                    },
                }],
                _ => vec![],
            };
            results.push(SarifResult {
                rule_id: &x.code,
                rule_index: index,
                level: level(f.severity),
                message: Text {
                    text: f.message.clone(),
                },
                locations: f
                    .evidence
                    .iter()
                    .map(|e| Location {
                        physical_location: Physical {
                            artifact_location: Artifact { uri: uri(&e.file) },
                        },
                        logical_locations: vec![Logical {
                            fully_qualified_name: &e.path,
                            kind: "member",
                        }],
                        message: Text {
                            text: e.value.clone(),
                        },
                    })
                    .collect(),
                partial_fingerprints: Fingerprints {
                    finding_key: &f.key,
                },
                suppressions,
                properties: ResultProperties {
                    object: &f.object,
                    confidence: super::confidence_str(f.confidence),
                    state: super::state_str(f.state),
                    attack_paths: r
                        .attack_paths
                        .opened_by(&f.key)
                        .iter()
                        .map(|l| l.text.as_str())
                        .collect(),
                },
            });
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "mimecast-audit",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            artifacts: r
                .provenance
                .files
                .iter()
                .map(|f| InputArtifact {
                    location: Artifact { uri: uri(&f.name) },
                    length: f.bytes,
                    roles: ["analysisTarget"],
                    hashes: Hashes {
                        sha256: f.sha256.clone(),
                    },
                })
                .collect(),
            results,
            column_kind: "unicodeCodePoints",
            properties: RunProperties {
                analysis_date: &r.analysis_date,
                catalog_version: &r.provenance.catalog_version,
                catalog_fingerprint: &r.provenance.catalog_fingerprint,
                score: r.score.overall,
                grade: r.score.grade,
                attack_paths: &r.attack_paths,
            },
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("a SARIF log always serialises");
    s.push('\n');
    s
}

/// A control as a tag: `CIS-9.5`, `NIST-SI-8`, with `-partial` when the
/// rule checks only part of it.
fn control_tag(c: &crate::rules::controls::ControlReport) -> String {
    let tag = format!("{}-{}", c.framework.prefix(), c.id);
    if c.partial {
        format!("{tag}-partial")
    } else {
        tag
    }
}

/// A file name as a URI reference: relative names stay relative (`\`
/// becomes `/`), absolute paths become `file://` URIs; everything but
/// unreserved characters and `/` is percent-encoded (UTF-8).
pub fn uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let windows_drive =
        path.len() >= 3 && path.as_bytes()[0].is_ascii_alphabetic() && &path[1..3] == ":/";
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path.as_str())
    } else if windows_drive {
        ("file:///", path.as_str())
    } else {
        ("", path.as_str())
    };
    let mut out = String::from(prefix);
    for (i, b) in rest.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (windows_drive && i == 1 && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(
            uri("pitfall-tenant.bundle.json"),
            "pitfall-tenant.bundle.json"
        );
        assert_eq!(
            uri("my exports/anti spoofing.json"),
            "my%20exports/anti%20spoofing.json"
        );
        assert_eq!(uri("a#b?c%d:e.json"), "a%23b%3Fc%25d%3Ae.json");
        assert_eq!(uri("export.zip/ü.json"), "export.zip/%C3%BC.json");
        assert_eq!(
            uri("/srv/exports/x y.json"),
            "file:///srv/exports/x%20y.json"
        );
        assert_eq!(uri("C:\\audit\\a.json"), "file:///C:/audit/a.json");
    }

    #[test]
    fn levels_follow_severity() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Low), "note");
        assert_eq!(level(Severity::Info), "note");
    }
}
