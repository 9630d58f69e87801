use super::{broad_range, doubt_note, permit_policies};
use crate::model::Section;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// A permitted-senders policy trusts a broad block of IP addresses.
    ///
    /// ## Why it matters
    ///
    /// Source IP Ranges on a permitted-senders policy decide which servers may
    /// use the permit. A range wider than a single organisation's mail hosts
    /// (a /16 holds 65,536 addresses), or one that overlaps Microsoft 365 or
    /// Google Workspace, lets unrelated servers, including any tenant on
    /// those shared platforms, send mail that skips spam scanning,
    /// greylisting and reputation checks. It also gives a false sense of
    /// restriction to anyone reviewing the policy.
    ///
    /// ## What triggers it
    ///
    /// A permitted-senders policy that is enabled, inside its validity window
    /// and set to *Permit Sender*, with a Source IP Range that is broad: an
    /// IPv4 prefix shorter than /24, an IPv6 prefix shorter than /48, or any
    /// range overlapping a published sending range of Microsoft 365 /
    /// Exchange Online or Google Workspace. One finding is reported per
    /// range, with its size in addresses and the provider ranges it overlaps.
    /// Values that are not valid ranges are reported as input warnings, not
    /// here. An unknown policy option is treated as a permit and reported
    /// with low confidence.
    ///
    /// ## How to fix it
    ///
    /// Narrow each range to the partner's documented outbound mail servers,
    /// normally single addresses (/32) or a small published block. Never use
    /// Microsoft 365 or Google Workspace ranges here: a service sending from
    /// those platforms should be identified by its exact sender address and
    /// DKIM signature, not by the platform's shared IPs.
    ///
    /// Console: **Policies > Gateway Policies > Permitted Senders** (older
    /// consoles: Administration > Gateway > Policies > Permitted Senders),
    /// open the policy and edit its Source IP Ranges.
    pub struct PermittedBroadIpRange {
        code: "PSN004",
        name: "permitted-broad-ip-range",
        area: Area::PermittedSenders,
        severity: Severity::High,
        reads: &[Section::PermittedSenderPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Permitted Senders",
        controls: &[Control::nist("SI-8"), Control::nist("SC-7")],
    }
}

impl Rule for PermittedBroadIpRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (p, doubt) in permit_policies(ctx.cfg, ctx.at) {
            for (i, r) in p.source_ips.iter().enumerate() {
                let Some(net) = r.net else { continue };
                let Some(broad) = broad_range(&net) else {
                    continue;
                };
                let detail = broad.describe(&net);
                let o = &p.origin;
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "Permitted-sender policy {} permits mail from {}, a broad range ({detail}): every server in it can use the permit.{}",
                        p.label(),
                        r.text,
                        doubt_note(&doubt)
                    ),
                    object: Subject::policy(Section::PermittedSenderPolicies, p).detail(&r.text),
                    confidence: if doubt.is_some() { Confidence::Low } else { Confidence::High },
                    evidence: vec![
                        Evidence::at(o, o.field("description"), p.description.clone()),
                        Evidence::at(o, o.condition("sourceIPs", i), format!("{} ({detail})", r.text)),
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
        crate::rules::testing::check_fixtures("PSN004");
    }
}
