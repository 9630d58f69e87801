use super::{
    bypass_kind, loaded_policy_sections, missing_unless_any_policy_section, policy_name,
    unknown_option_note,
};
use crate::model::{Config, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject};

declare_rule! {
    /// A bypass or permit policy does not say why it exists.
    ///
    /// ## Why it matters
    ///
    /// Every bypass or permit is an exception to a protection, and
    /// exceptions are only safe while someone knows what they are for. A
    /// policy with no narrative and no comment cannot be reviewed: nobody
    /// can tell which vendor or incident it was made for, whether that
    /// reason still holds, or whom to ask — so it is never removed.
    ///
    /// ## What triggers it
    ///
    /// A bypass or permit policy whose Policy Narrative (`description`) and
    /// `comment` are both empty. Bypass and permit policies are:
    /// anti-spoofing policies set to *Take No Action* (`no_action`),
    /// SPF-based anti-spoofing bypasses set to `enable_bypass`, permitted
    /// senders policies set to `permit_sender`, and every Impersonation
    /// Protect bypass policy. Disabled and expired policies count too. A
    /// policy whose option this tool does not know is reported with medium
    /// confidence. One finding per policy.
    ///
    /// This rule reads every policy section that was loaded; a pass covers
    /// only those sections (the report lists which were loaded). It is not
    /// assessed only when no policy section at all was loaded.
    ///
    /// ## How to fix it
    ///
    /// Find out who asked for the exception and why, then write it into the
    /// Policy Narrative: the sender or service, the business reason, the
    /// owner and a review or ticket reference. If nobody can say why the
    /// policy exists, disable it and watch for complaints before deleting
    /// it.
    ///
    /// Console: **Policies > Gateway Policies**, open the policy type and
    /// the policy, and fill in Policy Narrative in its Options section.
    pub struct PolicyWithoutNarrative {
        code: "POL003",
        name: "policy-without-narrative",
        area: Area::PolicyHygiene,
        severity: Severity::Low,
        reads: &[
            Section::AntiSpoofingPolicies,
            Section::AntiSpoofingBypassPolicies,
            Section::PermittedSenderPolicies,
            Section::ImpersonationBypassPolicies,
        ],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies",
        controls: &[Control::cis("4.1"), Control::nist_partial("CM-3")],
    }
}

impl Rule for PolicyWithoutNarrative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_unless_any_policy_section(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for section in loaded_policy_sections(ctx.cfg) {
            for p in ctx.cfg.policies(section) {
                let Some((confidence, kind)) = bypass_kind(section, p) else {
                    continue;
                };
                if !p.description.trim().is_empty() || !p.comment.trim().is_empty() {
                    continue;
                }
                let o = &p.origin;
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "{} {} but has no narrative and no comment, so nobody can tell why it exists.{}",
                        policy_name(section, p),
                        kind.effect,
                        unknown_option_note(p, kind)
                    ),
                    object: Subject::policy(section, p),
                    confidence,
                    evidence: vec![Evidence::at(o, o.field("description"), "(empty)"), Evidence::at(o, o.field("comment"), "(empty)")],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::outcome_of;
    use crate::rules::Outcome;
    use crate::InputFile;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("POL003");
    }

    #[test]
    fn a_policy_without_id_or_narrative_is_named_by_what_it_says() {
        let text = r#"{"format":"mimecast-config-bundle","version":1,"permittedSenderPolicies":[
            {"option":"permit_sender","from":{"type":"email_domain","domain":"vendor.example"},"to":{"type":"everyone"}}]}"#;
        let Outcome::Fail(f) = outcome_of(
            "POL003",
            &[InputFile::new("b.json", text.as_bytes().to_vec())],
        ) else {
            panic!("expected a finding")
        };
        // A content id, the same wherever the policy sits in the list; the
        // name earlier versions gave it is kept for saved acceptances.
        assert!(crate::model::identity::is_content_id(f[0].object.key()));
        assert!(f[0].object.legacy().contains(
            &"permittedSenderPolicies permit_sender from email_domain vendor.example to everyone"
                .to_string()
        ));
    }
}
