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
            reads: $reads:expr,
            version: $version:literal,
            effort: $effort:expr,
            console: $console:literal,
            controls: $controls:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            /// The rule's declaration.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rname,
                area: $area,
                severity: $sev,
                reads: $reads,
                version: $version,
                effort: $effort,
                console: $console,
                controls: $controls,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub mod asp;
pub mod controls;
pub mod dns;
pub mod imp;
pub mod pol;
pub mod psn;
pub mod rem;
pub mod search;
pub mod spm;
mod subject;
// Wave 2, group A: modules below (gwy).
pub mod gwy;

// Wave 2, group B: modules below (out, gry, adr, jrn).
pub mod adr;
pub mod gry;
pub mod jrn;
pub mod out;

// Wave 2, group C: modules below (ttp).
pub mod ttp;

// Wave 2, group D: modules below (adm).
pub mod adm;

pub use subject::Subject;

#[cfg(test)]
pub mod testing;

/// Severity scale, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Critical (weighs 10 in the score).
    Critical,
    /// High (weighs 6 in the score).
    High,
    /// Medium (weighs 3 in the score).
    Medium,
    /// Low (weighs 1 in the score).
    Low,
    /// Informational (weighs nothing in the score).
    Info,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The severity named `s` (`critical` … `info`), if any.
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// `critical`, `high`, `medium`, `low` or `info`, as in the JSON.
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
    /// Anti-spoofing (ASP rules).
    #[serde(rename = "anti-spoofing")]
    AntiSpoofing,
    /// Impersonation Protect (IMP rules).
    #[serde(rename = "impersonation")]
    Impersonation,
    /// Threat Remediation, Sync & Recover and Continuity (TRM, SRC, CON rules).
    #[serde(rename = "remediation-continuity")]
    RemediationContinuity,
    /// Permitted senders (PSN rules).
    #[serde(rename = "permitted-senders")]
    PermittedSenders,
    /// DNS authentication, inbound (DNS rules).
    #[serde(rename = "dns-authentication")]
    DnsAuthentication,
    /// Spam scanning (SPM rules).
    #[serde(rename = "spam-scanning")]
    SpamScanning,
    /// Policy hygiene (POL rules).
    #[serde(rename = "policy-hygiene")]
    PolicyHygiene,
    /// Mail routing and the Microsoft 365 side (GWY rules).
    #[serde(rename = "mail-routing")]
    MailRouting,
    /// Outbound authentication: DKIM signing (OUT rules).
    #[serde(rename = "outbound-authentication")]
    OutboundAuthentication,
    /// URL and Attachment Protect, attachments, managed URLs (TTP rules).
    #[serde(rename = "threat-protection")]
    ThreatProtection,
    /// Administrator and API access (ADM rules).
    #[serde(rename = "administration")]
    Administration,
    /// Greylisting, address alteration and journaling (GRY, ADR, JRN rules).
    #[serde(rename = "gateway-services")]
    GatewayServices,
}

impl Area {
    /// Every area, in report order.
    pub const ALL: [Area; 12] = [
        Area::AntiSpoofing,
        Area::Impersonation,
        Area::RemediationContinuity,
        Area::PermittedSenders,
        Area::DnsAuthentication,
        Area::SpamScanning,
        Area::PolicyHygiene,
        Area::MailRouting,
        Area::OutboundAuthentication,
        Area::ThreatProtection,
        Area::Administration,
        Area::GatewayServices,
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
            Area::MailRouting => "mail-routing",
            Area::OutboundAuthentication => "outbound-authentication",
            Area::ThreatProtection => "threat-protection",
            Area::Administration => "administration",
            Area::GatewayServices => "gateway-services",
        }
    }

    /// The area's title for people, e.g. "Impersonation Protect".
    pub fn title(self) -> &'static str {
        match self {
            Area::AntiSpoofing => "Anti-spoofing",
            Area::Impersonation => "Impersonation Protect",
            Area::RemediationContinuity => "Remediation, Sync & Recover, Continuity",
            Area::PermittedSenders => "Permitted senders",
            Area::DnsAuthentication => "DNS authentication (inbound)",
            Area::SpamScanning => "Spam scanning",
            Area::PolicyHygiene => "Policy hygiene",
            Area::MailRouting => "Mail routing and Microsoft 365",
            Area::OutboundAuthentication => "Outbound authentication (DKIM)",
            Area::ThreatProtection => "URL, attachment and file protection",
            Area::Administration => "Administration security",
            Area::GatewayServices => "Greylisting, address alteration, journaling",
        }
    }
}

/// A rough estimate of the work a rule's fix takes; `Low` sorts first.
///
/// - low: one setting or one policy changed in the console, no one else
///   involved;
/// - medium: a policy reworked after finding out what depends on it (a
///   vendor's IPs, the senders really needed), then watching held mail for a
///   few days;
/// - high: a small project: DNS changes rolled out over weeks, or new
///   connectors and monitors for a mail platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effort {
    /// One setting or policy, no one else involved.
    Low,
    /// A policy reworked after finding out what depends on it.
    Medium,
    /// A small project (DNS roll-out, new connectors or monitors).
    High,
}

impl Effort {
    /// `low`, `medium` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

/// What a rule declares about itself: every per-rule fact lives here, in
/// the rule's own file, and nowhere else.
#[derive(Debug)]
pub struct RuleMeta {
    /// `ASP001`: area plus three digits, never reused.
    pub code: &'static str,
    /// `spf-bypass-shared-provider`: kebab-case, names the pitfall.
    pub name: &'static str,
    /// The audit area the rule belongs to.
    pub area: Area,
    /// Default severity of its findings.
    pub severity: Severity,
    /// Sections the rule needs; any one missing → not assessed.
    pub reads: &'static [Section],
    /// Version of the rule's meaning. Raised when what the rule flags
    /// changes, so risks accepted under the old meaning are not silently
    /// carried over (finding keys carry it, see [`finding_key`]).
    pub version: u32,
    /// How much work the fix takes.
    pub effort: Effort,
    /// Where the fix is made in the Administration Console (empty when it
    /// is made outside the console, e.g. in DNS).
    pub console: &'static str,
    /// The CIS v8 safeguards and NIST 800-53 controls the rule checks.
    pub controls: &'static [controls::Control],
    /// The documentation (Markdown), from the rule's doc comment.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation, parsed into its headed sections.
    pub fn doc(&self) -> super::doc::RuleDoc {
        super::doc::RuleDoc::parse(self.doc)
    }
}

/// The key of a finding: `CODE:object` for version 1 of a rule, and
/// `CODE@N:object` from version 2 on, so that a finding of a changed rule
/// does not inherit risks accepted under its old meaning. Unique within a
/// report (the report numbers repeats of one object, see
/// [`crate::report`]); never a list position, never empty.
pub fn finding_key(meta: &RuleMeta, object: &Subject) -> String {
    key_of(meta.code, meta.version, object.key())
}

/// A finding key from its parts (see [`finding_key`]).
pub fn key_of(code: &str, version: u32, object: &str) -> String {
    if version <= 1 {
        format!("{code}:{object}")
    } else {
        format!("{code}@{version}:{object}")
    }
}

/// The parts of a finding key: code, rule version (1 when not written, as
/// in every key saved before rules had versions) and object.
pub fn parse_key(key: &str) -> Option<(&str, u32, &str)> {
    let (head, object) = key.split_once(':')?;
    match head.split_once('@') {
        Some((code, v)) => Some((code, v.parse().ok()?, object)),
        None => Some((head, 1, object)),
    }
}

/// How sure a finding is of its conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The conclusion follows from the loaded data.
    High,
    /// Likely: the conclusion rests in part on an inference, a value this tool
    /// does not know, or data that was not loaded.
    Medium,
    /// Uncertain: the data says too little to be sure; worth checking by hand.
    Low,
}

/// One place in the loaded input that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The file, as the user gave it (evidence about a whole section may name
    /// several, comma-separated).
    pub file: String,
    /// Where in the file: a JSON path, or a section's key for evidence about a
    /// whole section.
    pub path: String,
    /// What was seen there: the value, or a short description of it.
    pub value: String,
}

impl Evidence {
    /// Evidence in the file of `origin`, at `path`, showing `value`.
    pub fn at(origin: &Origin, path: String, value: impl Into<String>) -> Self {
        Evidence {
            file: origin.file.to_string(),
            path,
            value: value.into(),
        }
    }
}

/// One offending object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How severe this finding is.
    pub severity: Severity,
    /// What was found, for people.
    pub message: String,
    /// The offending object (policy id, domain …): stable across exports.
    pub object: Subject,
    /// How sure the finding is.
    pub confidence: Confidence,
    /// Places in the input that support it.
    pub evidence: Vec<Evidence>,
}

/// What a rule's check sees.
pub struct Ctx<'a> {
    /// The loaded model.
    pub cfg: &'a Config,
    /// The instant policies are judged at.
    pub at: DateTime<Utc>,
    /// The permit entries, computed once for every rule that reads them.
    permits: std::cell::OnceCell<Vec<psn::Entry<'a>>>,
}

impl<'a> Ctx<'a> {
    /// What the rules see of `cfg`, judged at `at`.
    pub fn new(cfg: &'a Config, at: DateTime<Utc>) -> Self {
        Ctx {
            cfg,
            at,
            permits: std::cell::OnceCell::new(),
        }
    }

    /// Every permit entry in force ([`psn::entries`]), computed on first
    /// use and shared by the rules of one run (on a big tenant they are
    /// hundreds of thousands).
    pub fn permit_entries(&self) -> &[psn::Entry<'a>] {
        self.permits.get_or_init(|| psn::entries(self.cfg, self.at))
    }
}

/// A rule: metadata plus a check that only gathers facts into findings.
pub trait Rule: Sync {
    /// The rule's declaration.
    fn meta(&self) -> &'static RuleMeta;
    /// Checks the model and returns the findings; none means a pass. Runs
    /// only when [`Rule::missing`] names no section.
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

    /// Why `section` leaves the rule not assessed although it was
    /// collected (for example, it holds nothing the rule can judge by);
    /// `None` when "not collected" or "incomplete" says it all.
    fn not_assessed_reason(&self, _cfg: &Config, _section: Section) -> Option<String> {
        None
    }
}

/// The sections a rule reads that were loaded incomplete (the API reported
/// a failure for them): a rule that finds nothing in them is not assessed.
/// The policy-hygiene rules read every policy section that was loaded, not
/// only the ones they declare.
pub fn incomplete_reads(rule: &dyn Rule, cfg: &Config) -> Vec<Section> {
    let meta = rule.meta();
    let mut reads = meta.reads.to_vec();
    if meta.area == Area::PolicyHygiene {
        for s in pol::loaded_policy_sections(cfg) {
            if !reads.contains(&s) {
                reads.push(s);
            }
        }
    }
    reads
        .into_iter()
        .filter(|s| cfg.sections.get(s).is_some_and(|st| st.incomplete))
        .collect()
}

/// The three outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Assessed, with findings (never empty).
    Fail(Vec<Finding>),
    /// Assessed, nothing found.
    Pass,
    /// Not assessed: the sections missing for the rule (what to collect),
    /// or loaded incomplete when the rule found nothing in what did load.
    NotAssessed(Vec<Section>),
}

/// One rule's outcome.
#[derive(Debug, Clone)]
pub struct RuleResult {
    /// The rule's declaration.
    pub meta: &'static RuleMeta,
    /// What the rule concluded.
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
            // Wave 2, group A: areas below.
            gwy::RULES,
            // Wave 2, group B: areas below.
            out::RULES,
            gry::RULES,
            adr::RULES,
            jrn::RULES,
            // Wave 2, group C: areas below.
            ttp::RULES,
            // Wave 2, group D: modules below (adm).
            adm::RULES,
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

/// The rule with this code, if any.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().code == code)
}

/// Runs every rule over the model. A rule that finds something fails,
/// also on incomplete data; one that finds nothing passes only when every
/// section it reads was loaded complete, and is otherwise not assessed.
pub fn run_all(cfg: &Config, at: DateTime<Utc>) -> Vec<RuleResult> {
    let ctx = Ctx::new(cfg, at);
    all()
        .iter()
        .map(|rule| {
            let missing = rule.missing(cfg);
            let outcome = if !missing.is_empty() {
                Outcome::NotAssessed(missing)
            } else {
                match rule.check(&ctx) {
                    f if !f.is_empty() => Outcome::Fail(f),
                    _ => match incomplete_reads(*rule, cfg) {
                        incomplete if incomplete.is_empty() => Outcome::Pass,
                        incomplete => Outcome::NotAssessed(incomplete),
                    },
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
mod incomplete_tests;
#[cfg(test)]
mod registry_tests;
