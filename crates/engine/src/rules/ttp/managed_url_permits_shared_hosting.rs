use super::data::covered_shared_domains;
use crate::model::Section;
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// A managed URL permits a whole file-sharing, hosting or shortener domain.
    ///
    /// ## Why it matters
    ///
    /// A permitted managed URL overrides the verdict URL Protect would reach
    /// when a link is clicked. Permitting a single link is sometimes needed;
    /// permitting a whole domain such as `drive.google.com`, `dropbox.com`,
    /// `github.io` or `bit.ly` exempts every page anyone can publish there.
    /// Phishing kits and malware downloads are hosted on exactly these
    /// services because they are trusted.
    ///
    /// ## What triggers it
    ///
    /// A managed URL with *Override Type* Permitted and *Match Type* Domain
    /// whose domain is, or lies above, a service where anyone can host
    /// content (file sharing, online forms, site builders, app and object
    /// hosting, tunnels, URL shorteners). A permit of `google.com` covers
    /// `docs.google.com`; a permit of your own tenant's host such as
    /// `contoso.sharepoint.com` is not judged. Blocked entries and
    /// explicit-link permits are never judged. One finding per entry, with
    /// its rewriting, user-awareness and click-logging flags.
    ///
    /// ## How to fix it
    ///
    /// Delete the domain-wide permit. Permit the specific links that need it
    /// with *Match Type* Explicit, or your organisation's own host on the
    /// service rather than the service's domain.
    ///
    /// Console: **Services > URL Protection > URL Tools > Managed URLs**.
    pub struct ManagedUrlPermitsSharedHosting {
        code: "TTP003",
        name: "managed-url-permits-shared-hosting",
        area: Area::ThreatProtection,
        severity: Severity::Medium,
        reads: &[Section::ManagedUrls],
        version: 1,
        effort: Effort::Low,
        console: "Services > URL Protection > URL Tools > Managed URLs",
        controls: &[Control::cis_partial("9.3"), Control::nist_partial("SI-3"), Control::nist("CM-6")],
    }
}

/// The URL without its scheme: reports never carry a link that could be
/// followed or loaded.
fn shown(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

impl Rule for ManagedUrlPermitsSharedHosting {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for m in &ctx.cfg.managed_urls {
            if m.action != "permit" || m.match_type != "domain" {
                continue;
            }
            let covered = covered_shared_domains(&m.domain);
            if covered.is_empty() {
                continue;
            }
            let mut evidence = vec![Evidence::at(
                &m.origin,
                m.origin.path.clone(),
                format!(
                    "{}: permitted, match type domain; covers {}",
                    shown(&m.url),
                    covered.join(", ")
                ),
            )];
            evidence.push(Evidence::at(
                &m.origin,
                m.origin.path.clone(),
                format!(
                    "rewriting disabled: {}; user awareness disabled: {}; click logging disabled: {}",
                    yes(m.disable_rewrite),
                    yes(m.disable_user_awareness),
                    yes(m.disable_log_click)
                ),
            ));
            if !m.comment.is_empty() {
                evidence.push(Evidence::at(
                    &m.origin,
                    m.origin.field("comment"),
                    format!("comment: \u{201c}{}\u{201d}", m.comment),
                ));
            }
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "The managed URL {} permits the whole domain {}, so every page hosted on {} skips the click-time check.",
                    shown(&m.url),
                    m.domain,
                    covered.join(", ")
                ),
                object: Subject::record(&m.id, &m.origin),
                confidence: Confidence::High,
                evidence,
            });
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
        crate::rules::testing::check_fixtures("TTP003");
    }

    #[test]
    fn absent_is_not_assessed_and_empty_passes() {
        assert!(matches!(
            outcome_in("TTP003", r#""internalDomains":[]"#),
            Outcome::NotAssessed(_)
        ));
        assert_eq!(outcome_in("TTP003", r#""managedUrls":[]"#), Outcome::Pass);
    }
}
