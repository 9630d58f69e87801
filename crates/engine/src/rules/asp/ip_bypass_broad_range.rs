use crate::model::{PolicyOption, Section};
use crate::providers::broad_range;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::is_effective;

declare_rule! {
    /// An IP-based anti-spoofing bypass trusts a broad or shared address range.
    ///
    /// ## Why it matters
    ///
    /// A *Take No Action* anti-spoofing policy restricted by source IP ranges
    /// is the right way to let one known system send as your domain. The
    /// restriction is only as good as the range: a short prefix trusts
    /// thousands of hosts you do not run, and a range inside Microsoft 365's
    /// or Google's sending networks trusts every tenant of that platform.
    /// Mail forged in your name from any of those addresses skips the check.
    ///
    /// ## What triggers it
    ///
    /// An anti-spoofing policy that is enabled, inside its validity window,
    /// set to *Take No Action* (`no_action`) and limited by `sourceIPs`, where
    /// one of the ranges is an IPv4 prefix shorter than /24, an IPv6 prefix
    /// shorter than /48, or overlaps a shared provider's published sending
    /// range (current or historic). One finding per such range, with its size
    /// and the provider it overlaps.
    ///
    /// ## How to fix it
    ///
    /// Replace the range with the exact addresses the trusted system sends
    /// from (a /32 per host, or the narrowest range its operator documents).
    /// For services hosted on Microsoft 365 or Google Workspace, do not bypass
    /// by IP at all: have them sign with DKIM for your domain instead.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing**, open the
    /// policy and edit Source IP Ranges under Validity.
    pub struct IpBypassBroadRange {
        code: "ASP002",
        name: "ip-bypass-broad-range",
        area: Area::AntiSpoofing,
        severity: Severity::High,
        reads: &[Section::AntiSpoofingPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Anti-Spoofing",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8"), Control::nist("SC-7")],
    }
}

impl Rule for IpBypassBroadRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for p in ctx.cfg.policies(Section::AntiSpoofingPolicies) {
            if p.option != PolicyOption::NoAction || !is_effective(p, ctx.at) {
                continue;
            }
            for (i, range) in p.source_ips.iter().enumerate() {
                let Some(net) = range.net else { continue };
                let Some(broad) = broad_range(&net) else {
                    continue;
                };
                let reason = format!("{net} ({})", broad.describe(&net));
                let o = &p.origin;
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!("Anti-spoofing bypass {} trusts {reason}: mail forged as your domain from any of them skips anti-spoofing.", p.label()),
                    object: Subject::policy(Section::AntiSpoofingPolicies, p).detail(&range.text),
                    confidence: Confidence::High,
                    evidence: vec![
                        Evidence::at(o, o.field("description"), p.description.clone()),
                        Evidence::at(o, o.condition("sourceIPs", i), reason),
                    ],
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
        crate::rules::testing::check_fixtures("ASP002");
    }
}
