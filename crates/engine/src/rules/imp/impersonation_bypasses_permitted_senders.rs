use crate::model::{Policy, Section};
use crate::rules::controls::Control;
use crate::rules::imp::{capitalize, def_label, definition_of, policy_list};
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, is_effective};

declare_rule! {
    /// An Impersonation Protect definition skips senders on the managed or permitted lists.
    ///
    /// ## Why it matters
    ///
    /// With this box ticked, any sender that a permitted-senders policy, a
    /// user's own permit list or an auto-allow entry trusts is no longer
    /// checked for impersonation. Those lists grow fast and are rarely
    /// pruned, and auto-allow entries appear by themselves whenever a user
    /// writes to an address. A supplier whose mailbox is taken over, or a
    /// whole domain permitted years ago, can then impersonate your finance
    /// director without a single identifier being looked at.
    ///
    /// ## What triggers it
    ///
    /// Any Impersonation Protect definition with *Bypass Managed & Permitted
    /// Senders* on, whether or not a policy uses it right now: an unused or
    /// inactive definition keeps the setting and applies it as soon as a
    /// policy selects it again. So this rule reads the definitions only.
    /// When the policies were loaded too, the finding says which policies
    /// use the definition and whether they are in force. One finding per
    /// definition.
    ///
    /// ## How to fix it
    ///
    /// Untick the bypass in the definition. If a specific trusted sender is
    /// wrongly flagged, exempt that sender alone with an Impersonation
    /// Protection Bypass policy scoped to its address or domain, and keep
    /// the permitted-senders lists short and reviewed.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > Impersonation
    /// Protection**, open the definition and clear *Bypass Managed &
    /// Permitted Senders* under Identifier Settings (label may differ on your
    /// console).
    pub struct ImpersonationBypassesPermittedSenders {
        code: "IMP006",
        name: "impersonation-bypasses-permitted-senders",
        area: Area::Impersonation,
        severity: Severity::Medium,
        reads: &[Section::ImpersonationDefinitions],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Definitions > Impersonation Protection",
        controls: &[Control::cis_partial("9.7"), Control::nist("SI-8")],
    }
}

impl Rule for ImpersonationBypassesPermittedSenders {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let policies = cfg.policies(Section::ImpersonationPolicies);
        let mut out = Vec::new();
        for d in cfg
            .impersonation_definitions
            .iter()
            .filter(|d| d.bypass_managed_and_permitted)
        {
            let o = &d.origin;
            let mut evidence = vec![Evidence::at(
                o,
                o.field("bypassManagedAndPermittedSenders"),
                format!("{}: bypass on", def_label(d)),
            )];
            let users: Vec<&Policy> = policies
                .iter()
                .filter(|p| definition_of(cfg, p).is_some_and(|x| std::ptr::eq(x, d)))
                .collect();
            let active: Vec<&Policy> = users
                .iter()
                .copied()
                .filter(|p| is_effective(p, ctx.at))
                .collect();
            for p in &users {
                let state = match activity(p, ctx.at) {
                    Ok(()) => "in force".to_string(),
                    Err(why) => why.describe(),
                };
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.field("definitionId"),
                    format!("used by policy {} ({state})", p.label()),
                ));
            }
            let usage = if !cfg.has(Section::ImpersonationPolicies) {
                "; the policies were not loaded, so whether it is in use is not known".to_string()
            } else if !active.is_empty() {
                format!(
                    ", and effective {} {} it",
                    policy_list(&active),
                    if active.len() == 1 { "uses" } else { "use" }
                )
            } else if !users.is_empty() {
                format!(
                    "; only inactive {} {} it now, and the bypass takes effect again when one is re-enabled",
                    policy_list(&users),
                    if users.len() == 1 { "uses" } else { "use" }
                )
            } else {
                "; no policy uses it now, but any policy that selects it will inherit the bypass"
                    .to_string()
            };
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "{} has Bypass Managed & Permitted Senders on, so trusted and auto-allowed senders skip impersonation checks{usage}.",
                    capitalize(&def_label(d))
                ),
                object: Subject::record(&d.id, &d.origin),
                confidence: Confidence::High,
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
        crate::rules::testing::check_fixtures("IMP006");
    }
}
