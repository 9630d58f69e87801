use super::{
    connector_label, connector_platform, count, is_continuity_connector,
    missing_with_platform_sources, platforms_in_use, seen_in,
};
use crate::model::{Config, ContinuityMonitor, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// No active Continuity monitor, or a platform you use has no Continuity connector.
    ///
    /// ## Why it matters
    ///
    /// The Continuity Event Monitor watches mail flow to and from your mail
    /// servers and raises the alarm when it stops, so that continuity mode
    /// can be started before users notice the outage. With no active
    /// monitor, an outage is found by users instead. The monitor's outbound
    /// check and continuity mode itself need a Continuity connector to the
    /// mail platform; a platform without one is left out of continuity
    /// during exactly the outage it is meant for.
    ///
    /// ## What triggers it
    ///
    /// - No Continuity Event Monitor in `continuityMonitors` has status
    ///   `Active` (one finding). Monitors with a status this tool does not
    ///   know, or none, are treated as not active and lower the confidence.
    /// - A platform in use has no Continuity connector: no connector whose
    ///   product code, product name or name mentions continuity serves it
    ///   (one finding per platform). The platforms in use (Microsoft 365,
    ///   Google Workspace, on-premises Exchange) are read from the
    ///   connectors' provider, product code or name and from the directory
    ///   integrations' provider or type, as for SRC001. The finding has
    ///   medium confidence when a Continuity connector does not say which
    ///   platform it serves, and low confidence when connectors were not
    ///   loaded (only directory integrations).
    ///
    /// The rule needs `continuityMonitors` and at least one of `connectors`
    /// or `directoryIntegrations`; without them it is not assessed.
    ///
    /// ## How to fix it
    ///
    /// Create a Continuity connector for each mail platform under Services >
    /// Connectors, then create a Continuity Event Monitor with the inbound
    /// check (pointing at the delivery route to your mail servers) and the
    /// outbound check, and make sure its status is Active. Add notification
    /// recipients so the alert reaches someone outside the mail system that
    /// may be down.
    ///
    /// Console: **Services > Continuity > New Continuity Monitor**, and
    /// **Services > Connectors** for the connector.
    pub struct ContinuityMonitorMissing {
        code: "CON001",
        name: "continuity-monitor-missing",
        area: Area::RemediationContinuity,
        severity: Severity::Medium,
        reads: &[Section::ContinuityMonitors, Section::Connectors],
        version: 1,
        effort: Effort::High,
        console: "Services > Continuity > New Continuity Monitor",
        controls: &[Control::nist_partial("CP-2")],
    }
}

/// `Some(true)` active, `Some(false)` inactive, `None` unknown or missing.
fn is_active(m: &ContinuityMonitor) -> Option<bool> {
    match m.status.trim().to_ascii_lowercase().as_str() {
        "active" => Some(true),
        "inactive" => Some(false),
        _ => None,
    }
}

fn monitors_finding(monitors: &[ContinuityMonitor]) -> Option<Finding> {
    if monitors.iter().any(|m| is_active(m) == Some(true)) {
        return None;
    }
    let unknown = monitors.iter().filter(|m| is_active(m).is_none()).count();
    let message = if monitors.is_empty() {
        "No Continuity Event Monitor is configured, so a mail server outage is not detected or alerted on.".to_string()
    } else if unknown > 0 {
        let who = if unknown == 1 {
            "1 monitor has".to_string()
        } else {
            format!("{unknown} monitors have")
        };
        format!(
            "No Continuity monitor is recorded as Active (of {}); {who} a status this tool does not know, or none, which is treated as not active.",
            count(monitors.len(), "monitor", "monitors")
        )
    } else {
        format!(
            "No Continuity monitor is Active ({} inactive), so a mail server outage is not detected or alerted on.",
            count(monitors.len(), "monitor is", "monitors are")
        )
    };
    let evidence = monitors
        .iter()
        .take(10)
        .map(|m| {
            let status = if m.status.is_empty() {
                "(not set)"
            } else {
                &m.status
            };
            Evidence::at(
                &m.origin,
                m.origin.field("status"),
                format!("\u{201c}{}\u{201d}: {status}", m.description),
            )
        })
        .collect();
    Some(Finding {
        severity: ContinuityMonitorMissing::META.severity,
        message,
        object: Subject::section(Section::ContinuityMonitors),
        confidence: if unknown > 0 {
            Confidence::Medium
        } else {
            Confidence::High
        },
        evidence,
    })
}

impl Rule for ContinuityMonitorMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_with_platform_sources(cfg, Section::ContinuityMonitors)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let mut out: Vec<Finding> = monitors_finding(&cfg.continuity_monitors)
            .into_iter()
            .collect();
        let continuity: Vec<_> = cfg
            .connectors
            .iter()
            .filter(|c| is_continuity_connector(c))
            .collect();
        let connectors_loaded = cfg.has(Section::Connectors);
        for (platform, used) in platforms_in_use(cfg) {
            if continuity
                .iter()
                .any(|c| connector_platform(c).map(|(p, _, _)| p) == Some(platform))
            {
                continue;
            }
            let unknown = continuity
                .iter()
                .filter(|c| connector_platform(c).is_none())
                .count();
            let mut message = format!(
                "{} is in use ({}) but no Continuity connector serves it, so it cannot be monitored or switched to continuity mode during an outage.",
                platform.name(),
                seen_in(&used)
            );
            let confidence = if !connectors_loaded {
                message.push_str(" Connectors were not loaded, so this could not be checked against the connector list.");
                Confidence::Low
            } else if unknown > 0 {
                message.push_str(&format!(
                    " {} not say which platform {} serve{}, so {} may cover it.",
                    count(
                        unknown,
                        "Continuity connector does",
                        "Continuity connectors do"
                    ),
                    if unknown == 1 { "it" } else { "they" },
                    if unknown == 1 { "s" } else { "" },
                    if unknown == 1 { "it" } else { "one of them" },
                ));
                Confidence::Medium
            } else {
                Confidence::High
            };
            let mut evidence: Vec<Evidence> = used.evidence.iter().take(5).cloned().collect();
            for c in continuity.iter().take(10) {
                let served = connector_platform(c)
                    .map(|(p, _, _)| p.name())
                    .unwrap_or("platform not given");
                evidence.push(Evidence::at(
                    &c.origin,
                    c.origin.path.clone(),
                    format!("Continuity {}: {served}", connector_label(c)),
                ));
            }
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: Subject::fixed(platform.name()),
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
    use crate::rules::{Confidence, Outcome};

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("CON001");
    }

    fn run(body: &str) -> Outcome {
        crate::rules::testing::outcome_in("CON001", body)
    }

    #[test]
    fn needs_monitors_and_one_platform_source() {
        assert_eq!(
            run(r#""continuityMonitors":[]"#),
            Outcome::NotAssessed(vec![Section::Connectors])
        );
        assert_eq!(
            run(r#""directoryIntegrations":[]"#),
            Outcome::NotAssessed(vec![Section::ContinuityMonitors])
        );
    }

    #[test]
    fn without_connectors_a_platform_gap_is_low_confidence() {
        let Outcome::Fail(f) = run(
            r#""continuityMonitors":[{"description":"M","status":"Active","notify":{"emailGroup":"On call"}}],
               "directoryIntegrations":[{"id":"d1","name":"Tenant","provider":"m365"}]"#,
        ) else {
            panic!("expected a finding")
        };
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].object, "Microsoft 365");
        assert_eq!(f[0].confidence, Confidence::Low);
    }
}
