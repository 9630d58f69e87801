use crate::model::{AdminProfile, Config, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// Administrators can sign in to Mimecast with a password alone.
    ///
    /// ## Why it matters
    ///
    /// A Mimecast administrator can change every policy that protects the
    /// organisation's mail: permit a sender, switch off a scan, redirect
    /// messages. A stolen or guessed administrator password is therefore a
    /// direct path around the whole gateway. The Default Administrator
    /// Authentication Profile is the one place that puts a second factor in
    /// front of every administrator: it applies in every Mimecast
    /// application and takes precedence over any other authentication
    /// profile. To protect administrators it must use Two-Step
    /// Authentication or enforced SAML sign-in.
    ///
    /// ## What triggers it
    ///
    /// The rule reads `adminAuthentication.adminProfile` (recorded with the
    /// console checklist).
    ///
    /// - The profile does not exist (`exists: false`). Administrators may
    ///   still be asked for a second factor by a group's Application
    ///   Setting, but only the administrator profile covers every
    ///   administrator.
    /// - The profile exists but neither Two-Step Authentication
    ///   (`twoStepAuthentication`) nor enforced SAML (`enforceSaml`) is on.
    ///
    /// The rule passes when the profile exists with either of the two. Two
    /// details are worth checking even then: codes sent by email
    /// (`twoStepMethod: email`) arrive in a mailbox an attacker who holds
    /// the password may already read, so an authenticator app is the better
    /// choice; and with SAML the second factor is the identity provider's
    /// job, so check that it asks for one. It is not assessed when the
    /// profile was not recorded, or when only some of its settings were and
    /// they do not say whether it exists.
    ///
    /// ## How to fix it
    ///
    /// Create the profile with **Create Default Admin Authentication
    /// Profile** if it is not listed (it is named
    /// Account_Administrators_Authentication_Profile), then turn on
    /// Two-Step Authentication with codes from an authenticator app, or
    /// enforce SAML sign-in through an identity provider that requires
    /// multi-factor authentication. The profile applies as soon as it is
    /// saved: keep a second administrator session open and test the new
    /// sign-in before closing it.
    ///
    /// Console: **Users & Groups > Applications > Authentication Profiles**
    /// (older consoles: Services > Applications).
    pub struct AdminMfaNotEnforced {
        code: "ADM001",
        name: "admin-mfa-not-enforced",
        area: Area::Administration,
        severity: Severity::High,
        reads: &[Section::AdminAuthentication],
        version: 1,
        effort: Effort::Low,
        console: "Users & Groups > Applications > Authentication Profiles",
        controls: &[Control::cis("6.5"), Control::nist("IA-2(1)")],
    }
}

fn profile(cfg: &Config) -> Option<&AdminProfile> {
    cfg.admin_authentication.as_ref()?.profile.as_ref()
}

/// Whether the recorded profile says enough to judge: it exists or not, or
/// one of the two protections is on (which implies it exists).
fn judgeable(p: &AdminProfile) -> bool {
    p.exists.is_some() || p.two_step == Some(true) || p.enforce_saml == Some(true)
}

fn shown(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "true",
        Some(false) => "false",
        None => "not recorded",
    }
}

/// Every recorded setting of the profile, as evidence.
fn settings(p: &AdminProfile) -> Vec<Evidence> {
    let o = &p.origin;
    let mut ev = vec![
        Evidence::at(o, o.field("exists"), shown(p.exists)),
        Evidence::at(o, o.field("twoStepAuthentication"), shown(p.two_step)),
    ];
    if let Some(m) = &p.two_step_method {
        ev.push(Evidence::at(o, o.field("twoStepMethod"), m.clone()));
    }
    ev.push(Evidence::at(
        o,
        o.field("enforceSaml"),
        shown(p.enforce_saml),
    ));
    if let Some(s) = &p.saml_provider {
        ev.push(Evidence::at(o, o.field("samlProvider"), s.clone()));
    }
    ev
}

impl Rule for AdminMfaNotEnforced {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        if profile(cfg).is_some_and(judgeable) {
            Vec::new()
        } else {
            vec![Section::AdminAuthentication]
        }
    }

    fn not_assessed_reason(&self, cfg: &Config, _section: Section) -> Option<String> {
        if !cfg.has(Section::AdminAuthentication) {
            return None;
        }
        Some(match profile(cfg) {
            None => "the Default Administrator Authentication Profile (adminProfile) was not recorded".to_string(),
            Some(_) => "the recorded administrator profile does not say whether it exists, and neither Two-Step Authentication nor SAML is on; record `exists`".to_string(),
        })
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let Some(p) = profile(ctx.cfg) else {
            return Vec::new();
        };
        let protected = p.two_step == Some(true) || p.enforce_saml == Some(true);
        let mut evidence = settings(p);
        let message = if p.exists == Some(false) {
            evidence.push(Evidence::at(
                &p.origin,
                p.origin.field("exists"),
                "administrators may still get a second factor from a group's Application Setting, but only the administrator profile applies to every administrator in every Mimecast application and overrides all other profiles",
            ));
            "The Default Administrator Authentication Profile does not exist: nothing requires a second factor from every administrator."
        } else if protected {
            return Vec::new();
        } else {
            "The Default Administrator Authentication Profile uses neither Two-Step Authentication nor SAML: administrators sign in with a password alone."
        };
        vec![Finding {
            severity: Self::META.severity,
            message: message.to_string(),
            object: Subject::fixed("adminAuthentication.adminProfile"),
            confidence: Confidence::High,
            evidence,
        }]
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("ADM001");
    }

    #[test]
    fn nothing_to_judge_is_not_assessed() {
        for body in [
            r#""account":{}"#,
            r#""adminAuthentication":{"apiApplications":[]}"#,
            r#""adminAuthentication":{"adminProfile":null,"adminIpRanges":["198.51.100.0/26"]}"#,
            r#""adminAuthentication":{"adminProfile":{"twoStepMethod":"email"}}"#,
            r#""adminAuthentication":{"adminProfile":{"twoStepAuthentication":false}}"#,
        ] {
            assert_eq!(
                outcome_in("ADM001", body),
                Outcome::NotAssessed(vec![Section::AdminAuthentication]),
                "{body}"
            );
        }
    }

    #[test]
    fn a_protection_that_is_on_implies_the_profile_exists() {
        assert_eq!(
            outcome_in(
                "ADM001",
                r#""adminAuthentication":{"adminProfile":{"twoStepAuthentication":"true","twoStepMethod":"Third Party App"}}"#
            ),
            Outcome::Pass
        );
    }

    #[test]
    fn flags_written_as_text_or_numbers_are_read() {
        let Outcome::Fail(f) = outcome_in(
            "ADM001",
            r#""adminAuthentication":{"adminProfile":{"exists":1,"twoStepAuthentication":"false","enforceSaml":0}}"#,
        ) else {
            panic!("expected a finding")
        };
        assert!(f[0].message.contains("password alone"), "{}", f[0].message);
    }

    #[test]
    fn the_report_says_why_a_recorded_section_is_not_enough() {
        let files =
            crate::rules::testing::bundle(r#""adminAuthentication":{"apiApplications":[]}"#);
        let report = crate::analyze(&files, &crate::Options::default());
        let r = report.results.iter().find(|r| r.code == "ADM001").unwrap();
        let reason = r.missing_sections[0].reason.as_deref().unwrap_or_default();
        assert!(
            reason.contains("adminProfile) was not recorded"),
            "{reason}"
        );
    }
}
