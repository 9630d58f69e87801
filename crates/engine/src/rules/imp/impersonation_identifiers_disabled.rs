use crate::model::Section;
use crate::rules::controls::Control;
use crate::rules::imp::{
    capitalize, def_label, definitions_in_use, policy_list, unchecked_definition, DefinitionUse,
};
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

/// The identifiers every definition should switch on: (log name, console label).
const IDENTIFIERS: [(&str, &str); 5] = [
    ("similar_internal_domain", "Similar Internal Domain"),
    ("newly_observed_domain", "Newly Observed Domain"),
    ("internal_user_name", "Internal User Name (Display Name)"),
    ("reply_address_mismatch", "Reply-to Address Mismatch"),
    ("targeted_threat_dictionary", "Targeted Threat Dictionary"),
];

declare_rule! {
    /// An Impersonation Protect definition in use leaves some of its identifiers off.
    ///
    /// ## Why it matters
    ///
    /// Each identifier is one sign of impersonation, and the definition
    /// counts the signs a message shows against its hit threshold. An
    /// identifier that is off never counts, so messages showing that sign
    /// need more of the others to be caught. With two identifiers off and a
    /// threshold of 2, a message that copies an executive's display name
    /// from a fresh look-alike domain can still pass. Reply-to mismatch is
    /// the one most often left off, and it is exactly how payment fraud
    /// steers the answer to the attacker.
    ///
    /// ## What triggers it
    ///
    /// A definition selected by an enabled, currently valid Impersonation
    /// Protect policy has any of these identifiers off: similar internal
    /// domain, newly observed domain, internal user name (display name),
    /// reply-address mismatch, targeted threat dictionary. An identifier the
    /// bundle does not mention counts as off and is shown as "not recorded";
    /// when every missing identifier is merely not recorded, the finding has
    /// medium confidence. A policy whose definition was not loaded is
    /// reported with low confidence, since it could not be checked. One
    /// finding per definition.
    ///
    /// ## How to fix it
    ///
    /// Open the definition and tick every identifier listed in the finding,
    /// including the Mimecast and custom sub-options where you use them. If
    /// a particular identifier causes false positives for some senders,
    /// handle those senders with an Impersonation Protection Bypass policy
    /// rather than switching the identifier off for everyone.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > Impersonation
    /// Protection**, open the definition, section Identifier Settings (the
    /// internal user name check is labelled *Display Name* on current
    /// consoles and *Internal User Name* on older ones).
    pub struct ImpersonationIdentifiersDisabled {
        code: "IMP004",
        name: "impersonation-identifiers-disabled",
        area: Area::Impersonation,
        severity: Severity::Medium,
        reads: &[Section::ImpersonationPolicies, Section::ImpersonationDefinitions],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Definitions > Impersonation Protection",
        controls: &[Control::cis_partial("9.7"), Control::nist("SI-8"), Control::nist("CM-6")],
    }
}

impl Rule for ImpersonationIdentifiersDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for u in definitions_in_use(ctx.cfg, ctx.at) {
            let (d, policies) = match u {
                DefinitionUse::Found(d, ps) => (d, ps),
                DefinitionUse::Missing(id, ps) => {
                    out.push(unchecked_definition(
                        &Self::META,
                        id.as_deref(),
                        &ps,
                        "identifiers",
                    ));
                    continue;
                }
            };
            let o = &d.origin;
            let mut off: Vec<String> = Vec::new();
            let mut explicit = false;
            let mut evidence = Vec::new();
            for (key, label) in IDENTIFIERS {
                match d.identifiers.get(key) {
                    Some(true) => {}
                    Some(false) => {
                        explicit = true;
                        off.push(label.to_string());
                        evidence.push(Evidence::at(
                            o,
                            o.field(&format!("identifiers.{key}")),
                            format!("{key}: off"),
                        ));
                    }
                    None => {
                        off.push(format!("{label} (not recorded)"));
                        evidence.push(Evidence::at(
                            o,
                            o.field("identifiers"),
                            format!("{key}: not recorded"),
                        ));
                    }
                }
            }
            if off.is_empty() {
                continue;
            }
            for p in &policies {
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.field("definitionId"),
                    format!("used by effective policy {}", p.label()),
                ));
            }
            let message = format!(
                "{}, used by effective {}, leaves {} of the five key identifiers off: {}.",
                capitalize(&def_label(d)),
                policy_list(&policies),
                off.len(),
                off.join(", ")
            );
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: Subject::record(&d.id, &d.origin),
                confidence: if explicit {
                    Confidence::High
                } else {
                    Confidence::Medium
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
        crate::rules::testing::check_fixtures("IMP004");
    }
}
