use super::has_unknown_scope;
use crate::model::{Policy, Section, Target};
use crate::providers::is_same_or_subdomain;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{
    activity, applies_inbound, covers_all_inbound, describe_scope, directions, is_effective,
};

declare_rule! {
    /// Inbound DNS authentication is applied to only part of your inbound mail.
    ///
    /// ## Why it matters
    ///
    /// DNS Authentication - Inbound policies are often first created for a
    /// pilot group or a single domain and never widened. Every recipient
    /// outside those narrower scopes — a newly added domain, a user missing
    /// from the profile group — then receives mail with no SPF, DKIM or DMARC
    /// enforcement, and attackers need only one such mailbox.
    ///
    /// ## What triggers it
    ///
    /// At least one DNS Authentication - Inbound policy that is enabled and
    /// inside its validity window applies to inbound mail, but none of them
    /// applies from *Everyone* or *External Addresses* to *Everyone* or
    /// *Internal Addresses* (a bi-directional policy counts in both
    /// directions). When there is no inbound policy at all, DNS001 reports it
    /// instead. If narrower policies together happen to name every internal
    /// domain, or a scope type is unknown to this tool, the finding carries
    /// low confidence and says so.
    ///
    /// ## How to fix it
    ///
    /// Add (or widen an existing policy to) a baseline policy from *Everyone*
    /// to *Internal Addresses* that selects a definition with SPF, DKIM and
    /// DMARC enforced. Keep narrower policies only where they are meant to
    /// differ from that baseline.
    ///
    /// Console: **Policies > Gateway Policies > DNS Authentication -
    /// Inbound**, then edit a policy's Emails From / Emails To or create a new
    /// one.
    pub struct DnsAuthPartialScope {
        code: "DNS005",
        name: "dns-auth-partial-scope",
        area: Area::DnsAuthentication,
        severity: Severity::Medium,
        reads: &[Section::DnsAuthInboundPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > DNS Authentication - Inbound",
        controls: &[Control::cis("9.5"), Control::nist("SI-8")],
    }
}

/// Does a policy take every external sender (Everyone / External Addresses)
/// to the internal domain `domain` (recipient scope: that domain or a parent)?
fn covers_domain_from_everyone(p: &Policy, domain: &str) -> bool {
    directions(p).iter().any(|(f, t)| {
        matches!(f, Target::Everyone | Target::ExternalAddresses)
            && matches!(t, Target::EmailDomain(d) if is_same_or_subdomain(domain, d))
    })
}

impl Rule for DnsAuthPartialScope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let policies = cfg.policies(Section::DnsAuthInboundPolicies);
        let inbound: Vec<&Policy> = policies
            .iter()
            .filter(|p| is_effective(p, ctx.at) && applies_inbound(p, cfg))
            .collect();
        if inbound.is_empty() || inbound.iter().any(|p| covers_all_inbound(p)) {
            return Vec::new();
        }
        let unknown = inbound.iter().any(|p| has_unknown_scope(p));
        let receiving: Vec<&str> = cfg
            .internal_domains
            .iter()
            .filter(|d| !d.send_only)
            .map(|d| d.domain.as_str())
            .collect();
        let all_domains_named = !receiving.is_empty()
            && receiving
                .iter()
                .all(|d| inbound.iter().any(|p| covers_domain_from_everyone(p, d)));

        let mut evidence: Vec<Evidence> = inbound
            .iter()
            .map(|p| {
                Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!("{}: applies {}", p.label(), describe_scope(p, cfg)),
                )
            })
            .collect();
        for p in policies.iter().filter(|p| covers_all_inbound(p)) {
            if let Err(inactive) = activity(p, ctx.at) {
                let why = format!(
                    "{}: would cover all inbound mail ({}), but is {}",
                    p.label(),
                    describe_scope(p, cfg),
                    inactive.describe()
                );
                evidence.push(Evidence::at(&p.origin, p.origin.path.clone(), why));
            }
        }
        let n = inbound.len();
        let message = if all_domains_named {
            let (how, they) = if n == 1 {
                (
                    "rests on 1 policy scoped to named domains".to_string(),
                    "it names",
                )
            } else {
                (
                    format!("is split across {n} narrower policies"),
                    "together they name",
                )
            };
            format!(
                "Inbound DNS authentication {how} with no baseline from Everyone to Internal Addresses: {they} every internal domain loaded, but a domain added later will get no SPF, DKIM or DMARC checks."
            )
        } else if unknown {
            "Inbound DNS authentication may cover only part of inbound mail: no policy in force certainly applies from Everyone or External Addresses to Everyone or Internal Addresses (a scope type is unknown to this tool).".to_string()
        } else {
            let (none_of, scopes) = if n == 1 {
                (
                    "the only policy in force does not apply".to_string(),
                    "its scope",
                )
            } else {
                (
                    format!("none of the {n} policies in force applies"),
                    "their scopes",
                )
            };
            format!(
                "Inbound DNS authentication covers only part of inbound mail: {none_of} from Everyone or External Addresses to Everyone or Internal Addresses, so recipients outside {scopes} get no SPF, DKIM or DMARC checks."
            )
        };
        vec![Finding {
            severity: Self::META.severity,
            message,
            object: Subject::section(Section::DnsAuthInboundPolicies),
            confidence: if all_domains_named || unknown {
                Confidence::Low
            } else {
                Confidence::High
            },
            evidence,
        }]
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("DNS005");
    }
}
