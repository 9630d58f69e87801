use super::licence::Feature;
use super::protect::Protect;
use crate::model::{Config, Policy, Section};
use crate::rules::controls::Control;
use crate::rules::{Area, Ctx, Effort, Finding, Rule, RuleMeta, Severity};
use crate::scope::definition_of;

declare_rule! {
    /// No URL Protect policy checks the links of inbound mail.
    ///
    /// ## Why it matters
    ///
    /// URL Protect rewrites the links in a message and checks each one again
    /// when it is clicked, so a page that turns malicious after delivery is
    /// still blocked. A URL Protect definition does nothing on its own: only
    /// a policy routed to inbound mail, using a definition with the inbound
    /// check switched on, puts it to work. Without one, every link in
    /// inbound mail reaches users unchecked at click time.
    ///
    /// ## What triggers it
    ///
    /// URL Protect definitions and policies were collected, and no policy is
    /// enabled, inside its validity window, applied from Everyone or External
    /// Addresses to Everyone or Internal Addresses (either way round when
    /// bi-directional), and using a definition with *Enable Inbound Check*
    /// ticked. The finding lists each policy and why it does not count (off,
    /// expired, limited to a group, definition missing or with the inbound
    /// check off) and what is known about the licence. When both sections
    /// are empty and the feature is not licensed — the checklist's
    /// *Licences* answer says so, or, unanswered, the account's packages do
    /// not name URL Protect — the rule is not assessed instead.
    ///
    /// ## How to fix it
    ///
    /// Create a URL Protection policy that selects a definition with *Enable
    /// Inbound Check* ticked, applied from Everyone (or External Addresses) to
    /// Internal Addresses, enabled and without an end date. Fix or replace a
    /// policy that is disabled, expired or limited to a pilot group.
    ///
    /// Console: **Policies > Gateway Policies > URL Protection** (definitions
    /// under Policies > Gateway Policies > Definitions > URL Protection).
    pub struct UrlProtectInboundMissing {
        code: "TTP001",
        name: "url-protect-inbound-missing",
        area: Area::ThreatProtection,
        severity: Severity::High,
        reads: &[Section::UrlProtectDefinitions, Section::UrlProtectPolicies],
        version: 1,
        effort: Effort::Low,
        console: "Policies > Gateway Policies > URL Protection",
        controls: &[Control::cis_partial("9.3"), Control::nist("SI-3"), Control::nist("SI-8")],
    }
}

fn definition_counts(p: &Policy, cfg: &Config) -> Result<(), String> {
    let Some(d) = definition_of(p, &cfg.url_protect_definitions) else {
        return Err(match &p.definition_id {
            Some(id) => format!("definition {id} not loaded"),
            None => "no definition selected".into(),
        });
    };
    match d.inbound_check {
        Some(true) => Ok(()),
        Some(false) => Err(format!("definition {} has inbound check off", d.id)),
        None => Err(format!(
            "definition {} does not say whether its inbound check is on",
            d.id
        )),
    }
}

const PROTECT: Protect = Protect {
    feature: Feature::UrlProtect,
    definitions: Section::UrlProtectDefinitions,
    policies: Section::UrlProtectPolicies,
    definition_count: |cfg| cfg.url_protect_definitions.len(),
    definition_counts,
};

impl Rule for UrlProtectInboundMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        PROTECT.missing(cfg, Self::META.reads)
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        PROTECT.not_assessed_reason(cfg)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        PROTECT.check(&Self::META, ctx)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("TTP001");
    }

    #[test]
    fn not_assessed_when_absent_or_empty_and_not_licensed() {
        assert!(matches!(
            outcome_in("TTP001", r#""urlProtectPolicies":[]"#),
            Outcome::NotAssessed(_)
        ));
        // D.9 (b): both sections empty, packages without TTP.
        let unlicensed = r#""account":{"accountCode":"C1","packages":[{"id":"1001","name":"Email Security Cloud Gateway"},{"id":"1002","name":"Archive"}]},
            "urlProtectDefinitions":[],"urlProtectPolicies":[]"#;
        assert_eq!(
            outcome_in("TTP001", unlicensed),
            Outcome::NotAssessed(vec![Section::UrlProtectPolicies])
        );
        let report = crate::analyze(
            &crate::rules::testing::bundle(unlicensed),
            &crate::Options::default(),
        );
        let r = report.results.iter().find(|r| r.code == "TTP001").unwrap();
        let why = format!("{:?}", r.missing_sections);
        assert!(
            why.contains("does not appear among the account's packages"),
            "{why}"
        );
        // Unknown or licensed packages: the empty sections fail.
        for account in [
            r#""account":{"accountCode":"C1"}"#,
            r#""account":{"accountCode":"C1","packages":["Targeted Threat Protection - URL Protect"]}"#,
        ] {
            let body = format!(r#"{account},"urlProtectDefinitions":[],"urlProtectPolicies":[]"#);
            assert!(
                matches!(outcome_in("TTP001", &body), Outcome::Fail(_)),
                "{account}"
            );
        }
        // A licence signal never hides a policy that is there.
        let body = r#""account":{"packages":["Archive"]},"urlProtectDefinitions":[],
            "urlProtectPolicies":[{"id":"p","definitionId":"d","from":{"type":"everyone"},"to":{"type":"internal_addresses"}}]"#;
        assert!(matches!(outcome_in("TTP001", body), Outcome::Fail(_)));
    }

    #[test]
    fn the_checklist_answer_wins_over_the_packages() {
        let empty = r#""urlProtectDefinitions":[],"urlProtectPolicies":[]"#;
        let licensed = r#""account":{"packages":["Targeted Threat Protection - URL Protect"]}"#;
        // Answered "no": not assessed although the packages name it.
        let body = format!(r#"{licensed},"licences":{{"urlProtect":"no"}},{empty}"#);
        assert_eq!(
            outcome_in("TTP001", &body),
            Outcome::NotAssessed(vec![Section::UrlProtectPolicies])
        );
        let report = crate::analyze(
            &crate::rules::testing::bundle(&body),
            &crate::Options::default(),
        );
        let r = report.results.iter().find(|r| r.code == "TTP001").unwrap();
        let why = format!("{:?}", r.missing_sections);
        assert!(
            why.contains("the checklist says URL Protect is not licensed"),
            "{why}"
        );
        // Answered "yes": the empty sections fail although no package names it.
        let body = format!(
            r#""account":{{"packages":["Archive"]}},"licences":{{"urlProtect":"yes"}},{empty}"#
        );
        let Outcome::Fail(f) = outcome_in("TTP001", &body) else {
            panic!("a licensed, empty URL Protect fails");
        };
        assert!(
            f[0].evidence
                .iter()
                .any(|e| e.path == "licences.urlProtect" && e.value.contains("is licensed")),
            "{:?}",
            f[0].evidence
        );
        // The other question does not answer this one.
        let body = format!(
            r#""account":{{"packages":["Archive"]}},"licences":{{"attachmentProtect":"yes"}},{empty}"#
        );
        assert!(matches!(
            outcome_in("TTP001", &body),
            Outcome::NotAssessed(_)
        ));
    }
}
