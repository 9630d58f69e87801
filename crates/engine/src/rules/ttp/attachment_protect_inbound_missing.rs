use super::licence::Feature;
use super::protect::Protect;
use crate::model::{Config, Policy, Section, DELIVERY_OPTIONS};
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Finding, Rule, RuleMeta, Severity};
use crate::scope::definition_of;

declare_rule! {
    /// No Attachment Protect policy sandboxes the attachments of inbound mail.
    ///
    /// ## Why it matters
    ///
    /// Attachment Protect opens attachments in a sandbox, or hands users a
    /// safe converted copy, before the original is released. It is what
    /// stops a new malicious document that no signature knows yet. Like URL
    /// Protect it only acts through a policy routed to inbound mail whose
    /// definition has its inbound settings on and a delivery method chosen.
    ///
    /// ## What triggers it
    ///
    /// Attachment Protect definitions and policies were collected, and no
    /// policy is enabled, inside its validity window, applied from Everyone
    /// or External Addresses to Everyone or Internal Addresses (either way
    /// round when bi-directional), and using a definition with inbound
    /// settings on and a delivery option of Safe File, Safe File with
    /// On-Demand Sandbox, Pre-Emptive Sandbox or Dynamic Configuration. The
    /// finding lists each policy and why it does not count, and what is
    /// known about the licence. When both sections are empty and the
    /// feature is not licensed — the checklist's *Licences* answer says so,
    /// or, unanswered, the account's packages do not name Attachment
    /// Protect — the rule is not assessed instead.
    ///
    /// ## How to fix it
    ///
    /// Create an Attachment Protect policy that selects a definition with
    /// inbound settings on, applied from Everyone to Internal Addresses,
    /// enabled and without an end date. Pre-Emptive Sandbox also covers files
    /// inside archives, which Safe File with On-Demand Sandbox does not
    /// convert.
    ///
    /// Console: **Policies > Gateway Policies > Attachment Protect**
    /// (definitions under Policies > Gateway Policies > Definitions >
    /// Attachment Protection).
    pub struct AttachmentProtectInboundMissing {
        code: "TTP002",
        name: "attachment-protect-inbound-missing",
        area: Area::ThreatProtection,
        severity: Severity::High,
        reads: &[Section::AttachmentProtectDefinitions, Section::AttachmentProtectPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Attachment Protect",
        controls: &[Control::cis("9.7"), Control::cis_partial("10.7"), Control::nist("SI-3")],
    }
}

fn definition_counts(p: &Policy, cfg: &Config) -> Result<(), String> {
    let Some(d) = definition_of(p, &cfg.attachment_protect_definitions) else {
        return Err(match &p.definition_id {
            Some(id) => format!("definition {id} not loaded"),
            None => "no definition selected".into(),
        });
    };
    match (d.inbound_check, d.delivery_option.as_deref()) {
        (Some(true), Some(o)) if DELIVERY_OPTIONS.contains(&o) => Ok(()),
        (Some(true), Some(o)) => Err(format!(
            "definition {} has delivery option \u{201c}{o}\u{201d}, not one this tool knows",
            d.id
        )),
        (Some(true), None) => Err(format!("definition {} has no delivery option", d.id)),
        (Some(false), _) => Err(format!("definition {} has inbound settings off", d.id)),
        (None, _) => Err(format!(
            "definition {} does not say whether its inbound settings are on",
            d.id
        )),
    }
}

const PROTECT: Protect = Protect {
    feature: Feature::AttachmentProtect,
    definitions: Section::AttachmentProtectDefinitions,
    policies: Section::AttachmentProtectPolicies,
    definition_count: |cfg| cfg.attachment_protect_definitions.len(),
    definition_counts,
};

impl Rule for AttachmentProtectInboundMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        PROTECT.missing(cfg, Self::META.reads)
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        PROTECT.not_assessed_reason(cfg)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        PROTECT.check(&Self::META, ctx)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("TTP002");
    }

    #[test]
    fn not_assessed_when_empty_and_not_licensed() {
        let unlicensed = r#""account":{"packages":[{"id":"1001","name":"Email Security Cloud Gateway"},
            "Targeted Threat Protection - URL Protect"]},
            "attachmentProtectDefinitions":[],"attachmentProtectPolicies":[]"#;
        assert_eq!(
            outcome_in("TTP002", unlicensed),
            Outcome::NotAssessed(vec![Section::AttachmentProtectPolicies])
        );
        let licensed = r#""account":{"packages":[{"name":"Targeted Threat Protection - Attachment Protect"}]},
            "attachmentProtectDefinitions":[],"attachmentProtectPolicies":[]"#;
        assert!(matches!(outcome_in("TTP002", licensed), Outcome::Fail(_)));
        assert!(matches!(
            outcome_in("TTP002", r#""attachmentProtectDefinitions":[]"#),
            Outcome::NotAssessed(_)
        ));
    }
}
