use super::{policy_evidence, unconditioned};
use crate::model::{Config, FromPart, Policy, PolicyOption, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Confidence, Ctx, Effort, Finding, Rule, RuleMeta, Severity, Subject};
use crate::scope::{activity, covers_all_inbound, describe_scope};

declare_rule! {
    /// A URL or Attachment Protection bypass switches the protection off for all inbound mail.
    ///
    /// ## Why it matters
    ///
    /// A bypass policy exists to exempt one sender, team or system from URL
    /// Protect or Attachment Protect. Applied from Everyone (or all external
    /// addresses) to all users, with no source IP or host name to narrow it,
    /// it simply turns the protection off for every inbound message, while
    /// the protection policies still look in place.
    ///
    /// ## What triggers it
    ///
    /// An enabled URL Protection Bypass or Attachment Protection Bypass
    /// policy, inside its validity window, whose option is not *Take no
    /// action* (an option this tool does not know counts as a bypass, and
    /// the finding says so), without source IP ranges or host names, applied
    /// from Everyone or External Addresses to Everyone or Internal Addresses
    /// (either way round when bi-directional). One finding per policy.
    ///
    /// ## How to fix it
    ///
    /// Limit the bypass to the senders or recipients that need it: an
    /// address, a domain, a profile group, or the source IPs of the system
    /// concerned, and give it an end date when the need is temporary.
    ///
    /// Console: **Policies > Gateway Policies > URL Protection Bypass** (or
    /// **Attachment Protection Bypass**).
    pub struct TtpBypassAllInbound {
        code: "TTP005",
        name: "ttp-bypass-all-inbound",
        area: Area::ThreatProtection,
        severity: Severity::High,
        reads: &[Section::UrlProtectBypassPolicies, Section::AttachmentProtectBypassPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > URL Protection Bypass",
        controls: &[
            Control::cis("9.7"),
            Control::cis_partial("9.3"),
            Control::nist("SI-3"),
            Control::nist("SC-7"),
        ],
    }
}

/// Whether the option takes the protection off: `Some(false)` when it is a
/// known bypass option, `Some(true)` when the option is unknown (treated
/// as a bypass), `None` for *Take no action*.
fn bypasses(p: &Policy) -> Option<bool> {
    match &p.option {
        PolicyOption::NoAction => None,
        PolicyOption::Unknown(o) => {
            let o = o.trim().to_ascii_lowercase();
            Some(!matches!(
                o.as_str(),
                "disable_url_protection" | "disable_attachment_protection"
            ))
        }
        _ => Some(true),
    }
}

impl Rule for TtpBypassAllInbound {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        if Self::META.reads.iter().any(|s| cfg.has(*s)) {
            Vec::new()
        } else {
            Self::META.reads.to_vec()
        }
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for &section in Self::META.reads {
            for p in ctx.cfg.policies(section) {
                let Some(unknown) = bypasses(p) else {
                    continue;
                };
                if activity(p, ctx.at).is_err() || !unconditioned(p) || !covers_all_inbound(p) {
                    continue;
                }
                let option = p.option.as_str();
                let what = if section == Section::UrlProtectBypassPolicies {
                    "URL Protect"
                } else {
                    "Attachment Protect"
                };
                let mut message = format!(
                    "The bypass policy {} switches {what} off for all inbound mail ({}).",
                    p.label(),
                    describe_scope(p, ctx.cfg)
                );
                if unknown {
                    message.push_str(&format!(
                        " Its option \u{201c}{option}\u{201d} is not known to this tool, so it is treated as a bypass."
                    ));
                }
                let evidence = vec![policy_evidence(
                    p,
                    format!(
                        "option {}; {}; no source IPs or host names; override {}; addresses based on {}",
                        if option.is_empty() { "(none)" } else { option },
                        describe_scope(p, ctx.cfg),
                        p.override_,
                        match &p.from_part {
                            FromPart::EnvelopeFrom => "envelope_from",
                            FromPart::HeaderFrom => "header_from",
                            FromPart::Both => "both",
                            FromPart::Unknown(v) => v,
                        }
                    ),
                )];
                out.push(Finding {
                    severity: Self::META.severity,
                    message,
                    object: Subject::policy(section, p),
                    confidence: if unknown {
                        Confidence::Medium
                    } else {
                        Confidence::High
                    },
                    evidence,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("TTP005");
    }

    #[test]
    fn either_section_is_enough() {
        assert!(matches!(
            outcome_in("TTP005", r#""urlProtectPolicies":[]"#),
            Outcome::NotAssessed(_)
        ));
        assert_eq!(
            outcome_in("TTP005", r#""attachmentProtectBypassPolicies":[]"#),
            Outcome::Pass
        );
    }
}
