use crate::model::{PolicyOption, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{describe_scope, is_effective};

declare_rule! {
    /// A *Take No Action* anti-spoofing policy has no IP or hostname condition.
    ///
    /// ## Why it matters
    ///
    /// *Take No Action* is meant as a narrow exception: "do not apply
    /// anti-spoofing to mail from these addresses". Without Source IP Ranges
    /// or Hostnames it is not an exception any more — it switches
    /// anti-spoofing off for everything in its scope, so anyone on the
    /// internet can send mail that claims to be from those senders.
    ///
    /// ## What triggers it
    ///
    /// An anti-spoofing policy that is enabled, inside its validity window,
    /// set to `no_action`, and has neither `sourceIPs` nor `hostnames`. The
    /// finding shows the policy's scope, i.e. whose mail is now unprotected.
    ///
    /// ## How to fix it
    ///
    /// Add the exact source IP ranges (or hostnames) of the system that needs
    /// the exception, or delete the policy if nobody can say what it is for.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing**, open the
    /// policy; Source IP Ranges and Hostname(s) are under Validity.
    pub struct AntiSpoofingUnconditionalNoAction {
        code: "ASP004",
        name: "anti-spoofing-unconditional-no-action",
        area: Area::AntiSpoofing,
        severity: Severity::Critical,
        reads: &[Section::AntiSpoofingPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Anti-Spoofing",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8"), Control::nist("SC-7")],
    }
}

impl Rule for AntiSpoofingUnconditionalNoAction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        ctx.cfg
            .policies(Section::AntiSpoofingPolicies)
            .iter()
            .filter(|p| p.option == PolicyOption::NoAction && is_effective(p, ctx.at))
            .filter(|p| p.source_ips.is_empty() && p.hostnames.is_empty())
            .map(|p| {
                let scope = describe_scope(p, ctx.cfg);
                let o = &p.origin;
                Finding {
                    severity: Self::META.severity,
                    message: format!("Anti-spoofing policy {} takes no action with no IP or hostname condition, so anti-spoofing is off for all mail {scope}.", p.label()),
                    object: Subject::policy(Section::AntiSpoofingPolicies, p),
                    confidence: Confidence::High,
                    evidence: vec![
                        Evidence::at(o, o.field("option"), "no_action"),
                        Evidence::at(o, o.field("from"), scope),
                        Evidence::at(o, o.condition_list("sourceIPs"), "(none)"),
                        Evidence::at(o, o.condition_list("hostnames"), "(none)"),
                    ],
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("ASP004");
    }
}
