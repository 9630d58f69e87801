use super::{loaded_policy_sections, missing_unless_any_policy_section, policy_name};
use crate::model::{Config, Policy, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, Inactive};

declare_rule! {
    /// A policy's validity window has ended.
    ///
    /// ## Why it matters
    ///
    /// A policy whose date range is over no longer does anything, but it
    /// still sits in the policy list looking like live configuration.
    /// Reviewers have to work out each time that it is dead, and someone
    /// may extend the date later without knowing why it was time-limited in
    /// the first place — reviving an exception that was meant to be
    /// temporary.
    ///
    /// ## What triggers it
    ///
    /// A policy in any loaded policy section whose end date (`toDate` or
    /// `toDateTime`, when it is not eternal) lies before the analysis date.
    /// Disabled policies count too, and the message says when a policy is
    /// also disabled. One finding per policy, with its end date.
    ///
    /// This rule reads every policy section that was loaded; a pass covers
    /// only those sections (the report lists which were loaded). It is not
    /// assessed only when no policy section at all was loaded.
    ///
    /// ## How to fix it
    ///
    /// Delete the expired policy. If the exception is still needed, do not
    /// just move the end date: check with its owner why it exists, narrow it
    /// if you can, give it a new end date and record the reason in the
    /// Policy Narrative.
    ///
    /// Console: **Policies > Gateway Policies**, open the policy type, then
    /// the policy; its Date Range is in the Validity section.
    pub struct PolicyExpired {
        code: "POL002",
        name: "policy-expired",
        area: Area::PolicyHygiene,
        severity: Severity::Info,
        reads: &[Section::AntiSpoofingPolicies, Section::AntiSpoofingBypassPolicies, Section::PermittedSenderPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies",
        controls: &[Control::cis("4.1"), Control::nist_partial("CM-6")],
    }
}

/// The end date when the window is over, and whether it is also disabled.
fn expired(p: &Policy, ctx: &Ctx) -> Option<(chrono::DateTime<chrono::Utc>, bool)> {
    match activity(p, ctx.at) {
        Err(Inactive::Expired(d)) => Some((d, false)),
        Err(Inactive::Disabled) => match activity(
            &Policy {
                enabled: true,
                ..p.clone()
            },
            ctx.at,
        ) {
            Err(Inactive::Expired(d)) => Some((d, true)),
            _ => None,
        },
        _ => None,
    }
}

impl Rule for PolicyExpired {
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
                let Some((end, disabled)) = expired(p, ctx) else {
                    continue;
                };
                let date = end.format("%Y-%m-%d").to_string();
                let also = if disabled {
                    " It is also disabled."
                } else {
                    ""
                };
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!("{} expired on {date} and no longer applies; it is dead configuration.{also}", policy_name(section, p)),
                    object: Subject::policy(section, p),
                    confidence: Confidence::High,
                    evidence: vec![Evidence::at(&p.origin, p.origin.path.clone(), format!("valid until {date}"))],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("POL002");
    }
}
