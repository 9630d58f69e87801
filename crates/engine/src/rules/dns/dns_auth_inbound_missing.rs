use super::has_unknown_scope;
use crate::model::{Policy, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{
    activity, applies_inbound, describe_scope, directions, may_include_external_senders,
    may_include_internal_recipients,
};

declare_rule! {
    /// No DNS Authentication - Inbound policy checks the mail you receive.
    ///
    /// ## Why it matters
    ///
    /// Mimecast verifies SPF, DKIM and DMARC on incoming mail only where a DNS
    /// Authentication - Inbound policy tells it to. Without one in force, a
    /// message forged in the name of a bank, a supplier or any other domain
    /// that publishes strict records is accepted as readily as the real
    /// thing, and the senders' own DMARC instructions are never applied.
    ///
    /// ## What triggers it
    ///
    /// No DNS Authentication - Inbound policy is at the same time enabled,
    /// inside its validity window, and scoped so that it can reach inbound
    /// mail: a sender scope that can include outside senders (Everyone,
    /// External Addresses, a profile group, a domain that is not one of yours
    /// …) with a recipient scope that can include your own users. A
    /// bi-directional policy counts in both directions. When the only
    /// candidate uses a scope type this tool does not know, the finding
    /// carries low confidence.
    ///
    /// ## How to fix it
    ///
    /// Create a policy that selects a DNS Authentication - Inbound definition
    /// with SPF, DKIM and DMARC checks enabled, applying from *Everyone* to
    /// *Internal Addresses*, enabled and perpetual. If a policy already
    /// exists, re-enable it or extend its validity dates.
    ///
    /// Console: **Policies > Gateway Policies > DNS Authentication -
    /// Inbound**, then add a policy or open the existing one (older consoles:
    /// Administration > Gateway > Policies).
    pub struct DnsAuthInboundMissing {
        code: "DNS001",
        name: "dns-auth-inbound-missing",
        area: Area::DnsAuthentication,
        severity: Severity::High,
        reads: &[Section::DnsAuthInboundPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > DNS Authentication - Inbound",
        controls: &[Control::cis("9.5"), Control::nist("SI-8")],
    }
}

impl Rule for DnsAuthInboundMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let policies = cfg.policies(Section::DnsAuthInboundPolicies);
        let mut maybe = false;
        let mut evidence = Vec::new();
        let mut note = |p: &Policy, why: String| {
            evidence.push(Evidence::at(
                &p.origin,
                p.origin.path.clone(),
                format!("{}: {why}", p.label()),
            ))
        };
        for p in policies {
            if let Err(inactive) = activity(p, ctx.at) {
                note(p, inactive.describe());
                continue;
            }
            // Certainly inbound: some direction of known scopes reaches
            // outside senders and internal recipients.
            let certain = !has_unknown_scope(p)
                && directions(p).iter().any(|(f, t)| {
                    may_include_external_senders(f, cfg) && may_include_internal_recipients(t, cfg)
                });
            if certain {
                return Vec::new();
            }
            if applies_inbound(p, cfg) {
                maybe = true;
                note(
                    p,
                    format!(
                        "applies {}, which uses a scope type this tool does not know",
                        describe_scope(p, cfg)
                    ),
                );
            } else {
                note(
                    p,
                    format!(
                        "applies {}, which reaches no mail from outside senders to your users",
                        describe_scope(p, cfg)
                    ),
                );
            }
        }
        let none_of = match policies.len() {
            1 => "The only DNS Authentication - Inbound policy is not".to_string(),
            n => format!("None of the {n} DNS Authentication - Inbound policies is"),
        };
        let message = if policies.is_empty() {
            "There is no DNS Authentication - Inbound policy, so inbound mail gets no SPF, DKIM or DMARC checks.".to_string()
        } else if maybe {
            format!("Inbound mail may get no SPF, DKIM or DMARC checks: {} certainly in force for it (a scope type is unknown to this tool).", lower_first(&none_of))
        } else {
            format!("{none_of} in force for inbound mail, so it gets no SPF, DKIM or DMARC checks.")
        };
        vec![Finding {
            severity: Self::META.severity,
            message,
            object: Subject::section(Section::DnsAuthInboundPolicies),
            confidence: if maybe {
                Confidence::Low
            } else {
                Confidence::High
            },
            evidence,
        }]
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("DNS001");
    }
}
