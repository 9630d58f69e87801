use crate::model::{AlterationDefinition, Config, Policy, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{describe_scope, is_effective, is_internal_domain};

declare_rule! {
    /// An address alteration sends mail to an address outside the organisation.
    ///
    /// ## Why it matters
    ///
    /// Address alterations rewrite addresses at the gateway, before mail
    /// reaches any mailbox. A rewrite of a recipient to an outside address
    /// delivers that user's inbound mail elsewhere, and a rewrite of the
    /// reply-to of outgoing mail sends every answer elsewhere. Neither the
    /// user nor a review of mailbox forwarding rules sees it: it is the
    /// gateway version of a malicious forwarding rule, and a common way to
    /// keep reading a departed employee's mail.
    ///
    /// ## What triggers it
    ///
    /// An address alteration definition whose new address is in a domain
    /// that is not one of your internal domains, and that either rewrites
    /// recipients (`addressType` `envelope_to`, `to_cc_bcc` or `all`) of
    /// inbound mail (`routing` `inbound` or `all`), or rewrites the reply-to
    /// (`reply_to` or `all`) of outbound mail (`outbound` or `all`). The
    /// definition must be in use: its Address Alteration Set (or a set it is
    /// nested in) is selected by an address alteration policy that is
    /// enabled and inside its validity window. A definition whose set is not
    /// known counts when any such policy exists, with medium confidence.
    /// One finding per definition.
    ///
    /// ## How to fix it
    ///
    /// Remove the rewrite, or send the mail to an internal mailbox whose
    /// forwarding is approved and reviewed like any other. If the redirect
    /// is intended (a leaver's mail to a successor at a partner company),
    /// accept the risk with that reason and an end date.
    ///
    /// Console: **Policies > Gateway Policies > Address Alterations**, and
    /// the Address Alteration Sets under **Policies > Gateway Policies >
    /// Definitions**.
    pub struct AddressAlterationRedirectsOutside {
        code: "ADR001",
        name: "address-alteration-redirects-outside",
        area: Area::GatewayServices,
        severity: Severity::High,
        reads: &[
            Section::AddressAlterationDefinitions,
            Section::AddressAlterationPolicies,
            Section::InternalDomains,
        ],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Address Alterations",
        controls: &[Control::nist("AC-4"), Control::nist("SC-7")],
    }
}

/// The domain of an address or pattern (`*@old.example`, `@old.example`,
/// `user@host.example`, or a bare domain); `None` when it has none.
pub fn domain_of_pattern(address: &str) -> Option<String> {
    let a = address.trim();
    let d = match a.rsplit_once('@') {
        Some((_, d)) => d,
        None if a.contains('.') => a,
        None => return None,
    };
    let d = d.trim().trim_start_matches("*.").trim_end_matches('.');
    (!d.is_empty() && !d.contains('*')).then(|| d.to_ascii_lowercase())
}

/// What the rewrite redirects, when it sends mail outside: "recipients of
/// inbound mail" or "replies to outbound mail".
fn redirect(d: &AlterationDefinition, cfg: &Config) -> Option<(&'static str, String)> {
    let domain = domain_of_pattern(&d.new_address)?;
    if is_internal_domain(cfg, &domain) {
        return None;
    }
    let kind = d.address_type.as_deref()?;
    let routing = d.routing.as_deref()?;
    let what = if ["envelope_to", "to_cc_bcc", "all"].contains(&kind)
        && ["inbound", "all"].contains(&routing)
    {
        "the recipients of inbound mail"
    } else if ["reply_to", "all"].contains(&kind) && ["outbound", "all"].contains(&routing) {
        "the reply-to address of outbound mail"
    } else {
        return None;
    };
    Some((what, domain))
}

impl Rule for AddressAlterationRedirectsOutside {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let g = &ctx.cfg.gateway_services;
        let effective: Vec<&Policy> = ctx
            .cfg
            .policies(Section::AddressAlterationPolicies)
            .iter()
            .filter(|p| is_effective(p, ctx.at))
            .collect();
        if effective.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for d in &g.alteration_definitions {
            let Some((what, domain)) = redirect(d, ctx.cfg) else {
                continue;
            };
            let (users, confidence): (Vec<&Policy>, Confidence) = match &d.folder_id {
                Some(folder) => (
                    effective
                        .iter()
                        .copied()
                        .filter(|p| {
                            p.definition_id.as_deref().is_some_and(|set| {
                                g.set_and_descendants(set.trim()).contains(&folder.as_str())
                            })
                        })
                        .collect(),
                    Confidence::High,
                ),
                None => (effective.clone(), Confidence::Medium),
            };
            if users.is_empty() {
                continue;
            }
            let set = match &d.folder_id {
                Some(f) => match g.set(f).filter(|s| !s.description.is_empty()) {
                    Some(s) => format!("in set \u{201c}{}\u{201d} ({f})", s.description),
                    None => format!("in set {f}"),
                },
                None => "in a set this export does not name (confirm it is in use)".into(),
            };
            let mut evidence = vec![
                Evidence::at(
                    &d.origin,
                    d.origin.field("newAddress"),
                    format!("{} \u{2192} {}", d.original_address, d.new_address),
                ),
                Evidence::at(
                    &d.origin,
                    d.origin.field("addressType"),
                    d.address_type.clone().unwrap_or_default(),
                ),
                Evidence::at(
                    &d.origin,
                    d.origin.field("routing"),
                    d.routing.clone().unwrap_or_default(),
                ),
            ];
            for p in users.iter().take(10) {
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!(
                        "address alteration policy {} ({})",
                        p.label(),
                        describe_scope(p, ctx.cfg)
                    ),
                ));
            }
            let by = match users.as_slice() {
                [one] => format!("policy {}", one.label()),
                [first, ..] if d.folder_id.is_none() => format!(
                    "one of {} address alteration policies such as {}",
                    users.len(),
                    first.label()
                ),
                [first, ..] => format!("{} policies such as {}", users.len(), first.label()),
                [] => unreachable!("users is not empty"),
            };
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "Address alteration {} \u{2192} {} ({set}, applied by {by}) rewrites {what} to {domain}, which is not an internal domain: that mail leaves the organisation unseen by its owner.",
                    d.original_address, d.new_address
                ),
                object: Subject::record(&d.id, &d.origin),
                confidence,
                evidence,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::domain_of_pattern;

    #[test]
    fn domains_of_patterns() {
        assert_eq!(
            domain_of_pattern("*@Old.Example").as_deref(),
            Some("old.example")
        );
        assert_eq!(
            domain_of_pattern("@old.example").as_deref(),
            Some("old.example")
        );
        assert_eq!(
            domain_of_pattern("a@b.example.").as_deref(),
            Some("b.example")
        );
        assert_eq!(domain_of_pattern("b.example").as_deref(), Some("b.example"));
        assert_eq!(domain_of_pattern("*@*.example").as_deref(), Some("example"));
        assert_eq!(domain_of_pattern("nobody"), None);
        assert_eq!(domain_of_pattern("a@*"), None);
    }

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("ADR001");
    }

    #[test]
    fn not_assessed_without_definitions_policies_or_domains() {
        use crate::rules::{testing::outcome_in, Outcome};
        let parts = [
            r#""addressAlterationDefinitions":[]"#,
            r#""addressAlterationPolicies":[]"#,
            r#""internalDomains":[]"#,
        ];
        for skip in 0..parts.len() {
            let body: Vec<&str> = (0..parts.len())
                .filter(|i| *i != skip)
                .map(|i| parts[i])
                .collect();
            assert!(
                matches!(
                    outcome_in("ADR001", &body.join(",")),
                    Outcome::NotAssessed(_)
                ),
                "{body:?}"
            );
        }
        assert_eq!(outcome_in("ADR001", &parts.join(",")), Outcome::Pass);
    }
}
