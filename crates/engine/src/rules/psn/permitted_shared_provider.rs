use super::{
    cap, doubt_note, missing_with_permit_sources, permit_policies, provider_opened, Permits,
};
use crate::model::{Config, Section};
use crate::providers::overlapping_ranges;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// A permitted-senders entry trusts a whole free-mail service or shared cloud mail platform.
    ///
    /// ## Why it matters
    ///
    /// A permitted sender skips spam scanning, greylisting and reputation
    /// checks. Anyone can open a mailbox at Gmail, Outlook.com, Yahoo or a
    /// Microsoft 365 / Google Workspace trial within minutes, so permitting
    /// one of those domains as a whole, or the address ranges those
    /// platforms send from, hands the same free pass to every attacker who
    /// signs up there. The envelope sender is also trivial to forge, which
    /// makes a whole-domain permit for a popular domain a favourite way to
    /// slip phishing past the filters.
    ///
    /// ## What triggers it
    ///
    /// Any permit entry in force that opens a shared provider or a free-mail
    /// service as a whole:
    ///
    /// - a permitted-senders policy that is enabled, inside its validity
    ///   window and set to *Permit Sender*, whose sender scope (the Applies
    ///   From side, and the Applies To side of a bi-directional policy) is
    ///   the Email Domain, a domain pattern (`@gmail.com`, `*@gmail.com`,
    ///   `@*.google.com`) or a whole-domain profile-group member of such a
    ///   domain, or is *Free Mail Domains*;
    /// - a Permit or Auto Allow managed-senders entry (not expired) for such
    ///   a domain;
    /// - a Source IP Range on such a policy that overlaps a published sending
    ///   range of Microsoft 365 / Exchange Online or Google Workspace.
    ///
    /// Single addresses at a free-mail domain are not reported, and neither
    /// are tenant domains such as `contoso.onmicrosoft.com` (those belong to
    /// one customer; see PSN003). A domain entry on a policy that is also
    /// limited to narrow source ranges (none broad, none at a provider) is
    /// not reported. Profile-group members are checked only when the group's
    /// members were loaded. An unknown policy option or managed-sender list
    /// type is treated as a permit and reported with low confidence.
    ///
    /// ## How to fix it
    ///
    /// Delete the entry. When a real partner sends from a free-mail or shared
    /// platform, permit only that partner's exact address, and prefer
    /// letting the message take its chances with spam scanning. Never use a
    /// provider's address ranges as Source IP Ranges on a permit; use the
    /// sending service's own dedicated IP addresses instead.
    ///
    /// Console: **Policies > Gateway Policies > Permitted Senders** (older
    /// consoles: Administration > Gateway > Policies > Permitted Senders);
    /// managed entries under **Email Delivery > Managed Senders** (older
    /// consoles: Gateway > Managed Senders).
    pub struct PermittedSharedProvider {
        code: "PSN001",
        name: "permitted-shared-provider",
        area: Area::PermittedSenders,
        severity: Severity::High,
        reads: &[Section::PermittedSenderPolicies, Section::ManagedSenders],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Permitted Senders",
        controls: &[Control::nist("SI-8"), Control::nist("SC-7")],
    }
}

impl Rule for PermittedSharedProvider {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_with_permit_sources(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in ctx.permit_entries() {
            let (provider, what) = match &e.permits {
                Permits::Domain { domain, subdomains } => {
                    match provider_opened(domain, *subdomains) {
                        Some(p) => (
                            p.clone(),
                            format!("{}, which opens {p} as a whole", e.text()),
                        ),
                        None => continue,
                    }
                }
                Permits::FreeMailDomains => (
                    "every free-mail domain".to_string(),
                    "every free-mail domain (scope free_mail_domains)".to_string(),
                ),
                _ => continue,
            };
            if e.narrowly_restricted() {
                continue;
            }
            let mut evidence = e.evidence();
            if let Some(ev) = evidence.last_mut() {
                ev.value = format!("{} ({provider})", ev.value);
            }
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "{} permits {what}: anyone who gets a mailbox there skips spam scanning.{}",
                    cap(&e.location()),
                    doubt_note(&e.doubt)
                ),
                object: e.object(),
                confidence: if e.doubt.is_some() {
                    Confidence::Low
                } else {
                    Confidence::High
                },
                evidence,
            });
        }
        for (p, doubt) in permit_policies(ctx.cfg, ctx.at) {
            for (i, r) in p.source_ips.iter().enumerate() {
                let Some(net) = r.net else { continue };
                let overlaps = overlapping_ranges(&net);
                let Some((provider, range)) = overlaps.first() else {
                    continue;
                };
                let o = &p.origin;
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "Permitted-sender policy {} is limited to source range {}, which overlaps the {} sending range {range}: mail from any customer of that platform can use the permit.{}",
                        p.label(),
                        r.text,
                        provider.name,
                        doubt_note(&doubt)
                    ),
                    object: Subject::policy(Section::PermittedSenderPolicies, p).detail(&r.text),
                    confidence: if doubt.is_some() { Confidence::Low } else { Confidence::High },
                    evidence: vec![
                        Evidence::at(o, o.field("description"), p.description.clone()),
                        Evidence::at(o, o.condition("sourceIPs", i), format!("{} (overlaps {} range {range})", r.text, provider.name)),
                    ],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::bundle;
    use crate::rules::testing::outcome_of;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("PSN001");
    }

    #[test]
    fn either_source_of_permits_is_enough() {
        assert_eq!(
            outcome_of("PSN001", &bundle(r#","internalDomains":[]"#)),
            Outcome::NotAssessed(vec![
                Section::PermittedSenderPolicies,
                Section::ManagedSenders
            ])
        );
        assert_eq!(
            outcome_of("PSN001", &bundle(r#","managedSenders":[]"#)),
            Outcome::Pass
        );
        assert_eq!(
            outcome_of("PSN001", &bundle(r#","permittedSenderPolicies":[]"#)),
            Outcome::Pass
        );
    }
}
