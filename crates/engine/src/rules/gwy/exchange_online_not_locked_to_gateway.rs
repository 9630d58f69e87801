use super::{covers, lockdown, lockdown_connectors, receiving_domains, Lockdown};
use crate::model::{Config, InboundConnector, Known, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// Exchange Online accepts inbound mail that did not come through
    /// Mimecast.
    ///
    /// ## Why it matters
    ///
    /// Every Microsoft 365 tenant can be reached directly at
    /// `<tenant>.mail.protection.outlook.com`, whatever the MX records say.
    /// Unless Exchange Online is told to accept mail for its domains only
    /// from Mimecast, anyone who knows or guesses that host can deliver
    /// straight to the mailboxes and skip every Mimecast check — the route
    /// used by the Direct Send phishing campaigns of 2025.
    ///
    /// ## What triggers it
    ///
    /// The Exchange Online inbound connectors were collected and none of
    /// them locks the tenant down to Mimecast. A connector locks down when
    /// it is enabled, of type *Partner* (the restrictions only apply to
    /// partner connectors), accepts the sender domain `*`, and rejects mail
    /// that does not come from Mimecast: by source IP (IP restriction on,
    /// sender IPs given, none of them overlapping a shared provider's range
    /// such as Microsoft 365's own) or by certificate (certificate
    /// restriction and required TLS on, with a Mimecast certificate name
    /// such as `*.mimecast.com`). A connector limited to some accepted
    /// domains locks down only those: the rule also fails when a receiving
    /// internal domain (or the tenant's `onmicrosoft.com` domain, when
    /// known) is left without one. The finding names each connector and the
    /// first condition it fails. When a connector would lock down but its
    /// type or a flag it needs is unreadable (a number instead of text),
    /// the rule is not assessed rather than failed.
    ///
    /// ## How to fix it
    ///
    /// In the Exchange admin center, *Mail flow > Connectors > Add a
    /// connector*: connection from *Partner organization*, identify the
    /// partner by sender domain `*`, and under the security restrictions
    /// reject mail not sent over TLS, require the certificate subject
    /// `*.mimecast.com` (`*.mimecast.co.za` in South Africa), and reject
    /// mail not sent from Mimecast's IP ranges for your region. In
    /// PowerShell: `New-InboundConnector -Name "Mimecast to Microsoft 365"
    /// -ConnectorType Partner -SenderDomains * -RequireTls $true
    /// -RestrictDomainsToCertificate $true -TlsSenderCertificateName
    /// *.mimecast.com -RestrictDomainsToIPAddresses $true -SenderIPAddresses
    /// <Mimecast ranges>`. A certificate-only connector counts, but adding
    /// the IP restriction too is better.
    ///
    /// Console: the connector is made in Microsoft's **Exchange admin
    /// center** (Mail flow > Connectors), not in Mimecast.
    pub struct ExchangeOnlineNotLockedToGateway {
        code: "GWY002",
        name: "exchange-online-not-locked-to-gateway",
        area: Area::MailRouting,
        severity: Severity::High,
        reads: &[Section::ExchangeOnline],
        version: 1,
        effort: Effort::Medium,
        console: "",
        controls: &[Control::cis_partial("13.10"), Control::nist("SC-7"), Control::nist("AC-4")],
    }
}

/// Why the rule cannot judge: no connector locks down, but one might
/// except for a value that could not be read.
fn unreadable(cfg: &Config) -> Option<String> {
    let list = cfg.exchange_online.inbound_connectors.as_ref()?;
    if !lockdown_connectors(cfg).is_empty() {
        return None;
    }
    let why: Vec<String> = list
        .iter()
        .filter_map(|c| match lockdown(c) {
            Lockdown::Unreadable(w) => Some(format!("{}: {w}", c.name)),
            _ => None,
        })
        .collect();
    (!why.is_empty()).then(|| why.join("; "))
}

fn describe(c: &InboundConnector) -> String {
    let b = |f: &Option<Known<bool>>| match f {
        None => "-".to_string(),
        Some(Known::Known(x)) => x.to_string(),
        Some(Known::Unknown(t)) => format!("unreadable \"{t}\""),
    };
    let ty = match &c.connector_type {
        None => "-".to_string(),
        Some(Known::Known(t)) => format!("{t:?}"),
        Some(Known::Unknown(t)) => format!("unreadable \"{t}\""),
    };
    let ips: Vec<&str> = c.sender_ips.iter().map(|i| i.text.as_str()).collect();
    format!(
        "Enabled {}, ConnectorType {ty}, SenderDomains [{}], AssociatedAcceptedDomains [{}], RestrictDomainsToIPAddresses {} SenderIPAddresses [{}], RestrictDomainsToCertificate {} RequireTls {} TlsSenderCertificateName {}",
        b(&c.enabled),
        c.sender_domains.join(", "),
        c.accepted_domains.join(", "),
        b(&c.restrict_to_ips),
        ips.join(", "),
        b(&c.restrict_to_certificate),
        b(&c.require_tls),
        c.certificate_name.as_deref().unwrap_or("-"),
    )
}

impl Rule for ExchangeOnlineNotLockedToGateway {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        if cfg.exchange_online.inbound_connectors.is_none() || unreadable(cfg).is_some() {
            vec![Section::ExchangeOnline]
        } else {
            Vec::new()
        }
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        if !cfg.has(Section::ExchangeOnline) {
            return None;
        }
        Some(match unreadable(cfg) {
            Some(why) => format!("no connector could be judged: {why}"),
            None => "the inbound connectors were not collected (`ConvertTo-Json -Depth 5 -InputObject @(Get-InboundConnector)`); collect them only if the mailboxes are in Microsoft 365".into(),
        })
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let Some(list) = cfg.exchange_online.inbound_connectors.as_ref() else {
            return Vec::new();
        };
        let locks = lockdown_connectors(cfg);
        let mut evidence: Vec<Evidence> = list
            .iter()
            .map(|c| {
                let verdict = match lockdown(c) {
                    Lockdown::Yes(ways) => format!(
                        "locks down by {}{}",
                        ways.join(" and "),
                        if c.accepted_domains.is_empty() {
                            String::new()
                        } else {
                            format!(" (only for {})", c.accepted_domains.join(", "))
                        }
                    ),
                    Lockdown::No(why) => why,
                    Lockdown::Unreadable(why) => why,
                };
                Evidence::at(
                    &c.origin,
                    c.origin.path.clone(),
                    format!("{}: {verdict} — {}", c.name, describe(c)),
                )
            })
            .collect();
        if let Some(o) = &cfg.exchange_online.organization_config {
            if let Some(v) = &o.reject_direct_send {
                let v = match v {
                    Known::Known(b) => b.to_string(),
                    Known::Unknown(t) => format!("unreadable \"{t}\""),
                };
                evidence.push(Evidence::at(
                    &o.origin,
                    o.origin.field("RejectDirectSend"),
                    format!("RejectDirectSend {v}"),
                ));
            }
        }
        let subject = Subject::fixed("exchangeOnline.inboundConnectors");
        if locks.is_empty() {
            if list.is_empty() {
                let files = cfg
                    .sections
                    .get(&Section::ExchangeOnline)
                    .map(|s| s.sources.join(", "))
                    .unwrap_or_default();
                evidence.push(Evidence {
                    file: files,
                    path: "exchangeOnline.inboundConnectors".into(),
                    value: "no inbound connectors".into(),
                });
            }
            return vec![Finding {
                severity: Self::META.severity,
                message: format!(
                    "No Exchange Online inbound connector accepts mail only from Mimecast ({} connector{} seen): anyone can deliver straight to the tenant and skip Mimecast.",
                    list.len(),
                    if list.len() == 1 { "" } else { "s" }
                ),
                object: subject,
                confidence: Confidence::High,
                evidence,
            }];
        }
        let open: Vec<String> = receiving_domains(cfg)
            .into_iter()
            .filter(|d| !locks.iter().any(|(c, _)| covers(c, d)))
            .collect();
        if open.is_empty() {
            return Vec::new();
        }
        vec![Finding {
            severity: Self::META.severity,
            message: format!(
                "The Exchange Online connectors that accept mail only from Mimecast are limited to some accepted domains; mail for {} can still be delivered to the tenant without passing Mimecast.",
                open.join(", ")
            ),
            object: subject,
            confidence: Confidence::Medium,
            evidence,
        }]
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("GWY002");
    }

    fn connector(extra: &str) -> String {
        format!(
            r#""exchangeOnline": {{"inboundConnectors": [{{"Name": "M", "Enabled": true, "ConnectorType": "Partner",
            "SenderDomains": ["smtp:*;1"], "RestrictDomainsToIPAddresses": true, "SenderIPAddresses": ["192.0.2.0/24"],
            "RestrictDomainsToCertificate": false, "RequireTls": true {extra}}}]}}"#
        )
    }

    #[test]
    fn not_assessed_without_connectors() {
        assert_eq!(
            outcome_in(
                "GWY002",
                r#""exchangeOnline": {"organizationConfig": {"RejectDirectSend": true}}"#
            ),
            Outcome::NotAssessed(vec![Section::ExchangeOnline])
        );
        assert_eq!(
            outcome_in("GWY002", ""),
            Outcome::NotAssessed(vec![Section::ExchangeOnline])
        );
    }

    #[test]
    fn unreadable_values_are_not_assessed_never_failed() {
        let o = outcome_in(
            "GWY002",
            &connector(r#", "ConnectorType": 1"#).replace(r#""ConnectorType": "Partner","#, ""),
        );
        assert_eq!(o, Outcome::NotAssessed(vec![Section::ExchangeOnline]));
        let o = outcome_in(
            "GWY002",
            &connector("").replace(
                r#""RestrictDomainsToIPAddresses": true"#,
                r#""RestrictDomainsToIPAddresses": "maybe""#,
            ),
        );
        assert_eq!(o, Outcome::NotAssessed(vec![Section::ExchangeOnline]));
    }

    #[test]
    fn each_condition_of_a_lockdown_connector() {
        assert_eq!(outcome_in("GWY002", &connector("")), Outcome::Pass);
        for (from, to) in [
            (r#""Enabled": true"#, r#""Enabled": "False""#),
            (
                r#""ConnectorType": "Partner""#,
                r#""ConnectorType": "OnPremises""#,
            ),
            (r#""smtp:*;1""#, r#""smtp:vendor.example;1""#),
            (
                r#""RestrictDomainsToIPAddresses": true"#,
                r#""RestrictDomainsToIPAddresses": false"#,
            ),
            (r#""192.0.2.0/24""#, r#""40.107.0.0/24""#),
        ] {
            let text = connector("").replace(from, to);
            assert!(
                matches!(outcome_in("GWY002", &text), Outcome::Fail(_)),
                "{to}"
            );
        }
        // Certificate only: the certificate restriction needs RequireTls and
        // a Mimecast name.
        let cert = connector(r#", "TlsSenderCertificateName": "*.mimecast.com""#)
            .replace(
                r#""RestrictDomainsToIPAddresses": true"#,
                r#""RestrictDomainsToIPAddresses": false"#,
            )
            .replace(
                r#""RestrictDomainsToCertificate": false"#,
                r#""RestrictDomainsToCertificate": true"#,
            );
        assert_eq!(outcome_in("GWY002", &cert), Outcome::Pass);
        for (from, to) in [
            (r#""RequireTls": true"#, r#""RequireTls": false"#),
            (r#""*.mimecast.com""#, r#""*.evil-mimecast.com""#),
        ] {
            let text = cert.replace(from, to);
            assert!(
                matches!(outcome_in("GWY002", &text), Outcome::Fail(_)),
                "{to}"
            );
        }
    }
}
