use crate::rules::controls::Control;
use crate::rules::Subject;
use chrono::Duration;

use crate::model::{GroupMember, Policy, Section, Target};
use crate::rules::imp::{policy_list, vip_directions};
use crate::rules::{Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity};
use crate::scope::group_record;
use crate::scope::{activity, domain_of, group_label, group_members, is_internal_domain};

/// A VIP list not reviewed for longer than this is reported.
const REVIEW_DAYS: i64 = 180;

declare_rule! {
    /// A VIP group used by Impersonation Protect is empty, holds outsiders, or has not been reviewed for months.
    ///
    /// ## Why it matters
    ///
    /// A VIP policy protects exactly the people in its profile group. People
    /// change roles: a new finance director who was never added gets only
    /// the general protection, while someone who left still takes up a
    /// place. An empty group protects nobody, even though the policy looks
    /// in order. A private or partner address in the list means the strict
    /// settings are spent on mail this tenant does not receive, and usually
    /// shows the list was built by hand and then forgotten.
    ///
    /// ## What triggers it
    ///
    /// A profile group that an enabled, currently valid Impersonation
    /// Protect policy uses as the recipients of inbound mail (Applies To, or
    /// either side of a bi-directional policy), when any of these holds:
    ///
    /// - its member list was loaded and is empty;
    /// - it holds an address or a domain outside the internal domains (when
    ///   internal domains were not loaded, the member's own *internal* flag
    ///   is used instead, with medium confidence);
    /// - its review or change date in the bundle is more than 180 days
    ///   before the analysis date (a group with no such date is not judged
    ///   on age).
    ///
    /// One finding per group lists every problem, the member count and the
    /// offending members. A group whose members were not collected is
    /// reported with low confidence, and an empty member list for a group
    /// whose record counts users lowers the confidence too.
    ///
    /// ## How to fix it
    ///
    /// Go through the group with someone who knows the current leadership
    /// and finance roles: add the people now worth impersonating, remove
    /// those who have left or moved, and replace private addresses with the
    /// person's work address. Record when the list was last reviewed, and
    /// put the review on a schedule, for example with every leadership
    /// change and at least twice a year.
    ///
    /// Console: **Users & Groups > Profile Groups** (older consoles:
    /// Directories > Profile Groups), open the group and use *Build* to add
    /// members or the member list to remove them.
    pub struct VipGroupStale {
        code: "IMP003",
        name: "vip-group-stale",
        area: Area::Impersonation,
        severity: Severity::Medium,
        reads: &[Section::ImpersonationPolicies, Section::Groups, Section::GroupMembers],
        version: 1,
        effort: Effort::Low,
        console: "Users & Groups > Profile Groups",
        controls: &[Control::nist_partial("SI-8")],
    }
}

/// A VIP group and the effective policies that aim at it.
struct VipGroup<'a> {
    target: &'a Target,
    policies: Vec<&'a Policy>,
}

fn group_key(target: &Target) -> String {
    match target {
        Target::ProfileGroup { id, name } if id.is_empty() => {
            name.clone().unwrap_or_default().to_ascii_lowercase()
        }
        Target::ProfileGroup { id, .. } => id.clone(),
        other => other.describe(),
    }
}

fn member_text(m: &GroupMember) -> String {
    if m.email_address.is_empty() {
        format!("the whole domain {}", m.domain)
    } else {
        m.email_address.clone()
    }
}

impl Rule for VipGroupStale {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let mut vip: Vec<VipGroup> = Vec::new();
        for p in cfg
            .policies(Section::ImpersonationPolicies)
            .iter()
            .filter(|p| activity(p, ctx.at).is_ok())
        {
            for (_, t) in vip_directions(p, cfg) {
                if !matches!(t, Target::ProfileGroup { .. }) {
                    continue;
                }
                match vip.iter_mut().find(|g| group_key(g.target) == group_key(t)) {
                    Some(g) if g.policies.iter().any(|x| std::ptr::eq(*x, p)) => {}
                    Some(g) => g.policies.push(p),
                    None => vip.push(VipGroup {
                        target: t,
                        policies: vec![p],
                    }),
                }
            }
        }

        let by_domains = !cfg.internal_domains.is_empty();
        let mut out = Vec::new();
        for g in vip {
            let record = group_record(ctx.cfg, g.target);
            let members = group_members(cfg, g.target);
            let mut problems: Vec<String> = Vec::new();
            let mut certain = false;
            let mut confidence = Confidence::High;
            let mut evidence: Vec<Evidence> = Vec::new();

            match members {
                None => {
                    problems.push("could not be checked for emptiness or outsiders, because its members were not collected".into());
                }
                Some([]) => {
                    match record.and_then(|r| r.user_count).filter(|n| *n > 0) {
                        Some(n) => {
                            problems.push(format!("has no members in the loaded member list, although its group record counts {n} users"));
                            confidence = Confidence::Medium;
                        }
                        None => problems.push("is empty, so the VIP policy protects nobody".into()),
                    }
                    certain = true;
                }
                Some(list) => {
                    let outside: Vec<&GroupMember> = list
                        .iter()
                        .filter(|m| {
                            if by_domains {
                                let d = if m.domain.is_empty() {
                                    domain_of(&m.email_address)
                                } else {
                                    m.domain.clone()
                                };
                                !is_internal_domain(cfg, &d)
                            } else {
                                m.internal == Some(false)
                            }
                        })
                        .collect();
                    if !outside.is_empty() {
                        let shown: Vec<String> =
                            outside.iter().take(10).map(|m| member_text(m)).collect();
                        let more = if outside.len() > 10 {
                            format!(" and {} more", outside.len() - 10)
                        } else {
                            String::new()
                        };
                        let basis = if by_domains {
                            "outside the internal domains"
                        } else {
                            "marked as not internal (internal domains not loaded)"
                        };
                        problems.push(format!(
                            "holds {} of {} members {basis}: {}{more}",
                            outside.len(),
                            list.len(),
                            shown.join(", ")
                        ));
                        if !by_domains {
                            confidence = Confidence::Medium;
                        }
                        certain = true;
                        for m in outside.iter().take(20) {
                            let field = if m.email_address.is_empty() {
                                "domain"
                            } else {
                                "emailAddress"
                            };
                            evidence.push(Evidence::at(
                                &m.origin,
                                m.origin.field(field),
                                member_text(m),
                            ));
                        }
                    }
                }
            }

            let last = record.and_then(|r| r.last_change);
            if let Some(d) = last {
                let age = ctx.at - d;
                if age > Duration::days(REVIEW_DAYS) {
                    problems.push(format!(
                        "was last reviewed or changed on {}, {} days before the analysis date",
                        d.format("%Y-%m-%d"),
                        age.num_days()
                    ));
                    certain = true;
                }
            }

            if problems.is_empty() {
                continue;
            }
            if !certain {
                confidence = Confidence::Low;
            }

            let name = group_label(cfg, g.target);
            let count = match members {
                Some(list) => format!("{} members", list.len()),
                None => "members not collected".into(),
            };
            let changed = last
                .map(|d| format!("last change {}", d.format("%Y-%m-%d")))
                .unwrap_or_else(|| "no review or change date recorded".into());
            let summary = format!("VIP group {name}: {count}, {changed}");
            match record {
                Some(r) => {
                    evidence.insert(0, Evidence::at(&r.origin, r.origin.path.clone(), summary))
                }
                None => {
                    let p = g.policies[0];
                    evidence.insert(
                        0,
                        Evidence::at(
                            &p.origin,
                            p.origin.field("to"),
                            format!("{summary} (no group record loaded)"),
                        ),
                    );
                }
            }
            for p in &g.policies {
                evidence.push(Evidence::at(
                    &p.origin,
                    p.origin.path.clone(),
                    format!("{} aims at this group", p.label()),
                ));
            }

            let object = match (g.target, record) {
                (Target::ProfileGroup { id, .. }, _) if !id.trim().is_empty() => {
                    Subject::reference(id)
                }
                (_, Some(r)) => Subject::record(&r.id, &r.origin),
                _ => Subject::policy(Section::ImpersonationPolicies, g.policies[0]).detail(&name),
            };
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "VIP group \u{201c}{name}\u{201d} (used by {}) {}.",
                    policy_list(&g.policies),
                    problems.join("; it ")
                ),
                object,
                confidence,
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
        crate::rules::testing::check_fixtures("IMP003");
    }
}
