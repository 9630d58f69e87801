use crate::model::Section;
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// Mimecast signs outbound mail with a DKIM key shorter than 2048 bits.
    ///
    /// ## Why it matters
    ///
    /// The DKIM standard asks signers to use RSA keys of at least 2048 bits;
    /// 1024 bits is the bare minimum verifiers still accept. A short key is
    /// within reach of a well-funded attacker, and whoever recovers the
    /// private key can sign mail that passes DKIM and DMARC for your domain.
    /// Some receivers also give short keys less weight.
    ///
    /// ## What triggers it
    ///
    /// A DNS Authentication - Outbound definition with DKIM signing on
    /// (`signDkim`) and a key length (`keyLength`) below 2048, selected by a
    /// policy that is enabled and inside its validity window. One finding
    /// per definition. A definition whose key length was not recorded is not
    /// judged, nor one no effective policy uses.
    ///
    /// ## How to fix it
    ///
    /// Create a new definition for the domain with a 2048-bit key and a new
    /// selector, publish its key in DNS and verify it, then point the policy
    /// at the new definition. Keep the old selector's record published for
    /// about a week so mail signed with it can still be checked, then
    /// remove it.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > DNS
    /// Authentication - Outbound** for the new definition, then **Policies >
    /// Gateway Policies > DNS Authentication - Outbound** for the policy.
    pub struct OutboundDkimWeakKey {
        code: "OUT002",
        name: "outbound-dkim-weak-key",
        area: Area::OutboundAuthentication,
        severity: Severity::Low,
        reads: &[Section::DnsAuthOutboundDefinitions, Section::DnsAuthOutboundPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Definitions > DNS Authentication - Outbound",
        controls: &[
            Control::cis_partial("9.5"),
            Control::nist("SC-12"),
            Control::nist("SC-13"),
        ],
    }
}

impl Rule for OutboundDkimWeakKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (d, users) in super::signing_in_use(ctx) {
            let Some(bits) = d.key_length.filter(|b| *b < 2048) else {
                continue;
            };
            let first = vec![Evidence::at(
                &d.origin,
                d.origin.field("keyLength"),
                bits.to_string(),
            )];
            out.push(super::finding(
                &Self::META,
                ctx,
                d,
                &users,
                first,
                &format!("signs with a {bits}-bit key; use a 2048-bit key under a new selector."),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("OUT002");
    }

    #[test]
    fn not_assessed_without_either_section() {
        use crate::rules::{testing::outcome_in, Outcome};
        for body in [
            r#""dnsAuthOutboundDefinitions":[]"#,
            r#""dnsAuthOutboundPolicies":[]"#,
        ] {
            assert!(
                matches!(outcome_in("OUT002", body), Outcome::NotAssessed(_)),
                "{body}"
            );
        }
    }
}
