use super::{
    bypass_kind, loaded_policy_sections, missing_unless_any_policy_section, policy_name,
    unknown_option_note,
};
use crate::model::{Config, Section, Target};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{describe_scope, is_effective, sender_scopes};

declare_rule! {
    /// A bypass or permit policy applies to mail from everyone and overrides more specific policies.
    ///
    /// ## Why it matters
    ///
    /// Mimecast normally lets the most specific policy win. Policy Override
    /// turns that around: the policy is considered before equally specific
    /// ones and outranks narrower ones. On a bypass or permit that applies
    /// from Everyone, the switch means the exception wins over every
    /// protective policy you wrote for particular domains or groups — a
    /// single policy that quietly turns a protection off for all senders.
    ///
    /// ## What triggers it
    ///
    /// A policy in force (enabled and inside its validity window) that is a
    /// bypass or permit, with Policy Override on (`override: true`) and a
    /// sender scope of Everyone (its Applies From, or its Applies To when it
    /// is bi-directional). Bypass and permit policies are: anti-spoofing
    /// policies set to *Take No Action* (`no_action`), SPF-based anti-spoofing
    /// bypasses set to `enable_bypass`, permitted senders policies set to
    /// `permit_sender`, and every Impersonation Protect bypass policy.
    ///
    /// A policy whose option or sender scope type this tool does not know is
    /// reported with medium confidence. A policy limited by source IP ranges
    /// or hostnames still fires, and the message says how it is limited.
    ///
    /// This rule reads every policy section that was loaded; a pass covers
    /// only those sections (the report lists which were loaded). It is not
    /// assessed only when no policy section at all was loaded.
    ///
    /// ## How to fix it
    ///
    /// Narrow the policy to the senders that really need the exception:
    /// Applies From an individual address, an email domain or a profile
    /// group instead of Everyone, and source IP ranges where the sender has
    /// fixed addresses. Then clear Policy Override unless you can name the
    /// more specific policy it must beat, and write that reason into the
    /// Policy Narrative.
    ///
    /// Console: **Policies > Gateway Policies**, open the policy type (for
    /// example Anti-Spoofing, Permitted Senders or Impersonation Protection
    /// Bypass) and edit the policy's Emails From and Validity sections.
    pub struct BroadBypassWithOverride {
        code: "POL001",
        name: "broad-bypass-with-override",
        area: Area::PolicyHygiene,
        severity: Severity::High,
        reads: &[
            Section::AntiSpoofingPolicies,
            Section::AntiSpoofingBypassPolicies,
            Section::PermittedSenderPolicies,
            Section::ImpersonationBypassPolicies,
        ],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies",
        controls: &[Control::cis("4.1"), Control::nist("CM-6"), Control::nist("SC-7")],
    }
}

impl Rule for BroadBypassWithOverride {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_unless_any_policy_section(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for section in loaded_policy_sections(ctx.cfg) {
            for p in ctx.cfg.policies(section) {
                let Some((option_confidence, kind)) = bypass_kind(section, p) else {
                    continue;
                };
                if !p.override_ || !is_effective(p, ctx.at) {
                    continue;
                }
                let scopes = sender_scopes(p);
                let (scope_confidence, scope_note, scope_field) = if let Some(i) =
                    scopes.iter().position(|t| matches!(t, Target::Everyone))
                {
                    (
                        Confidence::High,
                        String::new(),
                        if i == 0 { "from" } else { "to" },
                    )
                } else if let Some(i) = scopes.iter().position(|t| matches!(t, Target::Unknown(_)))
                {
                    let note = format!(" Its sender scope type \u{201c}{}\u{201d} is not known to this tool, so it may cover everyone.", scopes[i].type_name());
                    (Confidence::Medium, note, if i == 0 { "from" } else { "to" })
                } else {
                    continue;
                };
                let limits = match (p.source_ips.len(), p.hostnames.len()) {
                    (0, 0) => String::new(),
                    (n, 0) => format!(
                        " It is limited to {n} source IP range{}.",
                        if n == 1 { "" } else { "s" }
                    ),
                    (0, h) => format!(
                        " It is limited to {h} hostname{}.",
                        if h == 1 { "" } else { "s" }
                    ),
                    (n, h) => {
                        format!(
                            " It is limited to {n} source IP range{} and {h} hostname{}.",
                            if n == 1 { "" } else { "s" },
                            if h == 1 { "" } else { "s" }
                        )
                    }
                };
                let o = &p.origin;
                out.push(Finding {
                    severity: Self::META.severity,
                    message: format!(
                        "{} has Policy Override on and applies to mail from everyone: it {} ahead of every more specific policy.{limits}{}{scope_note}",
                        policy_name(section, p),
                        kind.effect,
                        unknown_option_note(p, kind)
                    ),
                    object: Subject::policy(section, p),
                    confidence: if option_confidence == Confidence::High && scope_confidence == Confidence::High {
                        Confidence::High
                    } else {
                        Confidence::Medium
                    },
                    evidence: vec![
                        Evidence::at(o, o.field("override"), "true"),
                        Evidence::at(o, o.field(scope_field), describe_scope(p, ctx.cfg)),
                        Evidence::at(o, o.field("option"), p.option.as_str().to_string()),
                    ],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("POL001");
    }
}
