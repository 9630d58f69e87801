use super::{
    anti_spoofing_cover, cap, doubt_note, missing_with_permit_sources, Permits, SpoofCover,
};
use crate::model::{Config, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// Permitted senders let in mail claiming to come from one of your own domains.
    ///
    /// ## Why it matters
    ///
    /// Mail that really comes from your own users is delivered internally or
    /// leaves through your own gateway; it never needs a permit on the way
    /// in. A permit for your own domain, or for an address in it, only helps
    /// an outsider who forges that sender: the forged message skips spam
    /// scanning, greylisting and reputation checks. If anti-spoofing does not
    /// cover the domain either, nothing stops it at all. This is the classic
    /// way an "internal" invoice request from an outside server reaches the
    /// finance team.
    ///
    /// ## What triggers it
    ///
    /// A permit entry in force that names one of the tenant's internal
    /// domains (or a subdomain of one), or an address in one:
    ///
    /// - a permitted-senders policy that is enabled, inside its validity
    ///   window and set to *Permit Sender*, whose sender scope is Internal
    ///   Addresses, an Email Domain or address inside an internal domain, a
    ///   wildcard pattern such as `@*.example.com` above one, or a profile
    ///   group (when its members were loaded) holding such a domain or
    ///   address; a bi-directional policy counts through its Applies To side
    ///   too;
    /// - a Permit or Auto Allow managed-senders entry (not expired) for such a
    ///   domain or address.
    ///
    /// One finding is reported per entry and internal domain. Each says
    /// whether an effective anti-spoofing policy (*Apply Anti-Spoofing*)
    /// covers the domain, as ASP003 decides it, or that this is unknown when
    /// anti-spoofing policies were not loaded. An unknown policy option or
    /// managed-sender list type is treated as a permit and reported with low
    /// confidence.
    ///
    /// ## How to fix it
    ///
    /// Remove every permitted-senders policy, profile-group member and
    /// managed-senders entry that names your own domains or addresses. If an
    /// outside service sends as your domain (a CRM, a ticketing tool), permit
    /// nothing: have it sign with DKIM for your domain, and if anti-spoofing
    /// blocks it, add an anti-spoofing *Take No Action* exception restricted to
    /// the service's own IP addresses. Make sure every internal domain has an
    /// *Apply Anti-Spoofing* policy (see ASP003).
    ///
    /// Console: **Policies > Gateway Policies > Permitted Senders** (older
    /// consoles: Administration > Gateway > Policies > Permitted Senders);
    /// managed entries under **Email Delivery > Managed Senders** (older
    /// consoles: Gateway > Managed Senders).
    pub struct PermittedInternalDomain {
        code: "PSN002",
        name: "permitted-internal-domain",
        area: Area::PermittedSenders,
        severity: Severity::Critical,
        reads: &[Section::InternalDomains, Section::PermittedSenderPolicies, Section::ManagedSenders],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Permitted Senders",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8")],
    }
}

impl Rule for PermittedInternalDomain {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_with_permit_sources(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in ctx.permit_entries() {
            for hit in e.internal_hits(ctx.cfg) {
                let cover = anti_spoofing_cover(ctx.cfg, ctx.at, &hit.name);
                let status = match &cover {
                    SpoofCover::Covered(_) => "anti-spoofing covers it",
                    SpoofCover::NotCovered => "no anti-spoofing policy covers it",
                    SpoofCover::Unknown(_) | SpoofCover::NotLoaded => {
                        "anti-spoofing coverage is unknown"
                    }
                };
                let internal = &hit.internal.domain;
                let what = match &e.permits {
                    Permits::Address { .. } => {
                        format!(
                            "{}, an address in your internal domain {internal}",
                            e.text()
                        )
                    }
                    Permits::Domain { domain, .. }
                        if *domain == hit.name && hit.name == *internal =>
                    {
                        format!("{}, your internal domain {internal}", e.text())
                    }
                    Permits::Domain { domain, .. }
                        if *domain == hit.name && hit.name != *internal =>
                    {
                        format!(
                            "{}, a subdomain of your internal domain {internal}",
                            e.text()
                        )
                    }
                    Permits::InternalAddresses => {
                        format!("every internal address, including your internal domain {internal}")
                    }
                    _ => format!("{}, which covers your internal domain {internal}", e.text()),
                };
                let io = &hit.internal.origin;
                let mut evidence = e.evidence();
                evidence.push(Evidence::at(
                    io,
                    io.field("domain"),
                    hit.internal.domain.clone(),
                ));
                evidence.push(match &cover {
                    SpoofCover::Covered(p) => {
                        Evidence::at(&p.origin, p.origin.path.clone(), cover.describe(&hit.name))
                    }
                    _ => Evidence::at(io, io.field("domain"), cover.describe(&hit.name)),
                });
                let object = match &e.permits {
                    Permits::Domain { domain, .. } | Permits::Address { domain, .. }
                        if *domain == hit.name =>
                    {
                        e.object()
                    }
                    _ => e.object().detail(&hit.name),
                };
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "{} permits {what}, so a forged sender from your own domain skips spam checks; {status}.{}",
                        cap(&e.location()),
                        doubt_note(&e.doubt)
                    ),
                    object,
                    confidence: if e.doubt.is_some() { Confidence::Low } else { Confidence::High },
                    evidence,
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
        crate::rules::testing::check_fixtures("PSN002");
    }

    #[test]
    fn needs_internal_domains_and_one_source_of_permits() {
        assert_eq!(
            outcome_of("PSN002", &bundle(r#","managedSenders":[]"#)),
            Outcome::NotAssessed(vec![Section::InternalDomains])
        );
        assert_eq!(
            outcome_of("PSN002", &bundle(r#","internalDomains":[]"#)),
            Outcome::NotAssessed(vec![
                Section::PermittedSenderPolicies,
                Section::ManagedSenders
            ])
        );
        assert_eq!(
            outcome_of(
                "PSN002",
                &bundle(r#","internalDomains":[],"permittedSenderPolicies":[]"#)
            ),
            Outcome::Pass
        );
    }
}
