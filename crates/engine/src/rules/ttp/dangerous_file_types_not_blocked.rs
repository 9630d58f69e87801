use super::data::CORE_DANGEROUS_TYPES;
use super::{empty_section_evidence, in_force_inbound, missing_of, policy_evidence};
use crate::model::{AttachmentManagementDefinition, Config, Policy, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::definition_of;

declare_rule! {
    /// Dangerous file types are not blocked for inbound mail.
    ///
    /// ## Why it matters
    ///
    /// Executables, scripts, shortcuts, macro-enabled Office files and disk
    /// images are how most mail-borne malware starts. Mimecast blocks them
    /// through an Attachment Management policy whose Attachment Set blocks
    /// the Dangerous File Types list. With no such policy for inbound mail,
    /// with an *Allow* set that does not keep the dangerous types blocked,
    /// or with core types taken off the list, they reach users.
    ///
    /// ## What triggers it
    ///
    /// Attachment Management definitions and policies were collected, and
    /// one finding is raised for each of these causes:
    ///
    /// 1. no Attachment Management policy is enabled, inside its validity
    ///    window and applied from Everyone or External Addresses to Everyone
    ///    or Internal Addresses (either way round when bi-directional);
    /// 2. such a policy uses an Attachment Set that allows specified types
    ///    (blocking the rest) without the option that still blocks the
    ///    Dangerous File Types list;
    /// 3. a core dangerous type (`exe`, `js`, `lnk`, `iso`, `docm` …) was
    ///    removed from the Dangerous File Types list — judged when that list
    ///    was recorded; otherwise the finding says it was not collected.
    ///
    /// ## How to fix it
    ///
    /// Keep the default Attachment Set, which blocks the Dangerous File Types,
    /// on an Attachment Management policy from Everyone to Internal
    /// Addresses. In an *Allow* set, tick the option that blocks the
    /// dangerous file types anyway. Put removed core types back on the
    /// Dangerous File Types list.
    ///
    /// Console: **Policies > Gateway Policies > Attachment Management**
    /// (sets under Policies > Gateway Policies > Definitions > Attachment
    /// Sets).
    pub struct DangerousFileTypesNotBlocked {
        code: "TTP004",
        name: "dangerous-file-types-not-blocked",
        area: Area::ThreatProtection,
        severity: Severity::High,
        reads: &[
            Section::AttachmentManagementDefinitions,
            Section::AttachmentManagementPolicies,
            Section::DangerousFileTypes,
        ],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Attachment Management",
        controls: &[Control::cis("9.6"), Control::nist("SI-3")],
    }
}

const REQUIRED: &[Section] = &[
    Section::AttachmentManagementDefinitions,
    Section::AttachmentManagementPolicies,
];

/// An *Allow* set that does not keep the dangerous types blocked.
fn allows_dangerous(d: &AttachmentManagementDefinition) -> bool {
    d.default_action.as_deref() == Some("allow_specified")
        && d.block_dangerous_file_types != Some(true)
}

fn not_collected(ctx: &Ctx) -> Option<Evidence> {
    if ctx.cfg.has(Section::DangerousFileTypes) {
        return None;
    }
    let file = ctx
        .cfg
        .sections
        .get(&Section::AttachmentManagementPolicies)?
        .sources
        .first()?
        .clone();
    Some(Evidence {
        file,
        path: Section::DangerousFileTypes.key().into(),
        value: "removed types not collected: the Dangerous File Types list was not judged".into(),
    })
}

impl Rule for DangerousFileTypesNotBlocked {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The removed Dangerous File Types are optional: the rule is not
    /// assessed only when a required section is absent (and then names
    /// every section worth collecting).
    fn missing(&self, cfg: &Config) -> Vec<Section> {
        if missing_of(cfg, REQUIRED).is_empty() {
            Vec::new()
        } else {
            missing_of(cfg, Self::META.reads)
        }
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let policies = cfg.policies(Section::AttachmentManagementPolicies);
        let mut out = Vec::new();
        let mut inbound: Vec<&Policy> = Vec::new();
        let mut why_not = Vec::new();
        for p in policies {
            match in_force_inbound(p, ctx) {
                Ok(()) => inbound.push(p),
                Err(why) => why_not.push(policy_evidence(p, why)),
            }
        }
        if inbound.is_empty() {
            let mut evidence = why_not;
            evidence.truncate(12);
            if policies.is_empty() {
                evidence.extend(empty_section_evidence(
                    cfg,
                    Section::AttachmentManagementPolicies,
                    "no Attachment Management policies",
                ));
            }
            evidence.extend(not_collected(ctx));
            out.push(Finding {
                severity: Self::META.severity,
                message: "No Attachment Management policy applies to all inbound mail, so dangerous file types are not blocked for it.".into(),
                object: Subject::section(Section::AttachmentManagementPolicies),
                confidence: Confidence::High,
                evidence,
            });
        }
        let mut allowing = Vec::new();
        for p in &inbound {
            if let Some(d) = definition_of(p, &cfg.attachment_management_definitions) {
                if allows_dangerous(d) {
                    allowing.push(policy_evidence(
                        p,
                        format!(
                            "uses Attachment Set {} ({}): default action allow_specified, block dangerous file types {}",
                            d.id,
                            if d.description.is_empty() { "no description" } else { &d.description },
                            match d.block_dangerous_file_types {
                                Some(b) => b.to_string(),
                                None => "not set".into(),
                            }
                        ),
                    ));
                }
            }
        }
        if !allowing.is_empty() {
            allowing.extend(not_collected(ctx));
            out.push(Finding {
                severity: Self::META.severity,
                message: "An inbound Attachment Management policy uses an Allow attachment set that does not keep the Dangerous File Types blocked.".into(),
                object: Subject::section(Section::AttachmentManagementDefinitions),
                confidence: Confidence::High,
                evidence: allowing,
            });
        }
        if let Some(dft) = &cfg.dangerous_file_types {
            let core: Vec<&str> = dft
                .removed
                .iter()
                .map(String::as_str)
                .filter(|t| CORE_DANGEROUS_TYPES.contains(t))
                .collect();
            if !core.is_empty() {
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "Core dangerous file types were removed from the Dangerous File Types list: {}.",
                        core.join(", ")
                    ),
                    object: Subject::section(Section::DangerousFileTypes),
                    confidence: Confidence::High,
                    evidence: vec![Evidence::at(
                        &dft.origin,
                        if dft.origin.path.is_empty() {
                            "removed".into()
                        } else {
                            dft.origin.field("removed")
                        },
                        format!(
                            "removed: {} (core types among them: {})",
                            dft.removed.join(", "),
                            core.join(", ")
                        ),
                    )],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("TTP004");
    }

    #[test]
    fn removed_types_alone_are_not_judged() {
        assert_eq!(
            outcome_in("TTP004", r#""dangerousFileTypes":{"removed":["exe"]}"#),
            Outcome::NotAssessed(vec![
                Section::AttachmentManagementDefinitions,
                Section::AttachmentManagementPolicies
            ])
        );
        assert_eq!(
            outcome_in("TTP004", r#""attachmentManagementPolicies":[]"#),
            Outcome::NotAssessed(vec![
                Section::AttachmentManagementDefinitions,
                Section::DangerousFileTypes
            ])
        );
    }
}
