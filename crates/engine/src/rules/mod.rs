//! The rule catalog: one rule a file, one registry, three outcomes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{Config, Origin, Section};

/// Declares a rule: its doc comment becomes the user documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            area: $area:expr,
            severity: $sev:expr,
            reads: $reads:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rname,
                area: $area,
                severity: $sev,
                reads: $reads,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub mod asp;
pub mod dns;
pub mod imp;
pub mod pol;
pub mod psn;
pub mod rem;
pub mod spm;

#[cfg(test)]
pub mod testing;

/// Severity scale, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

/// The audit areas, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Area {
    #[serde(rename = "anti-spoofing")]
    AntiSpoofing,
    #[serde(rename = "impersonation")]
    Impersonation,
    #[serde(rename = "remediation-continuity")]
    RemediationContinuity,
    #[serde(rename = "permitted-senders")]
    PermittedSenders,
    #[serde(rename = "dns-authentication")]
    DnsAuthentication,
    #[serde(rename = "spam-scanning")]
    SpamScanning,
    #[serde(rename = "policy-hygiene")]
    PolicyHygiene,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::AntiSpoofing,
        Area::Impersonation,
        Area::RemediationContinuity,
        Area::PermittedSenders,
        Area::DnsAuthentication,
        Area::SpamScanning,
        Area::PolicyHygiene,
    ];

    /// The JSON name, e.g. `anti-spoofing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::AntiSpoofing => "anti-spoofing",
            Area::Impersonation => "impersonation",
            Area::RemediationContinuity => "remediation-continuity",
            Area::PermittedSenders => "permitted-senders",
            Area::DnsAuthentication => "dns-authentication",
            Area::SpamScanning => "spam-scanning",
            Area::PolicyHygiene => "policy-hygiene",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Area::AntiSpoofing => "Anti-spoofing",
            Area::Impersonation => "Impersonation Protect",
            Area::RemediationContinuity => "Remediation, Sync & Recover, Continuity",
            Area::PermittedSenders => "Permitted senders",
            Area::DnsAuthentication => "DNS authentication (inbound)",
            Area::SpamScanning => "Spam scanning",
            Area::PolicyHygiene => "Policy hygiene",
        }
    }
}

/// What a rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub area: Area,
    pub severity: Severity,
    /// Sections the rule needs; any one missing → not assessed.
    pub reads: &'static [Section],
    /// The documentation (Markdown), from the rule's doc comment.
    pub doc: &'static str,
}

impl RuleMeta {
    pub fn doc(&self) -> super::doc::RuleDoc {
        super::doc::RuleDoc::parse(self.doc)
    }
}

/// How sure a finding is of its conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// One place in the loaded input that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub file: String,
    pub path: String,
    pub value: String,
}

impl Evidence {
    pub fn at(origin: &Origin, path: String, value: impl Into<String>) -> Self {
        Evidence {
            file: origin.file.clone(),
            path,
            value: value.into(),
        }
    }
}

/// One offending object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// The offending object (policy id, domain …): stable across exports.
    pub object: String,
    pub confidence: Confidence,
    pub evidence: Vec<Evidence>,
}

/// What a rule's check sees.
pub struct Ctx<'a> {
    pub cfg: &'a Config,
    pub at: DateTime<Utc>,
}

/// A rule: metadata plus a check that only gathers facts into findings.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Ctx) -> Vec<Finding>;

    /// Sections the loaded data lacks for this rule.
    fn missing(&self, cfg: &Config) -> Vec<Section> {
        self.meta()
            .reads
            .iter()
            .copied()
            .filter(|s| !cfg.has(*s))
            .collect()
    }
}

/// The three outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Fail(Vec<Finding>),
    Pass,
    NotAssessed(Vec<Section>),
}

/// One rule's outcome.
#[derive(Debug, Clone)]
pub struct RuleResult {
    pub meta: &'static RuleMeta,
    pub outcome: Outcome,
}

/// Every rule, sorted by code (each area module lists its own).
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static dyn Rule> = [
            asp::RULES,
            imp::RULES,
            rem::RULES,
            psn::RULES,
            dns::RULES,
            spm::RULES,
            pol::RULES,
        ]
        .iter()
        .flat_map(|area| area.iter().copied())
        .collect();
        v.sort_by_key(|r| r.meta().code);
        v
    })
}

/// The rules that read `section` (what collecting it unlocks).
pub fn reading(section: Section) -> impl Iterator<Item = &'static dyn Rule> {
    all()
        .iter()
        .copied()
        .filter(move |r| r.meta().reads.contains(&section))
}

pub fn find(code: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().code == code)
}

/// Runs every rule over the model.
pub fn run_all(cfg: &Config, at: DateTime<Utc>) -> Vec<RuleResult> {
    let ctx = Ctx { cfg, at };
    all()
        .iter()
        .map(|rule| {
            let missing = rule.missing(cfg);
            let outcome = if !missing.is_empty() {
                Outcome::NotAssessed(missing)
            } else {
                match rule.check(&ctx) {
                    f if f.is_empty() => Outcome::Pass,
                    f => Outcome::Fail(f),
                }
            };
            RuleResult {
                meta: rule.meta(),
                outcome,
            }
        })
        .collect()
}

#[cfg(test)]
mod registry_tests;
