use crate::model::{InternalDomain, Policy, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, policy_covers_internal_domain, CoverIndex, Coverage};

declare_rule! {
    /// An internal domain has no anti-spoofing policy protecting it.
    ///
    /// ## Why it matters
    ///
    /// Anti-spoofing is what stops an outside server from delivering mail that
    /// claims to come from one of your own domains. Mimecast only applies it
    /// where a policy says so. A domain registered without ticking the
    /// anti-spoofing box, or whose policy was later removed, accepts forged
    /// "internal" mail from anywhere — the most common start of a business
    /// email compromise.
    ///
    /// ## What triggers it
    ///
    /// An internal domain that is not send-only and is not covered by any
    /// anti-spoofing policy that is enabled, inside its validity window, set
    /// to *Apply Anti-Spoofing* (`apply` or `apply_non_mimecast`) and whose
    /// sender scope matches the domain: Email Domain equal to it or to a
    /// parent domain, Internal Addresses, Everyone, or a profile group that
    /// contains it. A bi-directional policy also counts through its to-scope.
    /// When the only candidate is a profile group whose members were not
    /// loaded, the finding says so and carries low confidence.
    ///
    /// ## How to fix it
    ///
    /// Create an anti-spoofing policy for the domain: option *Apply
    /// Anti-Spoofing (Exclude Mimecast IPs)*, Addresses Based On *Both*,
    /// Applies From *Email Domain* = the domain, Applies To *Internal
    /// Addresses*, enabled and perpetual, without override or source IPs.
    /// When registering new domains, keep the default anti-spoofing checkbox
    /// ticked so the policy is created for you.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing > New Policy**
    /// (older consoles: Administration > Gateway > Policies > Anti-Spoofing).
    pub struct InternalDomainUnprotected {
        code: "ASP003",
        name: "internal-domain-unprotected",
        area: Area::AntiSpoofing,
        severity: Severity::High,
        reads: &[Section::InternalDomains, Section::AntiSpoofingPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Anti-Spoofing > New Policy",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8")],
    }
}

/// Why one policy does not protect the domain.
fn why_not(p: &Policy, d: &InternalDomain, ctx: &Ctx) -> Result<(), String> {
    activity(p, ctx.at).map_err(|i| i.describe())?;
    if !p.option.applies_anti_spoofing() {
        return Err(format!(
            "option {} does not apply anti-spoofing",
            p.option.as_str()
        ));
    }
    match policy_covers_internal_domain(p, &d.domain, ctx.cfg) {
        Coverage::Yes => Ok(()),
        Coverage::Unknown(reason) => Err(reason),
        Coverage::No => Err(format!(
            "applies from {}, which does not include {}",
            p.from.describe(),
            d.domain
        )),
    }
}

impl Rule for InternalDomainUnprotected {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let policies = ctx.cfg.policies(Section::AntiSpoofingPolicies);
        let applying = policies
            .iter()
            .filter(|p| p.option.applies_anti_spoofing() && activity(p, ctx.at).is_ok());
        let cover = CoverIndex::build(applying, ctx.cfg);
        let mut out = Vec::new();
        let mut maybe: Option<bool> = None;
        for d in ctx.cfg.internal_domains.iter().filter(|d| !d.send_only) {
            // Indexed test first; reasons are only worked out for a domain
            // that no policy covers.
            if cover.covering(&d.domain).is_some() {
                continue;
            }
            // The first dozen policies explain why none applies.
            let reasons: Vec<(&Policy, String)> = policies
                .iter()
                .filter_map(|p| why_not(p, d, ctx).err().map(|r| (p, r)))
                .take(12)
                .collect();
            // Whether a policy may cover the domain unbeknown: only a profile
            // group whose members were not loaded, or a scope type this tool
            // does not know, makes coverage unknown, and that does not depend
            // on the domain. So it is worked out once (with the first
            // uncovered domain), keeping the rule linear in domains plus
            // policies.
            let maybe = *maybe.get_or_insert_with(|| {
                policies.iter().any(|p| {
                    p.option.applies_anti_spoofing()
                        && activity(p, ctx.at).is_ok()
                        && matches!(
                            policy_covers_internal_domain(p, &d.domain, ctx.cfg),
                            Coverage::Unknown(_)
                        )
                })
            });
            let o = &d.origin;
            let mut evidence = vec![Evidence::at(o, o.field("domain"), d.domain.clone())];
            for (p, reason) in &reasons {
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!("{}: {reason}", p.label()),
                ));
            }
            let message = match (policies.len(), maybe) {
                (0, _) => format!("Internal domain {} has no anti-spoofing policy: there are no anti-spoofing policies at all.", d.domain),
                (_, true) => format!("Internal domain {} may be unprotected: no anti-spoofing policy certainly covers it (a profile group's members were not loaded).", d.domain),
                (n, false) => format!("Internal domain {} is not protected by any of the {n} anti-spoofing policies.", d.domain),
            };
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: Subject::domain(&d.domain),
                confidence: if maybe {
                    Confidence::Low
                } else {
                    Confidence::High
                },
                evidence,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("ASP003");
    }
}
