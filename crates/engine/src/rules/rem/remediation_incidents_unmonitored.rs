use crate::model::{Config, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// Nobody is told about remediation, or removals failed and were left as they are.
    ///
    /// ## Why it matters
    ///
    /// Remediation is only as good as the follow-up. Without a notification
    /// group, nobody learns that a malicious message was found in mailboxes
    /// or that it was removed — so nobody checks who clicked before it went.
    /// A removal that failed leaves copies of a known-bad message in some
    /// mailboxes; unless someone is watching the incident queue, those
    /// copies stay there.
    ///
    /// ## What triggers it
    ///
    /// The rule reads `threatRemediation`.
    ///
    /// - When the settings were recorded and name no notification group
    ///   (`notifyGroup` empty or absent): one finding for the settings.
    /// - For every incident whose `failed` count is above zero: one finding
    ///   per incident, naming it and the number of messages that could not
    ///   be removed.
    ///
    /// Without settings, only the incidents are checked (the notification
    /// group cannot be seen in incidents). The rule is not assessed when
    /// neither settings nor incidents were loaded.
    ///
    /// ## How to fix it
    ///
    /// On the Threat Remediation Settings tab, choose an administrator group
    /// that is actually read (a security team mailbox rather than one
    /// person) to receive remediation notifications. Then open each incident
    /// with failed removals on the Incidents tab, find out why those
    /// mailboxes could not be reached (connector permissions, moved or
    /// deleted mailboxes) and remove the remaining copies; make reviewing the
    /// incident queue part of the security team's routine.
    ///
    /// Console: **Services > Threat Remediation > Settings** and the
    /// **Incidents** tab (the notification group's label may differ on your
    /// console).
    pub struct RemediationIncidentsUnmonitored {
        code: "TRM002",
        name: "remediation-incidents-unmonitored",
        area: Area::RemediationContinuity,
        severity: Severity::Medium,
        reads: &[Section::ThreatRemediation],
        version: 1,
        effort: Effort::Low,
        console: "Services > Threat Remediation > Settings",
        controls: &[Control::nist("IR-5"), Control::nist("IR-6")],
    }
}

impl Rule for RemediationIncidentsUnmonitored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        let tr = &cfg.threat_remediation;
        if cfg.has(Section::ThreatRemediation) && (tr.settings.is_some() || tr.incidents.is_some())
        {
            Vec::new()
        } else {
            vec![Section::ThreatRemediation]
        }
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let tr = &ctx.cfg.threat_remediation;
        let mut out = Vec::new();
        if let Some(s) = tr.settings.as_ref().filter(|s| s.notify_group.is_none()) {
            let o = &s.origin;
            out.push(Finding {
                severity: Self::META.severity,
                message: "Threat Remediation settings name no notification group, so nobody is told when malicious messages are found or removed.".into(),
                object: Subject::fixed("threatRemediation.settings"),
                confidence: Confidence::High,
                evidence: vec![Evidence::at(o, o.field("notifyGroup"), "(not set)")],
            });
        }
        for i in tr.incidents.iter().flatten().filter(|i| i.failed > 0) {
            let name = match &i.code {
                Some(code) => format!("{code} ({})", i.id),
                None => i.id.clone(),
            };
            let o = &i.origin;
            let of = if i.identified > 0 {
                format!(" of {} identified", i.identified)
            } else {
                String::new()
            };
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "Remediation incident {name} could not remove {} message{}{of}; the remaining copies may still be in mailboxes and need follow-up.",
                    i.failed,
                    if i.failed == 1 { "" } else { "s" }
                ),
                object: Subject::record(&i.id, &i.origin),
                confidence: Confidence::High,
                evidence: vec![Evidence::at(o, o.field("failed"), i.failed.to_string())],
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_of;
    use crate::rules::Outcome;
    use crate::InputFile;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("TRM002");
    }

    #[test]
    fn empty_section_is_not_assessed() {
        let text = r#"{"format":"mimecast-config-bundle","version":1,"generatedAt":"2026-11-20T10:00:00Z","threatRemediation":{"settings":null}}"#;
        let files = vec![InputFile::new("b.json", text.as_bytes().to_vec())];
        assert_eq!(
            outcome_of("TRM002", &files),
            Outcome::NotAssessed(vec![Section::ThreatRemediation])
        );
    }
}
