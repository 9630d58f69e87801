use super::{judge_definitions, CheckSpec};
use crate::model::{AuthAction, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Finding, Rule, RuleMeta, Severity};

declare_rule! {
    /// A DNS Authentication definition in use does not enforce DMARC.
    ///
    /// ## Why it matters
    ///
    /// DMARC is how a domain owner tells receivers what to do with mail that
    /// claims to be from them but fails authentication: quarantine it or
    /// reject it. Banks, payment services and many partners publish such a
    /// policy precisely to stop spoofing of their domain. If the check is off,
    /// or its failure action neither follows that published policy nor
    /// rejects, those instructions are thrown away and look-alike mail in
    /// their name is delivered.
    ///
    /// ## What triggers it
    ///
    /// A DNS Authentication - Inbound definition that is selected by at least
    /// one enabled policy inside its validity window, and whose DMARC check is
    /// switched off, or whose DMARC fail action is anything other than
    /// `honor_dmarc_record` (*Honor DMARC Record*) or `reject` (*Reject*) —
    /// that is *Take No Action* or *Ignore Managed / Permitted Sender
    /// entries*. One finding is reported per definition; a switch or action
    /// that was not recorded, or holds a value this tool does not know, is
    /// reported with low confidence.
    ///
    /// ## How to fix it
    ///
    /// Open the definition, set *Verify DMARC for Inbound Mail* to Enabled and
    /// choose *Honor DMARC Record* for a DMARC failure, so that a sender's
    /// `p=quarantine` holds the message and `p=reject` rejects it. Choose
    /// *Reject* only if you accept rejecting mail from domains that merely
    /// monitor.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > DNS
    /// Authentication - Inbound**, open the definition used by the policy.
    pub struct DmarcNotEnforced {
        code: "DNS004",
        name: "dmarc-not-enforced",
        area: Area::DnsAuthentication,
        severity: Severity::High,
        reads: &[Section::DnsAuthInboundDefinitions, Section::DnsAuthInboundPolicies],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Definitions > DNS Authentication - Inbound",
        controls: &[Control::cis("9.5"), Control::nist("SI-8")],
    }
}

impl Rule for DmarcNotEnforced {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let spec = CheckSpec {
            key: "dmarc",
            name: "DMARC",
            pick: |d| &d.dmarc,
            action_label: "DMARC fail action",
            acceptable: |a| matches!(a, AuthAction::HonorDmarcRecord | AuthAction::Reject),
            consequence: "does not enforce DMARC",
        };
        judge_definitions(&Self::META, ctx, &spec)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("DNS004");
    }
}
