use crate::model::Section;
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// Mimecast signs outbound mail with a DKIM key it never validated.
    ///
    /// ## Why it matters
    ///
    /// A receiving server checks a DKIM signature against the public key
    /// published in DNS under the selector named in the signature. When
    /// that record is missing or differs from the key Mimecast holds, the
    /// signature fails, so mail you believe is signed arrives without a
    /// valid DKIM result. Where SPF does not align either (forwarded mail,
    /// mailing lists), a DMARC policy of quarantine or reject then sends
    /// your own legitimate mail to spam or bounces it. Mimecast marks a
    /// definition as validated only after it has found the published key.
    ///
    /// ## What triggers it
    ///
    /// A DNS Authentication - Outbound definition with DKIM signing on
    /// (`signDkim`) that is not validated (`validated` false), selected by a
    /// policy that is enabled and inside its validity window. One finding
    /// per definition, naming the record to publish and the policies using
    /// it. A definition no effective policy uses is not judged, nor one
    /// whose validation state was not recorded; a policy naming a
    /// definition that was not loaded does not count.
    ///
    /// When no effective policy signs at all, the rule passes: Mimecast then
    /// adds no DKIM signature, and mail signed earlier (for example by
    /// Exchange Online) can still pass DMARC if Mimecast leaves it unaltered.
    ///
    /// ## How to fix it
    ///
    /// Publish the definition's public key as a TXT record at its DNS
    /// address (`<selector>._domainkey.<domain>`), wait for it to be
    /// visible, then run the definition's verify action. Until the record
    /// exists, point the policy at a validated definition or stop signing
    /// with this one.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > DNS
    /// Authentication - Outbound** (older consoles: Administration >
    /// Gateway > Policies), open the definition and verify it.
    pub struct OutboundDkimKeyUnvalidated {
        code: "OUT001",
        name: "outbound-dkim-key-unvalidated",
        area: Area::OutboundAuthentication,
        severity: Severity::Medium,
        reads: &[Section::DnsAuthOutboundDefinitions, Section::DnsAuthOutboundPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Definitions > DNS Authentication - Outbound",
        controls: &[Control::cis("9.5"), Control::nist_partial("SC-8")],
    }
}

impl Rule for OutboundDkimKeyUnvalidated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (d, users) in super::signing_in_use(ctx) {
            if d.validated != Some(false) {
                continue;
            }
            let record = d
                .dns_address
                .clone()
                .unwrap_or_else(|| match (&d.selector, &d.domain) {
                    (Some(s), Some(dom)) => format!("{s}._domainkey.{dom}"),
                    _ => "the definition's DNS address".into(),
                });
            let mut first = vec![Evidence::at(
                &d.origin,
                d.origin.field("validated"),
                "false",
            )];
            if let Some(a) = &d.dns_address {
                first.push(Evidence::at(
                    &d.origin,
                    d.origin.field("dnsAddress"),
                    a.clone(),
                ));
            }
            out.push(super::finding(
                &Self::META,
                ctx,
                d,
                &users,
                first,
                &format!(
                    "signs outbound mail with a key Mimecast has not validated: publish its public key at {record} and verify the definition, or receivers cannot check the signature."
                ),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("OUT001");
    }

    #[test]
    fn not_assessed_without_either_section() {
        use crate::rules::{testing::outcome_in, Outcome};
        for body in [
            r#""dnsAuthOutboundDefinitions":[]"#,
            r#""dnsAuthOutboundPolicies":[]"#,
        ] {
            assert!(
                matches!(outcome_in("OUT001", body), Outcome::NotAssessed(_)),
                "{body}"
            );
        }
    }
}
