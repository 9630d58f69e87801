use std::collections::{BTreeSet, HashMap};

use super::{loaded_policy_sections, missing_unless_any_policy_section, policy_name};
use crate::model::{Config, FromPart, Policy, Section, Target, Validity};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};
use crate::scope::describe_scope;

declare_rule! {
    /// Two policies of the same type do exactly the same thing.
    ///
    /// ## Why it matters
    ///
    /// A duplicate adds nothing but work: each change has to be made twice,
    /// and sooner or later only one copy is edited. From then on the policy
    /// list says one thing and the older copy keeps doing another —
    /// typically an exception that everyone believes was narrowed or
    /// removed.
    ///
    /// ## What triggers it
    ///
    /// Two policies of one section that have the same:
    ///
    /// - option and definition;
    /// - scopes: Applies From, Applies To, Addresses Based On and
    ///   Bi-Directional (a bi-directional pair written the other way round
    ///   counts as the same);
    /// - conditions: source IP ranges, hostnames and SPF domains, compared
    ///   as sets (order and duplicates do not matter; IP ranges are compared
    ///   as networks);
    /// - validity window.
    ///
    /// Narratives, comments and the enabled switch are not compared. One
    /// finding per duplicate pair, naming both policies.
    ///
    /// This rule reads every policy section that was loaded; a pass covers
    /// only those sections (the report lists which were loaded). It is not
    /// assessed only when no policy section at all was loaded.
    ///
    /// ## How to fix it
    ///
    /// Decide which copy to keep — usually the one with the better narrative
    /// — merge any useful narrative or comment into it, and delete the other.
    /// If the two were meant to differ (for example one was to cover another
    /// domain), correct the one that is wrong instead.
    ///
    /// Console: **Policies > Gateway Policies**, open the policy type and
    /// compare the two policies (the Consolidated Policy Viewer lists them
    /// side by side).
    pub struct DuplicatePolicy {
        code: "POL004",
        name: "duplicate-policy",
        area: Area::PolicyHygiene,
        severity: Severity::Low,
        reads: &[Section::AntiSpoofingPolicies, Section::AntiSpoofingBypassPolicies, Section::PermittedSenderPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies",
        controls: &[Control::cis("4.1"), Control::nist_partial("CM-6")],
    }
}

/// Everything that decides what a policy does, normalized for comparison.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Behaviour {
    option: String,
    definition: Option<String>,
    scopes: (String, String),
    from_part: FromPart,
    bidirectional: bool,
    source_ips: BTreeSet<String>,
    hostnames: BTreeSet<String>,
    spf_domains: BTreeSet<String>,
    validity: Validity,
}

fn target_key(t: &Target) -> String {
    let value = match t {
        Target::EmailDomain(v)
        | Target::IndividualEmailAddress(v)
        | Target::HeaderDisplayName(v) => v.trim().to_lowercase(),
        Target::AddressAttribute(v) => v.trim().to_string(),
        Target::ProfileGroup { id, name } if id.is_empty() => format!(
            "name:{}",
            name.as_deref().unwrap_or_default().trim().to_lowercase()
        ),
        Target::ProfileGroup { id, .. } => id.clone(),
        Target::Unknown(t) => t.trim().to_lowercase(),
        _ => String::new(),
    };
    format!("{}={value}", t.type_name())
}

fn behaviour(p: &Policy) -> Behaviour {
    let (from, to) = (target_key(&p.from), target_key(&p.to));
    // A bi-directional policy applies both ways, so A↔B equals B↔A.
    let scopes = if p.bidirectional && to < from {
        (to, from)
    } else {
        (from, to)
    };
    let set = |v: &[String]| {
        v.iter()
            .map(|s| s.trim().trim_end_matches('.').to_lowercase())
            .collect::<BTreeSet<_>>()
    };
    Behaviour {
        option: p.option.as_str().trim().to_lowercase(),
        definition: p.definition_id.as_ref().map(|d| d.trim().to_string()),
        scopes,
        from_part: p.from_part.clone(),
        bidirectional: p.bidirectional,
        source_ips: p
            .source_ips
            .iter()
            .map(|r| {
                r.net
                    .map(|n| n.trunc().to_string())
                    .unwrap_or_else(|| r.text.trim().to_lowercase())
            })
            .collect(),
        hostnames: set(&p.hostnames),
        spf_domains: set(&p.spf_domains),
        validity: p.validity.clone(),
    }
}

impl Rule for DuplicatePolicy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_unless_any_policy_section(cfg, Self::META.reads)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for section in loaded_policy_sections(ctx.cfg) {
            let policies = ctx.cfg.policies(section);
            // Group equal behaviours (linear); one finding per group, in
            // the order of each group's first member.
            let mut groups: HashMap<Behaviour, Vec<usize>> = HashMap::new();
            for (i, p) in policies.iter().enumerate() {
                groups.entry(behaviour(p)).or_default().push(i);
            }
            let mut groups: Vec<Vec<usize>> =
                groups.into_values().filter(|g| g.len() > 1).collect();
            groups.sort_unstable();
            for group in groups {
                let members: Vec<&Policy> = group.iter().map(|&i| &policies[i]).collect();
                out.push(finding(section, &members, ctx));
            }
        }
        out
    }
}

/// Members named in a message or listed as evidence, at most.
const SHOWN: usize = 12;

/// The finding for one group of duplicates (two or more policies).
fn finding(section: Section, members: &[&Policy], ctx: &Ctx) -> Finding {
    let disabled = members.iter().filter(|p| !p.enabled).count();
    let note = match (members.len(), disabled) {
        (_, 0) => String::new(),
        (2, 1) => format!(
            " {} is disabled, a dead copy.",
            members
                .iter()
                .find(|p| !p.enabled)
                .map(|p| p.label())
                .unwrap_or_default()
        ),
        (n, d) if d == n => " All of them are disabled.".to_string(),
        (_, d) => format!(" {d} of them are disabled, dead copies."),
    };
    let message = match members {
        [a, b] => format!(
            "{} and {} are duplicates: same option, scopes, conditions and validity.{note}",
            policy_name(section, a),
            b.label()
        ),
        _ => {
            let mut names: Vec<String> = members.iter().take(SHOWN).map(|p| p.label()).collect();
            if members.len() > SHOWN {
                names.push(format!("and {} more", members.len() - SHOWN));
            }
            format!(
                "{} {} are duplicates of each other: same option, scopes, conditions and \
                 validity ({}).{note}",
                members.len(),
                section.title(),
                names.join(", ")
            )
        }
    };
    let mut subjects: Vec<Subject> = members
        .iter()
        .map(|p| Subject::policy(section, p))
        .collect();
    let object = if subjects.len() == 2 {
        let b = subjects.pop().expect("two");
        let a = subjects.pop().expect("two");
        Subject::pair(a, b)
    } else {
        Subject::group(subjects)
    };
    Finding {
        severity: DuplicatePolicy::META.severity,
        message,
        object,
        confidence: Confidence::High,
        evidence: members
            .iter()
            .take(SHOWN)
            .map(|p| {
                Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!(
                        "{}: {} {}",
                        p.label(),
                        p.option.as_str(),
                        describe_scope(p, ctx.cfg)
                    ),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::outcome_of;
    use crate::rules::Outcome;
    use crate::InputFile;

    #[test]
    fn thousands_of_copies_give_one_bounded_finding() {
        // 4,000 identical policies once took gigabytes (a finding per pair).
        let one = r#"{"option":"no_action","from":{"type":"everyone"},"to":{"type":"everyone"},"sourceIPs":["192.0.2.1"]}"#;
        let list = vec![one; 4000].join(",");
        let text = format!(
            r#"{{"format":"mimecast-config-bundle","version":1,"antiSpoofingPolicies":[{list}]}}"#
        );
        let Outcome::Fail(f) = outcome_of("POL004", &[InputFile::new("b.json", text)]) else {
            panic!("expected a finding")
        };
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.starts_with("4000 Anti-spoofing policies"),
            "{}",
            f[0].message
        );
        assert!(f[0].message.contains("and 3988 more"), "{}", f[0].message);
        assert_eq!(f[0].evidence.len(), 12);
        assert!(f[0].object.key().len() < 80, "{}", f[0].object);
    }

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("POL004");
    }
}
