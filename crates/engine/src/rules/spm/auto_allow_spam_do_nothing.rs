use crate::model::{Known, Policy, Section, SpamAction, SpamDefinition};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{definition_of, is_effective};

declare_rule! {
    /// Spam from auto-allowed or permitted senders is delivered without any action.
    ///
    /// ## Why it matters
    ///
    /// Auto Allow adds everyone your users write to into a trusted list, and
    /// permitted senders are trusted by design. When such a sender's message
    /// still scores as spam, the detection action of the spam scanning
    /// definition decides what happens. Set to *Do Nothing*, the verdict is
    /// thrown away and the message is delivered, which is exactly what an
    /// attacker who has taken over a supplier's or partner's mailbox relies
    /// on: their phishing arrives from an address your users already trust.
    ///
    /// ## What triggers it
    ///
    /// A spam scanning definition that is used (by its id, or failing that by
    /// its description) by a spam scanning policy that is enabled and inside
    /// its validity window, and whose auto-allow spam detection action
    /// (`autoAllowSpamAction`) or permitted-sender spam detection action
    /// (`permittedSenderSpamAction`) is `do_nothing`. One finding is reported
    /// per definition, naming each setting and the policies using it. A value
    /// this tool does not know is reported with low confidence, since it may
    /// also let the message through; a setting that was not recorded is not
    /// judged.
    ///
    /// ## How to fix it
    ///
    /// Edit the definition and set the spam detection action for auto-allowed
    /// and permitted senders to *Hold for Review* (or *Reject* where a held
    /// queue is not reviewed). Held messages from genuine contacts can be
    /// released by an administrator; delivered phishing cannot be recalled as
    /// easily.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > Spam Scanning**
    /// (label may differ on your console), open the definition used by the
    /// policy and change its auto-allow / permitted-sender spam action (label
    /// may differ on your console).
    pub struct AutoAllowSpamDoNothing {
        code: "SPM001",
        name: "auto-allow-spam-do-nothing",
        area: Area::SpamScanning,
        severity: Severity::High,
        reads: &[Section::SpamScanningDefinitions, Section::SpamScanningPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Definitions > Spam Scanning",
        controls: &[Control::nist("SI-8")],
    }
}

fn label(d: &SpamDefinition) -> String {
    if d.description.is_empty() {
        format!("definition {}", d.id)
    } else {
        format!("\u{201c}{}\u{201d} ({})", d.description, d.id)
    }
}

impl Rule for AutoAllowSpamDoNothing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let policies: Vec<&Policy> = ctx
            .cfg
            .policies(Section::SpamScanningPolicies)
            .iter()
            .filter(|p| is_effective(p, ctx.at))
            .collect();
        let mut out = Vec::new();
        for d in &ctx.cfg.spam_definitions {
            let users: Vec<&Policy> = policies
                .iter()
                .copied()
                .filter(|p| {
                    definition_of(p, &ctx.cfg.spam_definitions).is_some_and(|x| std::ptr::eq(x, d))
                })
                .collect();
            if users.is_empty() {
                continue;
            }
            let settings = [
                ("autoAllowSpamAction", "auto-allow", &d.auto_allow_action),
                (
                    "permittedSenderSpamAction",
                    "permitted-sender",
                    &d.permitted_sender_action,
                ),
            ];
            let mut certain = Vec::new();
            let mut doubtful = Vec::new();
            let mut evidence = Vec::new();
            for (field, name, value) in settings {
                match value {
                    Some(Known::Known(SpamAction::DoNothing)) => {
                        certain.push(name);
                        evidence.push(Evidence::at(&d.origin, d.origin.field(field), "do_nothing"));
                    }
                    Some(Known::Unknown(v)) => {
                        doubtful.push(format!("{name} action \"{v}\""));
                        evidence.push(Evidence::at(
                            &d.origin,
                            d.origin.field(field),
                            format!("{v} (not known to this tool)"),
                        ));
                    }
                    _ => {}
                }
            }
            if certain.is_empty() && doubtful.is_empty() {
                continue;
            }
            for p in users.iter().take(10) {
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.field("definitionId"),
                    format!("used by spam scanning policy {}", p.label()),
                ));
            }
            let used_by = match users.len() {
                1 => format!("used by policy {}", users[0].label()),
                n => format!("used by {n} policies such as {}", users[0].label()),
            };
            let message = if certain.is_empty() {
                format!(
                    "Spam scanning definition {}, {used_by}, has an unknown {}, which may deliver spam from trusted senders untouched; this tool cannot tell.",
                    label(d),
                    doubtful.join(" and ")
                )
            } else {
                format!(
                    "Spam scanning definition {}, {used_by}, sets the {} spam detection action{} to do_nothing, so spam from those senders is delivered untouched.",
                    label(d),
                    certain.join(" and "),
                    if certain.len() > 1 { "s" } else { "" }
                )
            };
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: Subject::record(&d.id, &d.origin),
                confidence: if certain.is_empty() {
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
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("SPM001");
    }
}
