use super::{judge_definitions, CheckSpec};
use crate::model::{AuthAction, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// A DNS Authentication definition in use ignores DKIM failures.
    ///
    /// ## Why it matters
    ///
    /// A DKIM signature proves that a message was not altered after the
    /// signing domain vouched for it. A signature that does not verify is a
    /// strong sign of tampering or forgery. If the check is off, or a failure leads
    /// to no action, such messages reach users with nothing to set them apart
    /// from genuine mail.
    ///
    /// ## What triggers it
    ///
    /// A DNS Authentication - Inbound definition that is selected by at least
    /// one enabled policy inside its validity window, and whose DKIM check is
    /// switched off, or whose DKIM fail action is exactly `no_action` (*Take
    /// No Action*). *Ignore Managed / Permitted Sender entries* and *Reject*
    /// pass. One finding is reported per definition; a switch or action that
    /// was not recorded, or holds a value this tool does not know, is
    /// reported with low confidence.
    ///
    /// ## How to fix it
    ///
    /// Open the definition, set *Verify DKIM for Inbound Mail* to Enabled and
    /// pick *Reject* for a DKIM failure, or *Ignore Managed / Permitted Sender
    /// entries* if some trusted senders are known to break their signatures.
    /// Review rejected and held mail for a few days after the change.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > DNS
    /// Authentication - Inbound**, open the definition used by the policy.
    pub struct DkimFailurePermissive {
        code: "DNS003",
        name: "dkim-failure-permissive",
        area: Area::DnsAuthentication,
        severity: Severity::Medium,
        reads: &[Section::DnsAuthInboundDefinitions, Section::DnsAuthInboundPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Definitions > DNS Authentication - Inbound",
        controls: &[Control::cis("9.5"), Control::nist("SI-8")],
    }
}

impl Rule for DkimFailurePermissive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let spec = CheckSpec {
            key: "dkim",
            name: "DKIM",
            pick: |d| &d.dkim,
            action_label: "DKIM fail action",
            acceptable: |a| a != AuthAction::NoAction,
            consequence: "does not act on DKIM failures",
        };
        judge_definitions(&Self::META, ctx, &spec)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("DNS003");
    }
}
