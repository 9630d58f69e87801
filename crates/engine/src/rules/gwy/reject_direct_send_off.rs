use super::lockdown_connectors;
use crate::model::{Config, Known, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// Exchange Online still accepts Direct Send mail from unknown sources.
    ///
    /// ## Why it matters
    ///
    /// Direct Send lets a device or application hand anonymous mail to the
    /// tenant's `mail.protection.outlook.com` host with a sender in one of
    /// the tenant's own domains. Attackers use the same path to deliver
    /// convincing internal-looking phishing that never passed Mimecast.
    /// With the organisation setting `RejectDirectSend` on, Exchange Online
    /// rejects such mail unless it matches a connector.
    ///
    /// ## What triggers it
    ///
    /// The Exchange Online organization config was collected and its
    /// `RejectDirectSend` is false. The evidence says whether GWY002 found a
    /// connector that already limits inbound mail to Mimecast; with one, the
    /// setting is defence in depth, hence the low severity. Not assessed
    /// when the organization config was not collected, or the export has no
    /// `RejectDirectSend` (a tenant or export from before the setting
    /// existed).
    ///
    /// ## How to fix it
    ///
    /// Move printers, scanners and applications that send by Direct Send to
    /// authenticated SMTP submission or to a partner connector, then run
    /// `Set-OrganizationConfig -RejectDirectSend $true` in Exchange Online
    /// PowerShell. The change can take up to about half an hour to apply;
    /// rejected messages get a `550 5.7.68` answer naming Direct Send.
    ///
    /// Console: the setting is made in Exchange Online PowerShell, not in
    /// Mimecast.
    pub struct RejectDirectSendOff {
        code: "GWY003",
        name: "reject-direct-send-off",
        area: Area::MailRouting,
        severity: Severity::Low,
        reads: &[Section::ExchangeOnline],
        version: 1,
        effort: Effort::Medium,
        console: "",
        controls: &[Control::cis("4.8"), Control::nist("CM-7"), Control::nist("SC-7")],
    }
}

fn value(cfg: &Config) -> Option<&Known<bool>> {
    cfg.exchange_online
        .organization_config
        .as_ref()?
        .reject_direct_send
        .as_ref()
}

impl Rule for RejectDirectSendOff {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        match value(cfg) {
            Some(Known::Known(_)) => Vec::new(),
            _ => vec![Section::ExchangeOnline],
        }
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        if !cfg.has(Section::ExchangeOnline) {
            return None;
        }
        Some(match (&cfg.exchange_online.organization_config, value(cfg)) {
            (None, _) => "the organization config was not collected (`Get-OrganizationConfig | Select-Object Identity, Name, RejectDirectSend | ConvertTo-Json`)".into(),
            (Some(_), None) => "RejectDirectSend is not in the export: the export or the tenant predates the setting; export it again with `Select-Object Identity, Name, RejectDirectSend`".into(),
            (Some(_), Some(v)) => format!("RejectDirectSend is unreadable ({v:?})"),
        })
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let Some(o) = cfg.exchange_online.organization_config.as_ref() else {
            return Vec::new();
        };
        if !matches!(o.reject_direct_send, Some(Known::Known(false))) {
            return Vec::new();
        }
        let who = o
            .name
            .as_deref()
            .or(o.identity.as_deref())
            .unwrap_or("the organization");
        let mut evidence = vec![Evidence::at(
            &o.origin,
            o.origin.field("RejectDirectSend"),
            format!("RejectDirectSend false ({who})"),
        )];
        if let Some(list) = &cfg.exchange_online.inbound_connectors {
            let locks = lockdown_connectors(cfg);
            evidence.push(Evidence {
                file: o.origin.file.to_string(),
                path: "exchangeOnline.inboundConnectors".into(),
                value: match locks.first() {
                    Some((c, _)) => format!(
                        "GWY002 found a lockdown connector ({}): direct-send traffic from non-Mimecast sources is then likely already rejected; this setting is defence in depth",
                        c.name
                    ),
                    None => format!(
                        "GWY002 found no lockdown connector among {} connector(s): direct sending to the tenant is open",
                        list.len()
                    ),
                },
            });
        }
        vec![Finding {
            severity: Self::META.severity,
            message: "Exchange Online accepts Direct Send: anonymous mail claiming one of your own domains can be delivered straight to the tenant (RejectDirectSend is off).".into(),
            object: Subject::fixed("exchangeOnline.organizationConfig.RejectDirectSend"),
            confidence: Confidence::High,
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
        crate::rules::testing::check_fixtures("GWY003");
    }

    #[test]
    fn string_booleans_and_not_assessed_cases() {
        assert!(matches!(
            outcome_in(
                "GWY003",
                r#""exchangeOnline": {"organizationConfig": {"Identity": "x.onmicrosoft.com", "RejectDirectSend": "False"}}"#
            ),
            Outcome::Fail(_)
        ));
        assert_eq!(
            outcome_in(
                "GWY003",
                r#""exchangeOnline": {"organizationConfig": [{"rejectdirectsend": "TRUE"}]}"#
            ),
            Outcome::Pass
        );
        for text in [
            r#""exchangeOnline": {"organizationConfig": {"Identity": "x.onmicrosoft.com", "AuditDisabled": false}}"#,
            r#""exchangeOnline": {"inboundConnectors": []}"#,
            r#""exchangeOnline": {"organizationConfig": {"RejectDirectSend": "perhaps"}}"#,
            "",
        ] {
            assert_eq!(
                outcome_in("GWY003", text),
                Outcome::NotAssessed(vec![Section::ExchangeOnline]),
                "{text}"
            );
        }
    }
}
