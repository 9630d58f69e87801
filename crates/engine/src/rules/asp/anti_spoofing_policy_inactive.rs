use crate::model::Section;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, policy_covers_internal_domain, Coverage};

declare_rule! {
    /// An anti-spoofing policy meant to protect an internal domain is not in force.
    ///
    /// ## Why it matters
    ///
    /// A policy that exists but is disabled, has expired, or has not started
    /// yet looks like protection in the policy list while protecting nothing.
    /// Reviews skim past it; attackers do not. It often comes from a test
    /// that was switched off, or a date range set for a migration and never
    /// made perpetual.
    ///
    /// ## What triggers it
    ///
    /// An anti-spoofing policy set to *Apply Anti-Spoofing* (`apply` or
    /// `apply_non_mimecast`) whose sender scope covers at least one internal
    /// domain, and that is disabled or outside its validity window at the
    /// analysis date. The finding says which: disabled, expired on a date, or
    /// starts on a date. Whether another policy still covers the domain is
    /// judged separately by ASP003.
    ///
    /// ## How to fix it
    ///
    /// Enable the policy and set it to perpetual (*Always On*), or delete it if
    /// another active policy already covers the same domains, so the list
    /// shows only what is really enforced.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing**, open the
    /// policy and check Enable/Disable, *Set policy as perpetual* and Date
    /// Range under Validity.
    pub struct AntiSpoofingPolicyInactive {
        code: "ASP005",
        name: "anti-spoofing-policy-inactive",
        area: Area::AntiSpoofing,
        severity: Severity::Medium,
        reads: &[Section::InternalDomains, Section::AntiSpoofingPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Anti-Spoofing",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8"), Control::nist("CM-6")],
    }
}

impl Rule for AntiSpoofingPolicyInactive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for p in ctx.cfg.policies(Section::AntiSpoofingPolicies) {
            if !p.option.applies_anti_spoofing() {
                continue;
            }
            let Err(why) = activity(p, ctx.at) else {
                continue;
            };
            let covered: Vec<&str> = ctx
                .cfg
                .internal_domains
                .iter()
                .filter(|d| policy_covers_internal_domain(p, &d.domain, ctx.cfg) == Coverage::Yes)
                .map(|d| d.domain.as_str())
                .collect();
            if covered.is_empty() {
                continue;
            }
            let o = &p.origin;
            let why = why.describe();
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "Anti-spoofing policy {} for {} is {why}, so it protects nothing.",
                    p.label(),
                    covered.join(", ")
                ),
                object: Subject::policy(Section::AntiSpoofingPolicies, p),
                confidence: Confidence::High,
                evidence: vec![
                    Evidence::at(o, o.path.clone(), format!("{}: {why}", p.label())),
                    Evidence::at(o, o.field("from"), p.from.describe()),
                ],
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("ASP005");
    }
}
