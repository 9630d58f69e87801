use super::{doubt_note, permit_policies};
use crate::model::{Section, Target};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{describe_scope, directions, may_include_internal_recipients};

declare_rule! {
    /// A permitted-senders policy permits every outside sender.
    ///
    /// ## Why it matters
    ///
    /// A *Permit Sender* policy whose senders are Everyone or External
    /// Addresses, with no Source IP Ranges to narrow it, turns off spam
    /// scanning, greylisting and reputation checks for all inbound mail it
    /// reaches. Spam, phishing and bulk mail from anywhere then depend on the
    /// remaining layers alone. Such policies are usually left behind from a
    /// migration or a troubleshooting session and forgotten.
    ///
    /// ## What triggers it
    ///
    /// A permitted-senders policy that is enabled, inside its validity window
    /// and set to *Permit Sender*, has no Source IP Ranges, and applies from
    /// Everyone or External Addresses to recipients that can include your own
    /// users (Everyone, Internal Addresses, an internal domain, a profile
    /// group …). A bi-directional policy also counts with its two sides
    /// swapped. A sender scope of a type this tool does not know, or an
    /// unknown policy option, is treated as possibly permitting everyone and
    /// reported with low confidence.
    ///
    /// ## How to fix it
    ///
    /// Disable or delete the policy. If it was created for one partner or
    /// system, recreate it with Applies From set to that partner's exact
    /// address or domain, and add the partner's documented sending IPs as
    /// Source IP Ranges.
    ///
    /// Console: **Policies > Gateway Policies > Permitted Senders** (older
    /// consoles: Administration > Gateway > Policies > Permitted Senders).
    pub struct PermittedEveryone {
        code: "PSN006",
        name: "permitted-everyone",
        area: Area::PermittedSenders,
        severity: Severity::Critical,
        reads: &[Section::PermittedSenderPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Permitted Senders",
        controls: &[Control::nist("SI-8"), Control::nist("SC-7")],
    }
}

impl Rule for PermittedEveryone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (p, doubt) in permit_policies(ctx.cfg, ctx.at) {
            if !p.source_ips.is_empty() {
                continue;
            }
            let mut hit: Option<(&Target, Option<String>)> = None;
            for (sender, recipient) in directions(p) {
                if !may_include_internal_recipients(recipient, ctx.cfg) {
                    continue;
                }
                let found = match sender {
                    Target::Everyone | Target::ExternalAddresses => (sender, None),
                    Target::Unknown(t) => (sender, Some(format!("its sender scope type \"{t}\" is not known to this tool, so it may include every sender"))),
                    _ => continue,
                };
                let certain = found.1.is_none();
                if hit.as_ref().is_none_or(|(_, d)| d.is_some()) {
                    hit = Some(found);
                }
                if certain {
                    break;
                }
            }
            let Some((sender, scope_doubt)) = hit else {
                continue;
            };
            let doubt = scope_doubt.or(doubt);
            let field = if std::ptr::eq(sender, &p.from) {
                "from"
            } else {
                "to"
            };
            let o = &p.origin;
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "Permitted-sender policy {} permits mail from {} with no Source IP Ranges, so any sender skips spam scanning. Scope: {}.{}",
                    p.label(),
                    sender.type_name(),
                    describe_scope(p, ctx.cfg),
                    doubt_note(&doubt)
                ),
                object: Subject::policy(Section::PermittedSenderPolicies, p),
                confidence: if doubt.is_some() { Confidence::Low } else { Confidence::High },
                evidence: vec![
                    Evidence::at(o, o.field("description"), p.description.clone()),
                    Evidence::at(o, o.field(field), format!("{} ({})", sender.describe(), describe_scope(p, ctx.cfg))),
                    Evidence::at(o, source_ips_path(o), "none"),
                ],
            });
        }
        out
    }
}

/// Where `sourceIPs` sits (or would sit) in the record.
fn source_ips_path(o: &crate::model::Origin) -> String {
    if o.conditions().is_empty() {
        "sourceIPs".into()
    } else {
        format!("{}.sourceIPs", o.conditions())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("PSN006");
    }
}
