use crate::model::{Policy, Section, Target};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, applies_inbound, describe_scope};

declare_rule! {
    /// No spam scanning policy applies to inbound mail.
    ///
    /// ## Why it matters
    ///
    /// Mimecast scores every message for spam, but what happens to a high
    /// score — hold, reject, tag — comes from the spam scanning policy that
    /// applies. Inbound mail that no policy reaches shows "No Policy" in
    /// Message Tracking and is judged only by the fixed rejection at the very
    /// top of the score range, so most spam and a good share of phishing is
    /// simply delivered.
    ///
    /// ## What triggers it
    ///
    /// Spam scanning policies were collected, but none of them is enabled,
    /// inside its validity window, and applies to at least some inbound mail:
    /// a sender scope that can include outside senders (Everyone, External
    /// Addresses, an outside domain or address, a profile group …) together
    /// with a recipient scope that can include your users. A bi-directional
    /// policy also counts with its sides swapped. The finding lists every
    /// policy seen and why it does not count. When the only candidate uses a
    /// scope type this tool does not know, the finding carries low
    /// confidence.
    ///
    /// ## How to fix it
    ///
    /// Create a spam scanning policy that applies from Everyone to Internal
    /// Addresses, using a definition at the *Moderate* or *Aggressive*
    /// detection level with spam held for review, enabled and perpetual. If a
    /// policy exists but is disabled or expired, re-enable it or extend its
    /// date range.
    ///
    /// Console: **Policies > Gateway Policies > Spam Scanning** (older
    /// consoles: Administration > Gateway > Policies > Spam Scanning).
    pub struct SpamScanningMissing {
        code: "SPM002",
        name: "spam-scanning-missing",
        area: Area::SpamScanning,
        severity: Severity::High,
        reads: &[Section::SpamScanningPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Spam Scanning",
        controls: &[Control::nist("SI-8")],
    }
}

/// Why a policy does not certainly scan inbound mail: `Ok(())` when it
/// does; `Err((reason, maybe))` otherwise, `maybe` when it might.
fn why_not(p: &Policy, ctx: &Ctx) -> Result<(), (String, bool)> {
    activity(p, ctx.at).map_err(|i| (i.describe(), false))?;
    if !applies_inbound(p, ctx.cfg) {
        return Err((
            format!(
                "{}: does not reach inbound mail",
                describe_scope(p, ctx.cfg)
            ),
            false,
        ));
    }
    for t in [&p.from, &p.to] {
        if let Target::Unknown(kind) = t {
            return Err((
                format!(
                    "{}: scope type \"{kind}\" is not known to this tool",
                    describe_scope(p, ctx.cfg)
                ),
                true,
            ));
        }
    }
    Ok(())
}

impl Rule for SpamScanningMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let policies = ctx.cfg.policies(Section::SpamScanningPolicies);
        let mut reasons = Vec::new();
        for p in policies {
            match why_not(p, ctx) {
                Ok(()) => return Vec::new(),
                Err(r) => reasons.push((p, r)),
            }
        }
        let maybe = reasons.iter().any(|(_, (_, m))| *m);
        let mut evidence: Vec<Evidence> = reasons
            .iter()
            .take(12)
            .map(|(p, (r, _))| {
                Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!("{}: {r}", p.label()),
                )
            })
            .collect();
        if policies.is_empty() {
            let files = ctx
                .cfg
                .sections
                .get(&Section::SpamScanningPolicies)
                .map(|s| s.sources.clone())
                .unwrap_or_default();
            for file in files {
                evidence.push(Evidence {
                    file,
                    path: Section::SpamScanningPolicies.key().to_string(),
                    value: "no spam scanning policies".into(),
                });
            }
        }
        let message = match (policies.len(), maybe) {
            (0, _) => "No spam scanning policy exists, so inbound mail gets no spam action beyond the fixed top-score rejection.".to_string(),
            (_, true) => "No spam scanning policy certainly applies to inbound mail: every candidate uses a scope type this tool does not know.".to_string(),
            (1, false) => "The only spam scanning policy is not in force for inbound mail, so inbound spam gets no spam action beyond the fixed top-score rejection.".to_string(),
            (n, false) => format!(
                "None of the {n} spam scanning policies is in force for inbound mail, so inbound spam gets no spam action beyond the fixed top-score rejection."
            ),
        };
        vec![Finding {
            severity: Self::META.severity,
            message,
            object: Subject::fixed("inbound-spam-scanning"),
            confidence: if maybe {
                Confidence::Low
            } else {
                Confidence::High
            },
            evidence,
        }]
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("SPM002");
    }
}
