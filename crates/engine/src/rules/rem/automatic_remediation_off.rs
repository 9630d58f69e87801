use crate::model::{Config, Incident, RemediationSettings, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// Threat Remediation does not remove malicious messages on its own.
    ///
    /// ## Why it matters
    ///
    /// Some messages are only recognised as malicious after they reach
    /// mailboxes, for example when a file hash or a URL is convicted hours
    /// later. Threat Remediation can then take every copy back out of the
    /// mailboxes. In notify-only mode, or when the feature is off, Mimecast
    /// only tells an administrator, and the message stays where users can
    /// open it until someone removes it by hand — often long after the first
    /// click.
    ///
    /// ## What triggers it
    ///
    /// The rule reads `threatRemediation`.
    ///
    /// - When its settings were recorded: the status is disabled
    ///   (`enabled: false`), or the mode is anything other than `automatic`.
    ///   A mode this tool does not know is treated as not automatic and the
    ///   finding has medium confidence.
    /// - When only incidents were loaded (from the find-incidents API call):
    ///   no incident is of type `automatic` while at least one is
    ///   `notify_only`. This is an inference from the incident types, not a
    ///   reading of the setting, so the finding has medium confidence and
    ///   gives the count of each type.
    ///
    /// `manual` and `restored` incidents say nothing about the mode: an
    /// administrator starts them by hand, whichever mode is set. The rule is
    /// therefore not assessed when neither usable settings (a status or a
    /// mode) nor incidents of type `automatic` or `notify_only` were loaded,
    /// and it says so when the incidents were all manual or restored.
    ///
    /// ## How to fix it
    ///
    /// On the Threat Remediation Settings tab, turn the feature on and set
    /// the mode to automatic remediation, then pick the administrator group
    /// that should be told about each removal. Automatic removal also needs
    /// a working Remediation connector to the mail platform; check it under
    /// Services > Connectors. If you recorded the settings by hand, update
    /// the console checklist afterwards so the next analysis reads the new
    /// values.
    ///
    /// Console: **Services > Threat Remediation > Settings** (the Mode labels
    /// may differ on your console).
    pub struct AutomaticRemediationOff {
        code: "TRM001",
        name: "automatic-remediation-off",
        area: Area::RemediationContinuity,
        severity: Severity::High,
        reads: &[Section::ThreatRemediation],
        version: 1,
        effort: Effort::Low,
        console: "Services > Threat Remediation > Settings",
        controls: &[Control::cis_partial("9.7"), Control::nist("SI-3"), Control::nist("IR-4")],
    }
}

/// Settings that say something: a status of off, or a mode.
fn usable(s: &RemediationSettings) -> bool {
    s.enabled == Some(false) || s.mode.is_some()
}

fn norm(mode: &str) -> String {
    mode.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

/// Incident types that tell something about the mode (`manual` and
/// `restored` incidents are started by hand under either mode).
const TELLING_TYPES: [&str; 2] = ["automatic", "notify_only"];

fn kind(i: &Incident) -> String {
    norm(&i.kind)
}

fn telling(incidents: &[Incident]) -> bool {
    incidents
        .iter()
        .any(|i| TELLING_TYPES.contains(&kind(i).as_str()))
}

fn settings_finding(s: &RemediationSettings) -> Option<Finding> {
    let o = &s.origin;
    let mode = s.mode.as_deref().map(norm);
    let (message, confidence, evidence) = if s.enabled == Some(false) {
        let mut ev = vec![Evidence::at(o, o.field("enabled"), "false")];
        if let Some(m) = &s.mode {
            ev.push(Evidence::at(o, o.field("mode"), m.clone()));
        }
        (
            "Threat Remediation is disabled in its settings, so messages found to be malicious after delivery stay in mailboxes.".to_string(),
            Confidence::High,
            ev,
        )
    } else {
        let raw = s.mode.clone().unwrap_or_default();
        let ev = vec![Evidence::at(o, o.field("mode"), raw.clone())];
        match mode.as_deref() {
            Some("automatic") | None => return None,
            Some("notify_only") => (
                "Threat Remediation runs in notify-only mode: messages found to be malicious after delivery are reported but not removed from mailboxes.".to_string(),
                Confidence::High,
                ev,
            ),
            Some(_) => (
                format!("Threat Remediation mode \"{raw}\" is not a mode this tool knows; it is treated as not automatic, so malicious messages may stay in mailboxes."),
                Confidence::Medium,
                ev,
            ),
        }
    };
    Some(Finding {
        severity: AutomaticRemediationOff::META.severity,
        message,
        object: Subject::fixed("threatRemediation.settings"),
        confidence,
        evidence,
    })
}

fn inferred_finding(incidents: &[Incident]) -> Option<Finding> {
    let n = |t: &str| incidents.iter().filter(|i| kind(i) == t).count();
    let (automatic, notify, manual, restored) =
        (n("automatic"), n("notify_only"), n("manual"), n("restored"));
    if automatic > 0 || notify == 0 {
        return None;
    }
    let other = incidents.len() - automatic - notify - manual - restored;
    let mut counts = format!(
        "{automatic} automatic, {notify} notify_only, {manual} manual, {restored} restored"
    );
    if other > 0 {
        counts.push_str(&format!(", {other} of another type"));
    }
    let evidence = incidents
        .iter()
        .filter(|i| kind(i) == "notify_only")
        .take(10)
        .map(|i| {
            let name = i.code.as_deref().unwrap_or(&i.id);
            Evidence::at(
                &i.origin,
                i.origin.field("type"),
                format!("incident {name}: {}", i.kind),
            )
        })
        .collect();
    Some(Finding {
        severity: AutomaticRemediationOff::META.severity,
        message: format!(
            "Automatic remediation appears to be off — inferred from incident types, as the settings were not loaded: of {} incidents, {counts}.",
            incidents.len()
        ),
        object: Subject::fixed("threatRemediation.incidents"),
        confidence: Confidence::Medium,
        evidence,
    })
}

impl Rule for AutomaticRemediationOff {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        let tr = &cfg.threat_remediation;
        let assessable = cfg.has(Section::ThreatRemediation)
            && (tr.settings.as_ref().is_some_and(usable)
                || telling(tr.incidents.as_deref().unwrap_or_default()));
        if assessable {
            Vec::new()
        } else {
            vec![Section::ThreatRemediation]
        }
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        let incidents = cfg.threat_remediation.incidents.as_deref().unwrap_or(&[]);
        (!incidents.is_empty() && !telling(incidents)).then(|| {
            format!(
                "the {} incident(s) loaded are all manual or restored (or of an unknown type), which say nothing about the remediation mode; record the Threat Remediation settings",
                incidents.len()
            )
        })
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let tr = &ctx.cfg.threat_remediation;
        let found = match tr.settings.as_ref().filter(|s| usable(s)) {
            Some(s) => settings_finding(s),
            None => tr.incidents.as_deref().and_then(inferred_finding),
        };
        found.into_iter().collect()
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
        crate::rules::testing::check_fixtures("TRM001");
    }

    fn bundle(body: &str) -> Vec<InputFile> {
        crate::rules::testing::bundle(body)
    }

    #[test]
    fn nothing_to_judge_is_not_assessed() {
        for body in [
            r#""account":{}"#,
            r#""threatRemediation":{"settings":null}"#,
            r#""threatRemediation":{"settings":{"notifyGroup":"SecOps"}}"#,
            r#""threatRemediation":{"settings":{"enabled":true},"incidents":[]}"#,
            r#""threatRemediation":{"incidents":[{"id":"a","type":"restored"}]}"#,
            r#""threatRemediation":{"incidents":[{"id":"a","type":"manual"},{"id":"b","type":"restored"}]}"#,
            r#""threatRemediation":{"settings":{"notifyGroup":"SecOps"},"incidents":[{"id":"a","type":"manual"}]}"#,
        ] {
            assert_eq!(
                outcome_of("TRM001", &bundle(body)),
                Outcome::NotAssessed(vec![Section::ThreatRemediation]),
                "{body}"
            );
        }
    }

    #[test]
    fn manual_incidents_say_nothing_about_the_mode_and_the_report_says_so() {
        let files = bundle(
            r#""threatRemediation":{"incidents":[{"id":"a","code":"TR-1","type":"manual","identified":3},{"id":"b","type":"manual"}]}"#,
        );
        let report = crate::analyze(&files, &crate::Options::default());
        let r = report.results.iter().find(|r| r.code == "TRM001").unwrap();
        assert_eq!(r.status, crate::report::Status::NotAssessed);
        let reason = r.missing_sections[0].reason.as_deref().unwrap_or_default();
        assert!(
            reason.starts_with("the 2 incident(s) loaded are all manual or restored"),
            "{reason}"
        );
        // Manual incidents next to notify-only ones are no evidence either.
        let files = bundle(
            r#""threatRemediation":{"incidents":[{"id":"a","code":"TR-1","type":"manual"},{"id":"b","code":"TR-2","type":"notify_only"}]}"#,
        );
        let Outcome::Fail(f) = outcome_of("TRM001", &files) else {
            panic!("expected a finding")
        };
        assert_eq!(f[0].evidence.len(), 1);
        assert!(f[0].evidence[0].value.contains("TR-2: notify_only"));
    }

    #[test]
    fn an_inference_from_incidents_has_medium_confidence() {
        let files = bundle(
            r#""threatRemediation":{"incidents":[{"id":"a","type":"notify_only"},{"id":"b","type":"restored"}]}"#,
        );
        let Outcome::Fail(f) = outcome_of("TRM001", &files) else {
            panic!("expected a finding")
        };
        assert_eq!(f[0].confidence, crate::rules::Confidence::Medium);
        assert!(f[0].message.contains("inferred from incident types"));
    }

    #[test]
    fn settings_win_over_incidents() {
        let files = bundle(
            r#""threatRemediation":{"settings":{"enabled":true,"mode":"Automatic"},"incidents":[{"id":"a","type":"notify_only"}]}"#,
        );
        assert_eq!(outcome_of("TRM001", &files), Outcome::Pass);
    }
}
