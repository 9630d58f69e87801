use crate::model::{ApiApplication, Config, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// An API 2.0 application holds a built-in full-administrator role.
    ///
    /// ## Why it matters
    ///
    /// An API application signs in with a client id and a secret that live
    /// in another system: a SIEM, a script, a partner's service. Whoever
    /// obtains that secret can do everything the application's role allows,
    /// without a second factor and often without anyone noticing. With a
    /// built-in full-power role that means changing or deleting any policy,
    /// creating administrators, or reading archived mail. Mimecast's own
    /// guidance is a custom role per application carrying only the
    /// permissions the integration needs.
    ///
    /// ## What triggers it
    ///
    /// The rule reads `adminAuthentication.apiApplications` (recorded with
    /// the console checklist). Each application whose role is Super
    /// Administrator, Partner Administrator or Full Administrator (compared
    /// without regard to case or surrounding spaces) is one finding.
    /// A disabled application is reported too, with that noted: its keys
    /// work again as soon as someone re-enables it. No application with one
    /// of those roles, or no application at all, is a pass. The rule is not
    /// assessed when the API applications were not recorded.
    ///
    /// ## How to fix it
    ///
    /// Create a custom role under **Account > Admin Roles > New Role**: set
    /// it to Cannot Manage Roles and grant only the (usually read-only)
    /// permissions the integration uses. Then open the application under
    /// **Integrations > Integrations Hub** and pick the new role as its
    /// Application Role. If the secret may have been shared or stored
    /// loosely, generate a new one and update the integration.
    ///
    /// Console: **Integrations > Integrations Hub** (older consoles:
    /// Integrations > API and Platform Integrations); roles under
    /// **Account > Admin Roles** (older consoles: Account > Roles).
    pub struct ApiApplicationBroadRole {
        code: "ADM002",
        name: "api-application-broad-role",
        area: Area::Administration,
        severity: Severity::Medium,
        reads: &[Section::AdminAuthentication],
        version: 1,
        effort: Effort::Medium,
        console: "Integrations > Integrations Hub",
        controls: &[Control::cis_partial("6.8"), Control::nist("AC-6")],
    }
}

fn applications(cfg: &Config) -> Option<&[ApiApplication]> {
    cfg.admin_authentication
        .as_ref()?
        .api_applications
        .as_deref()
}

fn finding(app: &ApiApplication, role: &str) -> Finding {
    let o = &app.origin;
    let shown_role = app.role.as_deref().unwrap_or(role).trim();
    let mut evidence = vec![
        Evidence::at(o, o.field("name"), app.name.clone()),
        Evidence::at(o, o.field("role"), shown_role.to_string()),
    ];
    let products = if app.products.is_empty() {
        "not recorded".to_string()
    } else {
        app.products.join(", ")
    };
    evidence.push(Evidence::at(o, o.field("products"), products));
    let disabled = app.enabled == Some(false);
    if disabled {
        evidence.push(Evidence::at(o, o.field("enabled"), "false"));
    }
    let mut message = format!(
        "API application \u{201c}{}\u{201d} has the built-in role {role}: anyone holding its client secret can administer the whole account.",
        app.name
    );
    if disabled {
        message.push_str(" It is disabled, but its keys work again as soon as it is re-enabled.");
    }
    Finding {
        severity: ApiApplicationBroadRole::META.severity,
        message,
        object: Subject::named(&app.name, &[&o.path]),
        confidence: Confidence::High,
        evidence,
    }
}

impl Rule for ApiApplicationBroadRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        if applications(cfg).is_some() {
            Vec::new()
        } else {
            vec![Section::AdminAuthentication]
        }
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        cfg.has(Section::AdminAuthentication)
            .then(|| "the API applications (apiApplications) were not recorded".to_string())
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        applications(ctx.cfg)
            .unwrap_or_default()
            .iter()
            .filter_map(|a| a.broad_role().map(|r| finding(a, r)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("ADM002");
    }

    #[test]
    fn applications_not_recorded_is_not_assessed() {
        for body in [
            r#""account":{}"#,
            r#""adminAuthentication":{"adminProfile":{"exists":true,"enforceSaml":true}}"#,
            r#""adminAuthentication":{"apiApplications":null}"#,
        ] {
            assert_eq!(
                outcome_in("ADM002", body),
                Outcome::NotAssessed(vec![Section::AdminAuthentication]),
                "{body}"
            );
        }
    }

    #[test]
    fn roles_are_compared_trimmed_and_without_case() {
        let Outcome::Fail(f) = outcome_in(
            "ADM002",
            r#""adminAuthentication":{"apiApplications":[
                {"name":"a","role":"  super   ADMINISTRATOR "},
                {"name":"b","role":"Full Administrator (custom copy)"},
                {"name":"c","role":"partner administrator","products":"Archive, Directory"},
                {"name":"d"}]}"#,
        ) else {
            panic!("expected findings")
        };
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f[0].message.contains("Super Administrator"));
        assert!(f[1]
            .evidence
            .iter()
            .any(|e| e.value == "Archive, Directory"));
    }

    #[test]
    fn a_redacted_report_hides_application_names_but_keeps_built_in_roles() {
        let files = crate::rules::testing::bundle(
            r#""adminAuthentication":{"adminProfile":{"exists":true,"enforceSaml":true,"samlProvider":"Northwind Okta"},
               "adminIpRanges":["198.51.100.0/26"],
               "apiApplications":[{"name":"Northwind SIEM export","role":"Super Administrator","description":"Splunk pull for Northwind","products":["Archive"]},
                                  {"name":"Reader","role":"Northwind Reader"}]}"#,
        );
        let report = crate::analyze(&files, &crate::Options::default());
        let plain = serde_json::to_string(&report.results).unwrap();
        assert!(plain.contains("Northwind SIEM export"));
        let redacted = crate::export::redact::redact(&report);
        let text = serde_json::to_string(&redacted.results).unwrap();
        assert!(!text.contains("Northwind"), "{text}");
        assert!(text.contains("Super Administrator"), "{text}");
    }

    #[test]
    fn an_unreadable_application_is_skipped_with_its_path() {
        let files = crate::rules::testing::bundle(
            r#""adminAuthentication":{"apiApplications":[{"name":"ok","role":"Full Administrator"},{"name":{"x":1}}]}"#,
        );
        let report = crate::analyze(&files, &crate::Options::default());
        let warnings = &report.inputs[0].warnings;
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("adminAuthentication.apiApplications[1]")),
            "{warnings:?}"
        );
        let r = report.results.iter().find(|r| r.code == "ADM002").unwrap();
        assert_eq!(r.findings.len(), 1);
    }
}
