use crate::model::{ContinuityMonitor, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// An active Continuity monitor alerts nobody.
    ///
    /// ## Why it matters
    ///
    /// A Continuity monitor is useful only if its alert reaches someone who
    /// can start continuity mode. A monitor with no notification recipients
    /// detects the outage and then tells no one, so users sit without mail
    /// until somebody happens to notice. The alert has to reach people by a
    /// channel that does not depend on the mail system that is down: SMS
    /// numbers, or a group of external email addresses.
    ///
    /// ## What triggers it
    ///
    /// A monitor in `continuityMonitors` whose status is `Active` and whose
    /// notification settings have neither an email group (`notify.emailGroup`)
    /// nor any SMS number (`notify.smsNumbers`). One finding per monitor.
    /// A monitor whose status this tool does not know, or that has none, is
    /// treated as possibly active and reported with medium confidence;
    /// `Inactive` monitors are left to CON001.
    ///
    /// ## How to fix it
    ///
    /// Edit the monitor and add notification recipients: one or more SMS
    /// numbers of the on-call staff and a group of email addresses hosted
    /// outside your own mail platform (personal or secondary-domain
    /// addresses), so the alert still arrives while your mail is down.
    /// Test the alert path once after the change.
    ///
    /// Console: **Services > Continuity**, open the monitor and edit its
    /// notification settings (the labels may differ on your console).
    pub struct ContinuityMonitorUnnotified {
        code: "CON002",
        name: "continuity-monitor-unnotified",
        area: Area::RemediationContinuity,
        severity: Severity::Low,
        reads: &[Section::ContinuityMonitors],
        version: 1,
        effort: Effort::Low,
        console: "Services > Continuity",
        controls: &[Control::nist_partial("CP-2")],
    }
}

fn finding(m: &ContinuityMonitor) -> Option<Finding> {
    if m.notify_group.is_some() || !m.sms_numbers.is_empty() {
        return None;
    }
    let confidence = match m.status.trim().to_ascii_lowercase().as_str() {
        "active" => Confidence::High,
        "inactive" => return None,
        _ => Confidence::Medium,
    };
    let status = if confidence == Confidence::High {
        String::new()
    } else if m.status.is_empty() {
        " (its status was not recorded, so it may be active)".to_string()
    } else {
        format!(
            " (its status \u{201c}{}\u{201d} is not known to this tool, so it may be active)",
            m.status
        )
    };
    let o = &m.origin;
    Some(Finding {
        severity: ContinuityMonitorUnnotified::META.severity,
        message: format!(
            "Continuity monitor \u{201c}{}\u{201d}{status} has no notification email group and no SMS number, so an outage it detects alerts nobody.",
            m.description
        ),
        object: Subject::named(
            &m.description,
            &["continuity monitor", m.platform.as_deref().unwrap_or_default(), &m.status],
        ),
        confidence,
        evidence: vec![
            Evidence::at(o, o.field("status"), if m.status.is_empty() { "(not set)".to_string() } else { m.status.clone() }),
            Evidence::at(o, o.field("notify"), "no emailGroup, no smsNumbers"),
        ],
    })
}

impl Rule for ContinuityMonitorUnnotified {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        ctx.cfg
            .continuity_monitors
            .iter()
            .filter_map(finding)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("CON002");
    }
}
