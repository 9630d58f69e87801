use crate::model::{Section, Target};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{is_internal_domain, sender_scopes};

declare_rule! {
    /// An anti-spoofing policy names a domain that is no longer an internal domain.
    ///
    /// ## Why it matters
    ///
    /// Removing an internal domain does not remove the anti-spoofing policy
    /// created for it. The leftover policy does no harm by itself, but it
    /// hides real gaps: the list looks complete, exceptions written for the
    /// old domain linger, and a domain re-registered later may be assumed to
    /// be protected by a policy nobody checked.
    ///
    /// ## What triggers it
    ///
    /// An anti-spoofing policy (any option, active or not) whose sender scope
    /// is *Email Domain* for a domain that is neither an internal domain nor
    /// below one.
    ///
    /// ## How to fix it
    ///
    /// Confirm the domain was retired, then delete the policy. If the domain
    /// is still in use, register it again as an internal domain and keep the
    /// policy.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing** to delete the
    /// policy; internal domains are under **Users & Groups > Internal
    /// Directories** (older consoles: Directories > Internal Directories).
    pub struct OrphanedAntiSpoofingPolicy {
        code: "ASP006",
        name: "orphaned-anti-spoofing-policy",
        area: Area::AntiSpoofing,
        severity: Severity::Low,
        reads: &[Section::InternalDomains, Section::AntiSpoofingPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Anti-Spoofing",
        controls: &[Control::cis("4.1"), Control::nist("CM-6")],
    }
}

impl Rule for OrphanedAntiSpoofingPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for p in ctx.cfg.policies(Section::AntiSpoofingPolicies) {
            for t in sender_scopes(p) {
                let Target::EmailDomain(d) = t else { continue };
                if d.is_empty() || is_internal_domain(ctx.cfg, d) {
                    continue;
                }
                let o = &p.origin;
                let field = if std::ptr::eq(t, &p.from) {
                    "from"
                } else {
                    "to"
                };
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!("Anti-spoofing policy {} applies to {d}, which is not one of the internal domains.", p.label()),
                    object: Subject::policy(Section::AntiSpoofingPolicies, p).detail(d),
                    confidence: Confidence::High,
                    evidence: vec![Evidence::at(o, o.field(field), format!("email_domain {d}"))],
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
        crate::rules::testing::check_fixtures("ASP006");
    }
}
