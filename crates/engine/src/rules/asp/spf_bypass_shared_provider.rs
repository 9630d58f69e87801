use crate::model::{PolicyOption, Section};
use crate::providers::provider_of_spf_domain;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::is_effective;

declare_rule! {
    /// An SPF-based anti-spoofing bypass trusts a shared cloud mail provider.
    ///
    /// ## Why it matters
    ///
    /// An SPF-based bypass switches anti-spoofing off for any message whose
    /// sending IP passes the SPF record of a listed domain. Microsoft 365 and
    /// Google Workspace publish one SPF record for all of their customers, so
    /// listing theirs trusts every tenant on those platforms: anyone can open
    /// a trial account there and send mail that claims to come from your own
    /// domain, and anti-spoofing will wave it through.
    ///
    /// ## What triggers it
    ///
    /// An enabled anti-spoofing SPF-based bypass policy (option
    /// `enable_bypass`) that is inside its validity window and whose
    /// `spfDomains` lists a shared provider's SPF domain:
    /// `spf.protection.outlook.com`, `spfd.protection.outlook.com`,
    /// `spf2.outlook.com`, `_spf.google.com`, `_netblocks*.google.com`, or any
    /// name under `outlook.com`, `onmicrosoft.com`, `google.com`, `gmail.com`
    /// or `googlemail.com`. One finding is reported per listed provider domain.
    ///
    /// ## How to fix it
    ///
    /// Remove the provider's domain from the bypass. If a service really sends
    /// as your domain from that platform, replace the SPF bypass with an
    /// anti-spoofing policy set to *Take No Action* that is restricted to the
    /// service's own, documented IP addresses (Source IP Ranges), or have the
    /// service sign with DKIM for your domain.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing SPF Based
    /// Bypass** (older consoles: Administration > Gateway > Policies), open
    /// the policy and edit its SPF domain list.
    pub struct SpfBypassSharedProvider {
        code: "ASP001",
        name: "spf-bypass-shared-provider",
        area: Area::AntiSpoofing,
        severity: Severity::Critical,
        reads: &[Section::AntiSpoofingBypassPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Anti-Spoofing SPF Based Bypass",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8"), Control::nist("SC-7")],
    }
}

impl Rule for SpfBypassSharedProvider {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for p in ctx.cfg.policies(Section::AntiSpoofingBypassPolicies) {
            if p.option != PolicyOption::EnableBypass || !is_effective(p, ctx.at) {
                continue;
            }
            for (i, domain) in p.spf_domains.iter().enumerate() {
                let Some(provider) = provider_of_spf_domain(domain) else {
                    continue;
                };
                let o = &p.origin;
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "SPF bypass {} trusts {domain}, the shared SPF domain of {}: any customer of that provider can send mail that passes as your own domain.",
                        p.label(),
                        provider.name
                    ),
                    object: Subject::policy(Section::AntiSpoofingBypassPolicies, p).detail(domain),
                    confidence: Confidence::High,
                    evidence: vec![
                        Evidence::at(o, o.field("description"), p.description.clone()),
                        Evidence::at(o, o.condition("spfDomains", i), format!("{domain} ({})", provider.name)),
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
        crate::rules::testing::check_fixtures("ASP001");
    }
}
