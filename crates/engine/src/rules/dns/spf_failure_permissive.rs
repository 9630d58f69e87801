use super::{judge_definitions, CheckSpec};
use crate::model::{AuthAction, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// A DNS Authentication definition in use lets mail that fails SPF through untouched.
    ///
    /// ## Why it matters
    ///
    /// SPF tells a receiver which servers may send for a domain. When Mimecast
    /// checks it but takes no action on a hard failure, a message from a
    /// server the sending domain has explicitly disowned is delivered as if
    /// nothing were wrong. Forged mail claiming to come from partners,
    /// suppliers or well-known brands then depends entirely on the other
    /// layers to be caught.
    ///
    /// ## What triggers it
    ///
    /// A DNS Authentication - Inbound definition that is selected by at least
    /// one enabled policy inside its validity window, and whose SPF check is
    /// switched off, or whose action for an SPF hard failure is
    /// `no_action` (*Take No Action*). The soft-fail action is not judged. One
    /// finding is reported per definition. When the on/off switch or the
    /// hard-fail action was not recorded, or holds a value this tool does not
    /// know, the definition is reported with low confidence, because the
    /// weakest setting cannot be ruled out.
    ///
    /// ## How to fix it
    ///
    /// Open the definition, set *Verify SPF for Inbound Mail* to Enabled, and
    /// choose *Reject* for the SPF hard-fail result (the row's label may
    /// differ on your console). *Ignore Managed / Permitted Sender entries*
    /// is a fallback when some partners with broken SPF are let in through
    /// permitted senders; get those partners to fix their records over time.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > DNS
    /// Authentication - Inbound**, open the definition used by the policy.
    pub struct SpfFailurePermissive {
        code: "DNS002",
        name: "spf-failure-permissive",
        area: Area::DnsAuthentication,
        severity: Severity::Medium,
        reads: &[Section::DnsAuthInboundDefinitions, Section::DnsAuthInboundPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Definitions > DNS Authentication - Inbound",
        controls: &[Control::cis("9.5"), Control::nist("SI-8")],
    }
}

impl Rule for SpfFailurePermissive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let spec = CheckSpec {
            key: "spf",
            name: "SPF",
            pick: |d| &d.spf,
            action_label: "SPF hard-fail action",
            acceptable: |a| a != AuthAction::NoAction,
            consequence: "does not act on SPF failures",
        };
        judge_definitions(&Self::META, ctx, &spec)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("DNS002");
    }
}
