use std::collections::BTreeMap;

use super::{anti_spoofing_cover, missing_with_permit_sources, Entry, InternalHit, SpoofCover};
use crate::model::{Config, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// One of your domains is permitted and anti-spoofing does not cover it.
    ///
    /// ## Why it matters
    ///
    /// Permitted senders are still subject to anti-spoofing: it is the check
    /// that rejects an outside server claiming to send as your own domain,
    /// and it is what keeps a permit for your domain from turning into an
    /// open door. When an internal domain appears in the permitted senders
    /// and no anti-spoofing policy applies to it, a forged message from that
    /// domain meets neither check and lands in the inbox looking internal.
    ///
    /// ## What triggers it
    ///
    /// An internal domain (or a subdomain of one) that a permit entry in
    /// force names — through a *Permit Sender* policy's sender scope
    /// (Internal Addresses, an Email Domain, an address, a wildcard pattern,
    /// or a loaded profile group), or through a Permit or Auto Allow
    /// managed-senders entry that has not expired — while no anti-spoofing
    /// policy that is enabled, inside its validity window and set to *Apply
    /// Anti-Spoofing* (`apply` or `apply_non_mimecast`) covers it. Coverage is
    /// decided as in ASP003: Email Domain equal to the domain or a parent,
    /// Internal Addresses, Everyone, or a profile group holding the domain. One
    /// finding is reported per domain, listing the permit entries. When the
    /// only candidate policy uses a profile group whose members were not
    /// loaded, the finding carries low confidence.
    ///
    /// ## How to fix it
    ///
    /// First remove the permit entries for your own domain (see PSN002).
    /// Then create an anti-spoofing policy for the domain: option *Apply
    /// Anti-Spoofing (Exclude Mimecast IPs)*, Addresses Based On *Both*,
    /// Applies From *Email Domain* = the domain, Applies To *Internal
    /// Addresses*, enabled and perpetual, with no Source IP Ranges.
    ///
    /// Console: **Policies > Gateway Policies > Anti-Spoofing > New Policy**
    /// (older consoles: Administration > Gateway > Policies > Anti-Spoofing);
    /// permit entries under **Policies > Gateway Policies > Permitted
    /// Senders** and **Email Delivery > Managed Senders**.
    pub struct AntiSpoofingNotOverridingPermits {
        code: "PSN005",
        name: "anti-spoofing-not-overriding-permits",
        area: Area::PermittedSenders,
        severity: Severity::High,
        reads: &[
            Section::InternalDomains,
            Section::AntiSpoofingPolicies,
            Section::PermittedSenderPolicies,
            Section::ManagedSenders,
        ],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Anti-Spoofing > New Policy",
        controls: &[Control::cis_partial("9.5"), Control::nist("SI-8")],
    }
}

impl Rule for AntiSpoofingNotOverridingPermits {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_with_permit_sources(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut by_domain: BTreeMap<String, (InternalHit, Vec<&Entry>)> = BTreeMap::new();
        for e in ctx.permit_entries() {
            for hit in e.internal_hits(ctx.cfg) {
                by_domain
                    .entry(hit.name.clone())
                    .or_insert_with(|| (hit, Vec::new()))
                    .1
                    .push(e);
            }
        }
        let mut out = Vec::new();
        for (domain, (hit, permits)) in by_domain {
            let cover = anti_spoofing_cover(ctx.cfg, ctx.at, &domain);
            let unknown = match &cover {
                SpoofCover::Covered(_) => continue,
                SpoofCover::NotCovered => None,
                SpoofCover::Unknown(r) => Some(r.clone()),
                SpoofCover::NotLoaded => Some("anti-spoofing policies were not loaded".to_string()),
            };
            let doubtful = permits.iter().all(|e| e.doubt.is_some());
            let io = &hit.internal.origin;
            let mut evidence = vec![Evidence::at(
                io,
                io.field("domain"),
                hit.internal.domain.clone(),
            )];
            for e in permits.iter().take(8) {
                evidence.extend(e.evidence());
            }
            evidence.push(Evidence::at(
                io,
                io.field("domain"),
                cover.describe(&domain),
            ));
            let first = permits[0];
            let others = match permits.len() {
                1 => String::new(),
                n => format!(
                    " and {} other entr{}",
                    n - 1,
                    if n == 2 { "y" } else { "ies" }
                ),
            };
            let mut message = if let Some(reason) = &unknown {
                format!(
                    "Internal domain {domain} is permitted by {} in {}{others}, and no anti-spoofing policy certainly covers it (unknown: {reason}), so a forged {domain} sender may get in.",
                    first.text(), first.location()
                )
            } else {
                format!(
                    "Internal domain {domain} is permitted by {} in {}{others}, and no effective anti-spoofing policy covers it, so a forged {domain} sender gets in unchecked.",
                    first.text(), first.location()
                )
            };
            if doubtful {
                message.push_str(&super::doubt_note(&first.doubt));
            }
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: Subject::domain(&domain),
                confidence: if unknown.is_some() || doubtful {
                    Confidence::Low
                } else {
                    Confidence::High
                },
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
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("PSN005");
    }

    #[test]
    fn needs_domains_anti_spoofing_and_a_source_of_permits() {
        assert_eq!(
            outcome_of(
                "PSN005",
                &bundle(r#","internalDomains":[],"managedSenders":[]"#)
            ),
            Outcome::NotAssessed(vec![Section::AntiSpoofingPolicies])
        );
        assert_eq!(
            outcome_of(
                "PSN005",
                &bundle(r#","internalDomains":[],"antiSpoofingPolicies":[]"#)
            ),
            Outcome::NotAssessed(vec![
                Section::PermittedSenderPolicies,
                Section::ManagedSenders
            ])
        );
        assert_eq!(
            outcome_of(
                "PSN005",
                &bundle(r#","internalDomains":[],"antiSpoofingPolicies":[],"managedSenders":[]"#)
            ),
            Outcome::Pass
        );
    }
}
