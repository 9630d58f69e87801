use super::{cap, doubt_note, missing_with_permit_sources, provider_opened, Permits};
use crate::model::{Config, Section};
use crate::providers::bulk_service;
use crate::rules::controls::Control;
use crate::rules::{Area, Confidence, Ctx, Effort, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// A permitted-senders entry trusts every address of an outside domain.
    ///
    /// ## Why it matters
    ///
    /// A permit applies to whatever sender address a message claims, and the
    /// envelope sender costs nothing to forge. Permitting a whole domain such
    /// as a payment or e-signature service means any message that merely
    /// claims to come from that domain skips spam scanning, greylisting and
    /// reputation checks. Those brands are exactly the ones phishing
    /// campaigns imitate. Services publish the specific addresses and IP
    /// ranges they send from; those are what should be trusted, if anything.
    ///
    /// ## What triggers it
    ///
    /// A whole-domain permit entry in force for a domain that is neither one
    /// of your internal domains (PSN002) nor a free-mail or shared-provider
    /// domain (PSN001). A whole-domain entry has no local part: an Email
    /// Domain sender scope, or a value such as `example.com`,
    /// `@example.com`, `*@example.com` or `@*.example.com`, found in an
    /// effective *Permit Sender* policy (its Applies From side, or either
    /// side of a bi-directional policy), in a profile group used there (when
    /// its members were loaded), or in a Permit or Auto Allow managed-senders
    /// entry that has not expired.
    ///
    /// An entry on a policy limited to narrow Source IP Ranges (none broad,
    /// none at a shared provider) is not reported: that is the recommended
    /// way to permit a service. When the domain belongs to a well-known bulk
    /// or transactional sending service, the finding names it. Without the
    /// internal domains the rule is not assessed: it cannot tell a partner's
    /// domain from one of your own. An unknown policy option or list type is
    /// treated as a permit and reported with low confidence.
    ///
    /// ## How to fix it
    ///
    /// Replace the whole-domain entry with the service's documented sending
    /// addresses (for example a single notification address), or keep the
    /// domain but add the service's published IP ranges as Source IP Ranges
    /// on the permitted-senders policy. Remove entries for partners that no
    /// longer need them, and review the list on a schedule.
    ///
    /// Console: **Policies > Gateway Policies > Permitted Senders** (older
    /// consoles: Administration > Gateway > Policies > Permitted Senders);
    /// managed entries under **Email Delivery > Managed Senders** (older
    /// consoles: Gateway > Managed Senders).
    pub struct PermittedWholeThirdPartyDomain {
        code: "PSN003",
        name: "permitted-whole-third-party-domain",
        area: Area::PermittedSenders,
        severity: Severity::Medium,
        reads: &[
            Section::PermittedSenderPolicies,
            Section::ManagedSenders,
            Section::InternalDomains,
        ],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Permitted Senders",
        controls: &[Control::nist("SI-8")],
    }
}

impl Rule for PermittedWholeThirdPartyDomain {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_with_permit_sources(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in ctx.permit_entries() {
            let Permits::Domain { domain, subdomains } = &e.permits else {
                continue;
            };
            if provider_opened(domain, *subdomains).is_some()
                || !e.internal_hits(ctx.cfg).is_empty()
                || e.narrowly_restricted()
            {
                continue;
            }
            let scope = if *subdomains {
                format!("every address at {domain} and its subdomains")
            } else {
                format!("every address at {domain}")
            };
            let service = bulk_service(domain).map(|s| format!(" {domain} belongs to {}, a sending service whose brand is often imitated; permit its documented sender addresses or IPs instead.", s.name));
            let mut evidence = e.evidence();
            if let (Some(ev), Some(s)) = (evidence.last_mut(), bulk_service(domain)) {
                ev.value = format!("{} ({})", ev.value, s.name);
            }
            let mut message = format!(
                "{} permits {} ({scope}): anyone who forges a sender there skips spam scanning.",
                cap(&e.location()),
                e.text()
            );
            message.push_str(&service.unwrap_or_default());
            let confidence = if e.doubt.is_some() {
                Confidence::Low
            } else {
                Confidence::High
            };
            message.push_str(&doubt_note(&e.doubt));
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: e.object(),
                confidence,
                evidence,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::bundle;
    use crate::rules::testing::outcome_of;
    use crate::rules::{Confidence, Outcome};

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("PSN003");
    }

    #[test]
    fn without_internal_domains_it_is_not_assessed() {
        // The tenant's own domain, permitted: without the internal domains
        // it would read as a third party's.
        let permit = r#","managedSenders":[{"id":"m1","to":"a@corp.example","sender":"@corp.example","type":"Permit"}]"#;
        assert_eq!(
            outcome_of("PSN003", &bundle(permit)),
            Outcome::NotAssessed(vec![Section::InternalDomains])
        );
        let with_domains = format!(r#"{permit},"internalDomains":[{{"domain":"corp.example"}}]"#);
        assert_eq!(outcome_of("PSN003", &bundle(&with_domains)), Outcome::Pass);
        let third_party = r#","managedSenders":[{"id":"m1","to":"a@corp.example","sender":"@vendor.example","type":"Permit"}],"internalDomains":[{"domain":"corp.example"}]"#;
        match outcome_of("PSN003", &bundle(third_party)) {
            Outcome::Fail(f) => {
                assert_eq!(f.len(), 1);
                assert_eq!(f[0].confidence, Confidence::High);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            outcome_of("PSN003", &bundle(r#","internalDomains":[]"#)),
            Outcome::NotAssessed(vec![
                Section::PermittedSenderPolicies,
                Section::ManagedSenders
            ])
        );
    }
}
