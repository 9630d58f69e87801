use crate::model::{Policy, Section, Target};
use crate::rules::controls::Control;
use crate::rules::imp::section_evidence;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, covers_all_inbound, describe_scope};

declare_rule! {
    /// No Impersonation Protect policy checks all inbound mail.
    ///
    /// ## Why it matters
    ///
    /// Impersonation Protect looks for the signs of a fake executive or
    /// supplier: a look-alike of your domain, a display name copied from a
    /// colleague, a reply address that points elsewhere, urgent payment
    /// wording. Mimecast only runs these checks on mail a policy points them
    /// at. Without a policy for all external mail to your users, the most
    /// common business email compromise messages arrive with no warning at
    /// all; a policy that only protects a few recipients leaves everyone else
    /// exposed.
    ///
    /// ## What triggers it
    ///
    /// None of the Impersonation Protect policies is enabled, inside its
    /// validity window, and scoped from *External Addresses* or *Everyone* to
    /// *Internal Addresses* or *Everyone* (a bi-directional policy counts in
    /// either direction). The finding lists every policy seen and why it
    /// does not count: disabled, expired, not started, or a narrower scope. A
    /// scope type this tool does not know lowers the confidence. Definitions
    /// are not needed for this check.
    ///
    /// ## How to fix it
    ///
    /// Create (or re-enable) a policy that selects your standard
    /// Impersonation Protect definition, with Applies From *External
    /// Addresses* and Applies To *Internal Addresses*, enabled and perpetual.
    /// Keep narrower policies for VIPs in addition to it, not instead of it.
    ///
    /// Console: **Policies > Gateway Policies > Impersonation Protection**
    /// (older consoles: Administration > Gateway > Policies > Impersonation
    /// Protection), and add the policy there.
    pub struct ImpersonationProtectMissing {
        code: "IMP001",
        name: "impersonation-protect-missing",
        area: Area::Impersonation,
        severity: Severity::High,
        reads: &[Section::ImpersonationPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Impersonation Protection",
        controls: &[Control::cis_partial("9.7"), Control::nist("SI-8")],
    }
}

impl Rule for ImpersonationProtectMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let policies = ctx.cfg.policies(Section::ImpersonationPolicies);
        let mut seen: Vec<(&Policy, String)> = Vec::new();
        let mut unknown_scope = false;
        for p in policies {
            match activity(p, ctx.at) {
                Err(why) => seen.push((p, why.describe())),
                Ok(()) if covers_all_inbound(p) => return Vec::new(),
                Ok(()) => {
                    let unknown = [&p.from, &p.to]
                        .iter()
                        .any(|t| matches!(t, Target::Unknown(_)));
                    unknown_scope |= unknown;
                    let why = if unknown {
                        format!(
                            "in force, but its scope ({}) uses a type this tool does not know",
                            describe_scope(p, ctx.cfg)
                        )
                    } else {
                        format!("in force, but applies only {}", describe_scope(p, ctx.cfg))
                    };
                    seen.push((p, why));
                }
            }
        }
        let which = match seen.len() {
            1 => "The only Impersonation Protect policy".to_string(),
            n => format!("None of the {n} Impersonation Protect policies"),
        };
        let (known, checks) = if seen.len() == 1 {
            ("is not known", "does not check")
        } else {
            ("is known", "checks")
        };
        let message = match (seen.len(), unknown_scope) {
            (0, _) => "There is no Impersonation Protect policy at all, so inbound mail is never checked for impersonation.".to_string(),
            (_, true) => format!(
                "{which} {known} to check all inbound mail: a scope type this tool does not know is in use, so check it in the console."
            ),
            (_, false) => {
                format!("{which} {checks} all inbound mail (from external addresses or everyone to internal addresses or everyone).")
            }
        };
        let mut evidence: Vec<Evidence> = seen
            .iter()
            .take(20)
            .map(|(p, why)| {
                Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!("{}: {why}", p.label()),
                )
            })
            .collect();
        if evidence.is_empty() {
            evidence.push(section_evidence(
                ctx.cfg,
                Section::ImpersonationPolicies,
                "no policies",
            ));
        }
        vec![Finding {
            severity: Self::META.severity,
            message,
            object: Subject::section(Section::ImpersonationPolicies),
            confidence: if unknown_scope {
                Confidence::Medium
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
        crate::rules::testing::check_fixtures("IMP001");
    }
}
