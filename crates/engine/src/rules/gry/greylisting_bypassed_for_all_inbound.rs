use crate::model::{PolicyOption, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{covers_all_inbound, describe_scope, is_effective};

declare_rule! {
    /// A greylisting exception switches greylisting off for all inbound mail.
    ///
    /// ## Why it matters
    ///
    /// Greylisting asks an unknown sending server to try again a little
    /// later. Real mail servers do; much bulk spam and many throw-away
    /// sending tools never come back. An exception meant for one partner
    /// whose server does not retry is often widened to everyone after a
    /// complaint about delays, and then every spam run reaches the later
    /// scanning stages at full volume. Greylisting is a volume filter rather
    /// than a security boundary, hence the low severity.
    ///
    /// ## What triggers it
    ///
    /// A greylisting policy with the option `no_action` (the exception)
    /// that is enabled and inside its validity window, has no source IP
    /// range and no hostname condition, and applies from Everyone or
    /// External Addresses to Everyone or Internal Addresses (either way
    /// round for a bi-directional policy). One finding per policy. Whether
    /// Mimecast greylists when no `apply` policy exists at all is not
    /// documented, so a missing `apply` policy is not judged.
    ///
    /// ## How to fix it
    ///
    /// Keep a greylisting policy that applies to inbound mail, and limit
    /// each exception to the sending domain or, better, the source IP ranges
    /// of the one sender that fails to retry, with a narrative saying why.
    ///
    /// Console: **Policies > Gateway Policies > Greylisting** (older
    /// consoles: Administration > Gateway > Policies > Greylisting).
    pub struct GreylistingBypassedForAllInbound {
        code: "GRY001",
        name: "greylisting-bypassed-for-all-inbound",
        area: Area::GatewayServices,
        severity: Severity::Low,
        reads: &[Section::GreylistingPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Greylisting",
        controls: &[Control::nist("SI-8")],
    }
}

impl Rule for GreylistingBypassedForAllInbound {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let section = Section::GreylistingPolicies;
        ctx.cfg
            .policies(section)
            .iter()
            .filter(|p| p.option == PolicyOption::NoAction)
            .filter(|p| is_effective(p, ctx.at))
            .filter(|p| p.source_ips.is_empty() && p.hostnames.is_empty())
            .filter(|p| covers_all_inbound(p))
            .map(|p| {
                let scope = describe_scope(p, ctx.cfg);
                let mut evidence = vec![
                    Evidence::at(&p.origin, p.origin.field("option"), "no_action"),
                    Evidence::at(&p.origin, p.origin.field("from"), p.from.describe()),
                    Evidence::at(&p.origin, p.origin.field("to"), p.to.describe()),
                ];
                if p.override_ {
                    evidence.push(Evidence::at(&p.origin, p.origin.field("override"), "true"));
                }
                Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "Greylisting policy {} takes no action {scope}, with no source IP or hostname condition: greylisting is off for all inbound mail{}.",
                        p.label(),
                        if p.override_ {
                            ", and it overrides more specific policies"
                        } else {
                            ""
                        }
                    ),
                    object: Subject::policy(section, p),
                    confidence: Confidence::High,
                    evidence,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("GRY001");
    }

    #[test]
    fn not_assessed_without_greylisting_and_pol001_sees_the_bypass() {
        use crate::rules::{testing::outcome_in, Outcome};
        assert!(matches!(
            outcome_in("GRY001", r#""internalDomains":[]"#),
            Outcome::NotAssessed(_)
        ));
        let body = r#""greylistingPolicies":[{"id":"g","description":"Everyone","option":"no_action","from":{"type":"everyone"},"to":{"type":"everyone"},"enabled":true,"override":true}]"#;
        assert!(matches!(outcome_in("GRY001", body), Outcome::Fail(_)));
        match outcome_in("POL001", body) {
            Outcome::Fail(f) => assert!(f[0].message.contains("greylisting"), "{f:?}"),
            other => panic!("POL001: {other:?}"),
        }
    }
}
