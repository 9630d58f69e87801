//! DNS authentication, inbound (DNS) rules.

mod dkim_failure_permissive;
mod dmarc_not_enforced;
mod dns_auth_inbound_missing;
mod dns_auth_partial_scope;
mod own_domain_dns_weak;
mod spf_failure_permissive;

pub use dkim_failure_permissive::DkimFailurePermissive;
pub use dmarc_not_enforced::DmarcNotEnforced;
pub use dns_auth_inbound_missing::DnsAuthInboundMissing;
pub use dns_auth_partial_scope::DnsAuthPartialScope;
pub use own_domain_dns_weak::OwnDomainDnsWeak;
pub use spf_failure_permissive::SpfFailurePermissive;

use super::{Confidence, Ctx, Evidence, Finding, Rule, RuleMeta, Subject};
use crate::model::{AuthAction, AuthCheck, DnsAuthDefinition, Known, Policy, Section, Target};
use crate::scope::is_effective;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &DnsAuthInboundMissing,
    &SpfFailurePermissive,
    &DkimFailurePermissive,
    &DmarcNotEnforced,
    &DnsAuthPartialScope,
    &OwnDomainDnsWeak,
];

/// Does the policy use a scope type this tool does not know?
fn has_unknown_scope(p: &Policy) -> bool {
    matches!(p.from, Target::Unknown(_)) || matches!(p.to, Target::Unknown(_))
}

/// Every definition selected by at least one effective policy, with those
/// policies, in definition order.
fn definitions_in_use<'a>(ctx: &Ctx<'a>) -> Vec<(&'a DnsAuthDefinition, Vec<&'a Policy>)> {
    let defs = &ctx.cfg.dns_auth_definitions;
    let mut used: Vec<(&DnsAuthDefinition, Vec<&Policy>)> = Vec::new();
    for p in ctx
        .cfg
        .policies(Section::DnsAuthInboundPolicies)
        .iter()
        .filter(|p| is_effective(p, ctx.at))
    {
        let Some(d) = crate::scope::definition_of(p, defs) else {
            continue;
        };
        match used.iter_mut().find(|(u, _)| std::ptr::eq(*u, d)) {
            Some((_, ps)) => ps.push(p),
            None => used.push((d, vec![p])),
        }
    }
    used.sort_by_key(|(d, _)| defs.iter().position(|x| std::ptr::eq(x, *d)));
    used
}

/// How a definition is named in messages.
fn definition_label(d: &DnsAuthDefinition) -> String {
    match d.description.trim() {
        "" => d.id.clone(),
        desc => format!("\u{201c}{desc}\u{201d}"),
    }
}

/// An action as the API names it, with the console's label.
fn action_name(a: AuthAction) -> &'static str {
    match a {
        AuthAction::NoAction => "no_action (Take No Action)",
        AuthAction::IgnorePermitted => {
            "ignore_permitted (Ignore Managed / Permitted Sender entries)"
        }
        AuthAction::Reject => "reject (Reject)",
        AuthAction::HonorDmarcRecord => "honor_dmarc_record (Honor DMARC Record)",
    }
}

/// One weak, or possibly weak, setting of a definition.
struct Weakness {
    text: String,
    /// False when the setting was not recorded or its value is unknown.
    certain: bool,
    evidence: Evidence,
}

/// What one check (SPF, DKIM or DMARC) of a definition is judged on.
struct CheckSpec {
    /// Field name in the definition: `spf`, `dkim`, `dmarc`.
    key: &'static str,
    /// `SPF`, `DKIM`, `DMARC`.
    name: &'static str,
    pick: fn(&DnsAuthDefinition) -> &AuthCheck,
    /// Words for the judged action, e.g. "SPF hard-fail action".
    action_label: &'static str,
    acceptable: fn(AuthAction) -> bool,
    /// What the definition fails to do, e.g. "does not act on SPF failures".
    consequence: &'static str,
}

/// The weak settings of one check of a definition.
fn weaknesses(d: &DnsAuthDefinition, spec: &CheckSpec) -> Vec<Weakness> {
    let o = &d.origin;
    let check = (spec.pick)(d);
    let mut out = Vec::new();
    let enabled_path = o.field(&format!("{}.enabled", spec.key));
    match check.enabled {
        Some(false) => {
            out.push(Weakness {
                text: format!(
                    "{} verification is off (Verify {} for Inbound Mail: Disabled)",
                    spec.name, spec.name
                ),
                certain: true,
                evidence: Evidence::at(o, enabled_path, "false"),
            });
            return out;
        }
        Some(true) => {}
        None => out.push(Weakness {
            text: format!(
                "whether {} verification is on was not recorded, so it may be off",
                spec.name
            ),
            certain: false,
            evidence: Evidence::at(o, enabled_path, "(not recorded)"),
        }),
    }
    let action_path = o.field(&format!("{}.failAction", spec.key));
    match &check.fail_action {
        None => out.push(Weakness {
            text: format!("its {} was not recorded, so it may be Take No Action", spec.action_label),
            certain: false,
            evidence: Evidence::at(o, action_path, "(not recorded)"),
        }),
        Some(Known::Unknown(v)) => out.push(Weakness {
            text: format!("its {} is \"{v}\", a value this tool does not know, so it cannot confirm that failures are acted on", spec.action_label),
            certain: false,
            evidence: Evidence::at(o, action_path, v.clone()),
        }),
        Some(Known::Known(a)) if !(spec.acceptable)(*a) => out.push(Weakness {
            text: format!("its {} is {}", spec.action_label, action_name(*a)),
            certain: true,
            evidence: Evidence::at(o, action_path, action_name(*a)),
        }),
        Some(Known::Known(_)) => {}
    }
    out
}

/// Judges one check of every definition used by an effective policy: one
/// finding per weak definition.
fn judge_definitions(meta: &RuleMeta, ctx: &Ctx, spec: &CheckSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    for (d, users) in definitions_in_use(ctx) {
        let weak = weaknesses(d, spec);
        if weak.is_empty() {
            continue;
        }
        let certain = weak.iter().any(|w| w.certain);
        let mut names: Vec<String> = users.iter().take(3).map(|p| p.label()).collect();
        if users.len() > 3 {
            names.push(format!("{} more", users.len() - 3));
        }
        let parts: Vec<&str> = weak.iter().map(|w| w.text.as_str()).collect();
        let message = format!(
            "DNS Authentication definition {} (used by {}) {}{}: {}.",
            definition_label(d),
            names.join(", "),
            if certain { "" } else { "may " },
            if certain {
                spec.consequence.to_string()
            } else {
                spec.consequence.replacen("does not", "not", 1)
            },
            parts.join("; ")
        );
        let mut evidence: Vec<Evidence> = weak.into_iter().map(|w| w.evidence).collect();
        for p in &users {
            evidence.push(Evidence::at(
                &p.origin,
                p.origin.field("definitionId"),
                format!("{} selects {}", p.label(), d.id),
            ));
        }
        out.push(Finding {
            severity: meta.severity,
            message,
            object: Subject::record(&d.id, &d.origin),
            confidence: if certain {
                Confidence::High
            } else {
                Confidence::Low
            },
            evidence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_of;
    use crate::rules::Outcome;
    use crate::InputFile;

    fn bundle(sections: &str) -> Vec<InputFile> {
        crate::rules::testing::bundle(sections)
    }

    #[test]
    fn a_missing_section_makes_each_rule_not_assessed() {
        let only_policies = bundle(r#","dnsAuthInboundPolicies":[]"#);
        for code in ["DNS002", "DNS003", "DNS004"] {
            assert_eq!(
                outcome_of(code, &only_policies),
                Outcome::NotAssessed(vec![Section::DnsAuthInboundDefinitions]),
                "{code}"
            );
        }
        let only_definitions = bundle(r#","dnsAuthInboundDefinitions":[]"#);
        for code in ["DNS001", "DNS002", "DNS005"] {
            assert_eq!(
                outcome_of(code, &only_definitions),
                Outcome::NotAssessed(vec![Section::DnsAuthInboundPolicies]),
                "{code}"
            );
        }
        let only_domains = bundle(r#","internalDomains":[{"domain":"example.com"}]"#);
        assert_eq!(
            outcome_of("DNS006", &only_domains),
            Outcome::NotAssessed(vec![Section::DnsRecords])
        );
        let only_records = bundle(r#","dnsRecords":{"example.com":{"spf":"v=spf1 +all"}}"#);
        assert_eq!(
            outcome_of("DNS006", &only_records),
            Outcome::NotAssessed(vec![Section::InternalDomains])
        );
    }

    #[test]
    fn an_empty_collected_section_is_judged() {
        // Collected and empty: DNS001 fails, the definition rules and DNS005 pass.
        let empty = bundle(r#","dnsAuthInboundPolicies":[],"dnsAuthInboundDefinitions":[]"#);
        assert!(matches!(outcome_of("DNS001", &empty), Outcome::Fail(f) if f.len() == 1));
        for code in ["DNS002", "DNS003", "DNS004", "DNS005"] {
            assert_eq!(outcome_of(code, &empty), Outcome::Pass, "{code}");
        }
        let no_records = bundle(r#","internalDomains":[{"domain":"example.com"}],"dnsRecords":{}"#);
        assert_eq!(outcome_of("DNS006", &no_records), Outcome::Pass);
    }

    #[test]
    fn a_policy_selects_its_definition_by_id_before_description() {
        // Definition B's description equals definition A's id: the id wins.
        let files = bundle(
            r#","dnsAuthInboundDefinitions":[
                {"id":"def-a","description":"A","spf":{"enabled":true,"failAction":"reject"}},
                {"id":"def-b","description":"def-a","spf":{"enabled":false}}],
               "dnsAuthInboundPolicies":[{"id":"p","definitionId":"def-a","from":{"type":"everyone"},"to":{"type":"internal_addresses"}}]"#,
        );
        assert_eq!(outcome_of("DNS002", &files), Outcome::Pass);
    }
}
