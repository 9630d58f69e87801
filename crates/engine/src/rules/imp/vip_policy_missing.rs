use crate::model::{ImpersonationAction, ImpersonationDefinition, Known, Policy, Section};
use crate::rules::controls::Control;
use crate::rules::imp::{
    action_text, def_label, definition_of, section_evidence, threshold_text, vip_directions,
};
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::{activity, covers_all_inbound, describe_scope};

declare_rule! {
    /// No stricter Impersonation Protect policy protects your VIPs.
    ///
    /// ## Why it matters
    ///
    /// Executives, finance staff and assistants are the people attackers
    /// pretend to be, and the people they write to. A general definition is
    /// tuned to keep false positives low across all staff; the few people
    /// whose names are worth faking deserve a definition that reacts to a
    /// single suspicious sign, or holds the message instead of only tagging
    /// it. A VIP policy that reuses the general settings adds nothing.
    ///
    /// ## What triggers it
    ///
    /// No enabled, currently valid policy aims at VIPs with a definition
    /// stricter than the baseline. A policy aims at VIPs when it applies to
    /// inbound mail *to* a profile group, or *from* senders matched on a
    /// header display name (either direction of a bi-directional policy
    /// counts). The baseline is the definition of the effective policy that
    /// covers all external mail to internal users (from External Addresses
    /// or Everyone, to Internal Addresses or Everyone); with several such
    /// policies, the VIP definition must be stricter than each. Stricter
    /// means a lower hit threshold, or a stronger action (*Hold for Review*
    /// or *Bounce* where the baseline does nothing; hold and bounce rank the
    /// same). When no baseline policy exists, the VIP definition is compared
    /// with Mimecast's initial settings (2 hits, no action) and the finding
    /// says so. A definition that is not loaded, or a value not recorded or
    /// not known to this tool, makes the comparison uncertain: the finding
    /// then carries medium confidence.
    ///
    /// ## How to fix it
    ///
    /// Keep the names of the people most worth impersonating in a profile
    /// group. Create a definition for them with *Number of Hits* set to 1 and
    /// the action set to *Hold for Review* (or at least below the baseline's
    /// hit count), then a policy that selects it, from External Addresses to
    /// that profile group. To catch senders who use a VIP's name, add a
    /// policy with Applies From *Header Display Name* for each name.
    ///
    /// Console: **Policies > Gateway Policies > Definitions > Impersonation
    /// Protection** for the definition, then **Policies > Gateway Policies >
    /// Impersonation Protection** for the policy.
    pub struct VipPolicyMissing {
        code: "IMP002",
        name: "vip-policy-missing",
        area: Area::Impersonation,
        severity: Severity::Medium,
        reads: &[Section::ImpersonationPolicies, Section::ImpersonationDefinitions],
        version: 1,
        effort: Effort::Medium,
        console: "Policies > Gateway Policies > Definitions > Impersonation Protection",
        controls: &[Control::cis_partial("9.7"), Control::nist("SI-8")],
    }
}

/// How a VIP definition compares with one baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cmp {
    Stricter,
    NotStricter(String),
    Unknown(String),
}

/// What a VIP definition is compared against.
struct Baseline<'a> {
    label: String,
    threshold: Option<u32>,
    action: Option<&'a Known<ImpersonationAction>>,
}

impl<'a> Baseline<'a> {
    fn of(d: &'a ImpersonationDefinition) -> Self {
        Baseline {
            label: def_label(d),
            threshold: d.hit_threshold,
            action: d.action.as_ref(),
        }
    }
}

const INITIAL_ACTION: Known<ImpersonationAction> = Known::Known(ImpersonationAction::None);

/// 0 = no action, 1 = hold or bounce; `None` when unknown or not recorded.
fn strength(a: Option<&Known<ImpersonationAction>>) -> Option<u8> {
    match a? {
        Known::Known(ImpersonationAction::None) => Some(0),
        Known::Known(ImpersonationAction::Hold | ImpersonationAction::Bounce) => Some(1),
        Known::Unknown(_) => None,
    }
}

fn compare(vip: &ImpersonationDefinition, base: &Baseline) -> Cmp {
    let lower = match (vip.hit_threshold, base.threshold) {
        (Some(v), Some(b)) => Some(v < b),
        _ => None,
    };
    let stronger = match (strength(vip.action.as_ref()), strength(base.action)) {
        (Some(v), Some(b)) => Some(v > b),
        _ => None,
    };
    if lower == Some(true) || stronger == Some(true) {
        return Cmp::Stricter;
    }
    let facts = format!(
        "hit threshold {} against {}, action {} against {} in the baseline {}",
        threshold_text(vip),
        base.threshold
            .map(|n| n.to_string())
            .unwrap_or_else(|| "not recorded".into()),
        action_text(vip.action.as_ref()),
        action_text(base.action),
        base.label
    );
    if lower.is_none() || stronger.is_none() {
        Cmp::Unknown(format!("cannot be compared ({facts})"))
    } else {
        Cmp::NotStricter(format!("not stricter ({facts})"))
    }
}

/// A VIP definition against every baseline: stricter only when stricter
/// than each, and only when every baseline definition was loaded.
fn verdict(
    d: &ImpersonationDefinition,
    baselines: &[Baseline],
    missing_baseline: &[String],
) -> Cmp {
    let per_base: Vec<Cmp> = baselines.iter().map(|b| compare(d, b)).collect();
    if let Some(c) = per_base.iter().find(|c| matches!(c, Cmp::NotStricter(_))) {
        c.clone()
    } else if let Some(c) = per_base.iter().find(|c| matches!(c, Cmp::Unknown(_))) {
        c.clone()
    } else if !missing_baseline.is_empty() {
        Cmp::Unknown(format!(
            "the baseline definition {} was not loaded",
            missing_baseline.join(", ")
        ))
    } else {
        Cmp::Stricter
    }
}

impl Rule for VipPolicyMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let policies = cfg.policies(Section::ImpersonationPolicies);
        let effective: Vec<&Policy> = policies
            .iter()
            .filter(|p| activity(p, ctx.at).is_ok())
            .collect();

        // The baseline: definitions of the effective all-inbound policies.
        let mut evidence: Vec<Evidence> = Vec::new();
        let mut baselines: Vec<Baseline> = Vec::new();
        let mut seen_defs: Vec<&str> = Vec::new();
        let mut missing_baseline: Vec<String> = Vec::new();
        for p in effective.iter().filter(|p| covers_all_inbound(p)) {
            match definition_of(cfg, p) {
                Some(d) if seen_defs.contains(&d.id.as_str()) => {}
                Some(d) => {
                    seen_defs.push(&d.id);
                    baselines.push(Baseline::of(d));
                    evidence.push(Evidence::at(
                        &d.origin,
                        d.origin.field("hitThreshold"),
                        format!(
                            "baseline {} (policy {}): hit threshold {}, action {}",
                            def_label(d),
                            p.label(),
                            threshold_text(d),
                            action_text(d.action.as_ref())
                        ),
                    ));
                }
                None => {
                    let id = p
                        .definition_id
                        .clone()
                        .unwrap_or_else(|| "(none recorded)".into());
                    evidence.push(Evidence::at(
                        &p.origin,
                        p.origin.field("definitionId"),
                        format!(
                            "baseline policy {}: definition {id} was not loaded",
                            p.label()
                        ),
                    ));
                    missing_baseline.push(id);
                }
            }
        }
        let assumed = baselines.is_empty() && missing_baseline.is_empty();
        if assumed {
            baselines.push(Baseline {
                label: "(Mimecast's initial settings)".into(),
                threshold: Some(2),
                action: Some(&INITIAL_ACTION),
            });
            evidence.push(section_evidence(
                cfg,
                Section::ImpersonationPolicies,
                "no effective policy covers all inbound mail; baseline taken as Mimecast's initial settings: hit threshold 2, action none",
            ));
        }

        // The VIP policies, active or not, and how each compares.
        let mut vip_seen = 0;
        let mut uncertain = false;
        let mut against_assumed = false;
        for p in policies
            .iter()
            .filter(|p| !vip_directions(p, cfg).is_empty())
        {
            vip_seen += 1;
            let (why, unsure) = match activity(p, ctx.at) {
                Err(why) => (why.describe(), false),
                Ok(()) => match definition_of(cfg, p) {
                    None => (
                        format!(
                            "its definition {} was not loaded",
                            p.definition_id.as_deref().unwrap_or("(none recorded)")
                        ),
                        true,
                    ),
                    Some(d) => {
                        against_assumed |= assumed;
                        match verdict(d, &baselines, &missing_baseline) {
                            Cmp::Stricter => return Vec::new(),
                            Cmp::NotStricter(r) => (format!("{}: {r}", def_label(d)), false),
                            Cmp::Unknown(r) => (format!("{}: {r}", def_label(d)), true),
                        }
                    }
                },
            };
            uncertain |= unsure;
            evidence.push(Evidence::at(
                &p.origin,
                p.origin.path.clone(),
                format!(
                    "VIP policy {} ({}): {why}",
                    p.label(),
                    describe_scope(p, cfg)
                ),
            ));
        }

        let base_names = if assumed {
            "Mimecast's initial settings (2 hits, no action)".to_string()
        } else {
            let mut names: Vec<String> = baselines.iter().map(|b| b.label.clone()).collect();
            names.extend(
                missing_baseline
                    .iter()
                    .map(|id| format!("definition {id} (not loaded)")),
            );
            format!("the baseline {}", names.join(" and "))
        };
        let vips = match vip_seen {
            1 => "the only VIP policy".to_string(),
            n => format!("{n} VIP policies"),
        };
        let mut message = match (vip_seen, uncertain) {
            (0, _) => "No Impersonation Protect policy targets VIPs (a profile group of recipients or a sender display name), so they get no stricter protection than everyone else.".to_string(),
            (_, true) => format!(
                "No VIP policy is known to be stricter than {base_names}: of {vips}, none is certainly stricter and at least one could not be compared."
            ),
            (1, false) => format!(
                "The only VIP policy is not in force with a definition stricter than {base_names} (a lower hit threshold or a stronger action)."
            ),
            (n, false) => format!(
                "None of the {n} VIP policies is in force with a definition stricter than {base_names} (a lower hit threshold or a stronger action)."
            ),
        };
        if assumed && vip_seen > 0 {
            message.push_str(" No effective policy covers all inbound mail, so the comparison uses Mimecast's initial settings.");
        }
        let confidence = if uncertain || against_assumed {
            Confidence::Medium
        } else {
            Confidence::High
        };
        vec![Finding {
            severity: Self::META.severity,
            message,
            object: Subject::section(Section::ImpersonationPolicies),
            confidence,
            evidence,
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(
        threshold: Option<u32>,
        action: Option<Known<ImpersonationAction>>,
    ) -> ImpersonationDefinition {
        ImpersonationDefinition {
            id: "d".into(),
            description: String::new(),
            identifiers: Default::default(),
            hit_threshold: threshold,
            bypass_managed_and_permitted: false,
            action,
            tag_subject: false,
            tag_body: false,
            tag_header: false,
            notify_group: None,
            origin: Default::default(),
        }
    }

    #[test]
    fn stricter_means_a_lower_threshold_or_a_stronger_action() {
        let none = Known::Known(ImpersonationAction::None);
        let hold = Known::Known(ImpersonationAction::Hold);
        let bounce = Known::Known(ImpersonationAction::Bounce);
        let base = Baseline {
            label: "b".into(),
            threshold: Some(2),
            action: Some(&none),
        };
        assert_eq!(
            compare(&def(Some(1), Some(none.clone())), &base),
            Cmp::Stricter
        );
        assert_eq!(
            compare(&def(Some(3), Some(hold.clone())), &base),
            Cmp::Stricter
        );
        assert!(matches!(
            compare(&def(Some(2), Some(none.clone())), &base),
            Cmp::NotStricter(_)
        ));
        assert!(matches!(
            compare(&def(None, Some(none.clone())), &base),
            Cmp::Unknown(_)
        ));
        assert!(matches!(
            compare(
                &def(Some(2), Some(Known::Unknown("quarantine".into()))),
                &base
            ),
            Cmp::Unknown(_)
        ));
        let held = Baseline {
            label: "b".into(),
            threshold: Some(2),
            action: Some(&hold),
        };
        assert!(matches!(
            compare(&def(Some(2), Some(bounce)), &held),
            Cmp::NotStricter(_)
        ));
    }

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("IMP002");
    }
}
