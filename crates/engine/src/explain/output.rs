//! What the explainer returns (the spec's output section): engine data,
//! serialisable; the app and the CLI render it and compute nothing.
//! Field names are a public contract (camelCase JSON).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The explanation of one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The message after normalisation, defaults filled in.
    pub message: Message,
    /// The instant policies were judged at (RFC 3339, UTC, whole seconds).
    pub analysis_date: String,
    /// Would it reach the inbox, and why.
    pub verdict: Verdict,
    /// Each dimension that alone changes the outcome from the primary one.
    pub deciding_factors: Vec<DecidingFactor>,
    /// How many variants were evaluated, and their outcomes.
    pub variants: Variants,
    /// Assumptions the verdict rests on (content defaults, modelling limits).
    pub assumptions: Vec<String>,
    /// The inferred steps (no Mimecast source states them) the primary
    /// variant relied on, in plain words.
    pub inferred: Vec<Inferred>,
    /// Facts the bundle cannot decide.
    pub unknowns: Vec<Unknown>,
    /// One entry per pipeline step, in order (S0 … END and the steps not
    /// modelled).
    pub steps: Vec<Step>,
}

/// The normalised message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Envelope From, normalised; empty for the null sender.
    pub envelope_from: String,
    /// Header From, normalised.
    pub header_from: String,
    /// Display name as given (trimmed).
    pub header_display_name: String,
    /// The sending IP (an IPv4-mapped IPv6 address as IPv4).
    pub sending_ip: String,
    /// The sending host name, when given.
    pub sending_hostname: Option<String>,
    /// The recipient, normalised.
    pub recipient: String,
    /// When the message arrives (RFC 3339, UTC).
    pub date: String,
    /// Authentication results as given or `derive`.
    pub auth: Auth,
    /// Reply-To, when given.
    pub reply_to: Option<String>,
    /// Spam score of the content.
    pub spam_score: f64,
    /// Impersonation signals (`true`, `false`, `unknown`, `derive`).
    pub signals: BTreeMap<String, String>,
}

/// Authentication results of the message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Auth {
    /// SPF result or `derive`.
    pub spf: String,
    /// DKIM result.
    pub dkim: String,
    /// DKIM signing domain, when DKIM passes.
    pub dkim_domain: Option<String>,
    /// DMARC result or `derive`.
    pub dmarc: String,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// The primary variant's outcome.
    pub outcome: Outcome,
    /// The primary variant's detail.
    pub detail: Detail,
    /// Hold type when held (`admin`, the definition's, `unspecified`).
    pub hold_type: Option<String>,
    /// Over every evaluated variant.
    pub reaches_inbox: Reach,
    /// Definite or depends; partial.
    pub certainty: Certainty,
    /// The outcome to show first: the primary one when definite, else the
    /// most permissive among the variants.
    pub headline: Outcome,
    /// Equal to `outcome`.
    pub primary_outcome: Outcome,
    /// The step (and policy) that decided the primary variant.
    pub decided_by: StepRef,
    /// One sentence: why.
    pub because: String,
    /// For delivered or tagged: the steps whose effect relaxed a check.
    pub opened_by: Vec<StepRef>,
}

/// A verdict outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Rejected or bounced.
    Blocked,
    /// Held (can be released).
    Held,
    /// Delivered with a warning.
    Tagged,
    /// Delivered.
    Delivered,
}

impl Outcome {
    /// The outcome as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Blocked => "blocked",
            Outcome::Held => "held",
            Outcome::Tagged => "tagged",
            Outcome::Delivered => "delivered",
        }
    }
}

/// The detail of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// Refused in protocol.
    Rejected,
    /// Accepted, then bounced (Impersonation Protect).
    Bounced,
    /// Held.
    Held,
    /// Delivered with a tag.
    Tagged,
    /// Delivered.
    Delivered,
}

/// Whether the message reaches the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// In every variant.
    Yes,
    /// In no variant.
    No,
    /// In some variants.
    Maybe,
}

/// How certain the verdict is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Certainty {
    /// `definite` or `depends`.
    pub value: CertaintyValue,
    /// A step read a section that was not (fully) collected, or a scope type
    /// is unknown.
    pub partial: bool,
    /// `partial-enumeration`, `tie-branches-truncated` …
    pub flags: Vec<String>,
}

/// Definite or depends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertaintyValue {
    /// Every evaluated variant has the same outcome.
    Definite,
    /// Variants differ.
    Depends,
}

/// A step, and the policy of it, that a verdict names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRef {
    /// `S0` … `S6`, `END`.
    pub step: String,
    /// The policy (or managed-sender entry), when one.
    pub policy: Option<PolicyRef>,
    /// What it did, in a few words ("SPF-based bypass", "permit").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

/// Where a policy (or a managed-sender entry) is in the input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRef {
    /// Bundle section name (`antiSpoofingPolicies`).
    pub section: String,
    /// Index in the section.
    pub index: usize,
    /// The policy's id (may be empty).
    pub id: String,
    /// How a finding names it ("policy as-apply", the description …).
    pub label: String,
    /// Input file.
    pub file: String,
    /// JSON path in the file.
    pub path: String,
}

/// One dimension that alone changes the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecidingFactor {
    /// `spfAuth(d, ip)`, `model.override`, `tie(S2)` …
    pub factor: String,
    /// The value that changes it (`yes`, `tie-break`, a policy id).
    pub value: String,
    /// The outcome it leads to.
    pub outcome: Outcome,
}

/// The variants evaluated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Variants {
    /// How many.
    pub evaluated: usize,
    /// How many of each outcome.
    pub outcomes: BTreeMap<Outcome, usize>,
}

/// A fact the bundle cannot decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unknown {
    /// The atom, e.g. `groupMember(grp-block, y@bad.example)`.
    pub atom: String,
    /// Why it is unknown.
    pub why: String,
    /// Changing it alone changes the outcome.
    pub deciding: bool,
}

/// An inferred step the verdict relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inferred {
    /// The spec's rule number (`R3.8`, `S4-order` …).
    pub rule: String,
    /// The inference in plain words.
    pub text: String,
}

/// One step of the inbound pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// `S0` … `S6`, `END`, or a name for a step not modelled.
    pub id: String,
    /// `recipientValidation`, `antiSpoofingBypass`, `antiSpoofing`,
    /// `blockedSenders`, `managedBlock`, `permittedSenders`, `managedPermit`,
    /// `autoAllow`, `dnsAuthInbound`, `impersonation`, `spamScanning`, `end`,
    /// or the not-modelled check's name.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its title for people ("Anti-spoofing").
    pub title: String,
    /// What happened to it.
    pub status: StepStatus,
    /// Its effect (`rejected`, `held`, `bypass`, `permit` …), when any.
    pub effect: Option<String>,
    /// One sentence on what it did.
    pub text: String,
    /// Warnings (header-only permit, no anti-spoofing policy reads the sender …).
    pub warnings: Vec<String>,
    /// Every policy (or entry) of the step, with its status.
    pub policies: Vec<PolicyTrace>,
    /// Rule codes whose findings explain this step's outcome (ASP001 …).
    pub findings: Vec<String>,
}

/// What happened to a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Set the verdict (a terminal outcome, or S5's tag).
    Decided,
    /// Evaluated, no terminal effect.
    Passed,
    /// Skipped (anti-spoofing bypassed, Impersonation Protect preconditions).
    Skipped,
    /// After a terminal step.
    NotReached,
    /// A check the explainer does not model.
    NotModelled,
    /// Its section was not collected.
    NotAssessed,
}

/// One policy of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyTrace {
    /// Which policy.
    pub policy: PolicyRef,
    /// Its status for this message.
    pub status: PolicyStatus,
    /// `direct` or `mirrored`, when it matched.
    pub orientation: Option<String>,
    /// Level name of the target tested against the sender.
    pub sender_level: Option<String>,
    /// Level name of the target tested against the recipient.
    pub recipient_level: Option<String>,
    /// `header` or `envelope`: the sender address that matched.
    pub matched_sender: Option<String>,
    /// The first reason.
    pub reason: Reason,
    /// Every failing check, in check order.
    pub all_reasons: Vec<Reason>,
    /// Warnings on this policy (wildcard domain, provider SPF domain …).
    pub warnings: Vec<String>,
    /// Impersonation Protect: identifiers hit and the threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hits: Option<Hits>,
}

/// Impersonation Protect identifiers counted for one policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hits {
    /// Identifiers that hit.
    pub identifiers: Vec<String>,
    /// The definition's threshold.
    pub threshold: u32,
    /// Hits reached the threshold.
    pub triggered: bool,
}

/// A policy's status for one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyStatus {
    /// Applies (single-winner types).
    Winner,
    /// A candidate that another outranked.
    Outranked,
    /// A candidate tied with the winner.
    Tied,
    /// Applies (cumulative types).
    Applies,
    /// Not a candidate: scope or conditions do not match.
    NotMatching,
    /// Disabled or outside its validity window.
    NotEffective,
    /// Candidacy turns on an unknown fact.
    Unknown,
    /// Its step was skipped, or it was bypassed.
    Skipped,
}

/// A reason: a stable code, its parameters, and the text for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// Stable code (`WINNER`, `SENDER_NOT_IN_SCOPE` …).
    pub code: String,
    /// The text.
    pub text: String,
    /// Parameters the text was made from (for tests and other renderers).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}
