use crate::model::{ImpersonationAction, Known, Section};
use crate::rules::controls::Control;
use crate::rules::imp::{
    action_text, capitalize, def_label, definitions_in_use, policy_list, threshold_text,
    unchecked_definition, DefinitionUse,
};
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

/// Hit thresholds above this are lenient.
const MAX_HITS: u32 = 2;

declare_rule! {
    /// An Impersonation Protect definition in use needs too many signs, or lets a detection through unmarked.
    ///
    /// ## Why it matters
    ///
    /// A message is treated as impersonation only when it shows at least
    /// the definition's number of hits. Well-made fraud often shows just two
    /// signs, say a look-alike domain and a copied display name, so a
    /// threshold of 3 or more lets it through. And a detection with no action
    /// and no tag is wasted: the message reaches the user looking exactly
    /// like any other mail, with nothing to make them stop and check.
    ///
    /// ## What triggers it
    ///
    /// A definition selected by an enabled, currently valid Impersonation
    /// Protect policy either has a hit threshold above 2, or has the action
    /// *None* while tagging the subject, the body and the header are all
    /// off. A threshold or action that was not recorded, or an action this
    /// tool does not know combined with no tagging, is reported with medium
    /// confidence because it could not be confirmed. A policy whose
    /// definition was not loaded is reported with low confidence. One
    /// finding per definition, naming the threshold and the action.
    ///
    /// ## How to fix it
    ///
    /// Set *Number of Hits* to 2 for the general definition and to 1 for
    /// VIP definitions. If the action stays *None*, switch on at least *Tag
    /// Subject* (for example `[SUSPICIOUS MESSAGE]`) and *Tag Message Body*
    /// so users see the warning; better, set the action to *Hold for Review*
    /// for definitions that protect VIPs.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > Impersonation
    /// Protection**, open the definition: *Number of Hits* is under
    /// Identifier Settings, the action and tag options under Identifier
    /// Actions.
    pub struct ImpersonationLenientThresholdOrAction {
        code: "IMP005",
        name: "impersonation-lenient-threshold-or-action",
        area: Area::Impersonation,
        severity: Severity::Medium,
        reads: &[Section::ImpersonationPolicies, Section::ImpersonationDefinitions],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > Definitions > Impersonation Protection",
        controls: &[Control::cis_partial("9.7"), Control::nist("SI-8")],
    }
}

impl Rule for ImpersonationLenientThresholdOrAction {
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
                        "hit threshold and action",
                    ));
                    continue;
                }
            };
            let o = &d.origin;
            let mut problems: Vec<String> = Vec::new();
            let mut definite = false;
            let tags: Vec<&str> = [
                (d.tag_subject, "subject"),
                (d.tag_body, "body"),
                (d.tag_header, "header"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect();
            let mut evidence = vec![Evidence::at(
                o,
                o.path.clone(),
                format!(
                    "{}: hit threshold {}, action {}, tagging {}",
                    def_label(d),
                    threshold_text(d),
                    action_text(d.action.as_ref()),
                    if tags.is_empty() {
                        "off".to_string()
                    } else {
                        tags.join(", ")
                    }
                ),
            )];

            match d.hit_threshold {
                Some(n) if n > MAX_HITS => {
                    definite = true;
                    problems.push(format!("its hit threshold is {n} (above {MAX_HITS})"));
                    evidence.push(Evidence::at(
                        o,
                        o.field("hitThreshold"),
                        format!("hitThreshold: {n}"),
                    ));
                }
                Some(_) => {}
                None => {
                    problems.push("its hit threshold was not recorded".into());
                }
            }

            if tags.is_empty() {
                let untagged = "and subject, body and header tagging are all off";
                match &d.action {
                    Some(Known::Known(ImpersonationAction::None)) => {
                        definite = true;
                        problems.push(format!("its action is none {untagged}, so a detected message is delivered unmarked"));
                        evidence.push(Evidence::at(
                            o,
                            o.field("action"),
                            "action: none; tagSubject, tagBody, tagHeader: off",
                        ));
                    }
                    Some(Known::Known(_)) => {}
                    Some(Known::Unknown(v)) => {
                        problems.push(format!(
                            "its action \"{v}\" is not known to this tool {untagged}"
                        ));
                        evidence.push(Evidence::at(
                            o,
                            o.field("action"),
                            format!("action: {v} (unknown); tagSubject, tagBody, tagHeader: off"),
                        ));
                    }
                    None => {
                        problems.push(format!("its action was not recorded {untagged}"));
                    }
                }
            }
            if problems.is_empty() {
                continue;
            }
            for p in &policies {
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.field("definitionId"),
                    format!("used by effective policy {}", p.label()),
                ));
            }
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "{}, used by effective {}, is lenient: {}.",
                    capitalize(&def_label(d)),
                    policy_list(&policies),
                    problems.join("; ")
                ),
                object: Subject::record(&d.id, &d.origin),
                confidence: if definite {
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
        crate::rules::testing::check_fixtures("IMP005");
    }
}
