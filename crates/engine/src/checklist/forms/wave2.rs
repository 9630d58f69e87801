//! The forms of catalog wave 2: URL Protect, Attachment Protect, Attachment
//! Management with the Dangerous File Types list, and administrator
//! authentication with the API 2.0 applications. Labels and paths as the
//! wave 2 catalog gives them; unconfirmed ones say "(label may differ on
//! your console)".

use super::{field, list, EMAILS_FROM, EMAILS_TO, NARRATIVE, VALIDITY};
use crate::checklist::{Choice, Field, FieldKind, Group, SectionForm};
use crate::model::Section;

// ---------------------------------------------------------------------------
// URL Protect
// ---------------------------------------------------------------------------

const REWRITE_MODES: &[Choice] = &[
    Choice {
        value: "aggressive",
        label: "Aggressive",
    },
    Choice {
        value: "moderate",
        label: "Moderate",
    },
    Choice {
        value: "relaxed",
        label: "Relaxed",
    },
];

const URL_PROTECT_DEFINITION: &[Group] = &[
    Group {
        title: "Definition",
        fields: &[field(
            "description",
            "Definition Narrative",
            "The definition's name as the definitions list shows it.",
            FieldKind::Text,
            true,
        )],
    },
    Group {
        title: "Inbound Settings",
        fields: &[
            field(
                "inboundCheck",
                "Enable Inbound Check",
                "Ticked: links in inbound mail are rewritten and checked when clicked. The definition only acts \
                 through a URL Protection policy with inbound routing.",
                FieldKind::Flag,
                false,
            ),
            field(
                "rewriteMode",
                "Rewrite Mode",
                "How strictly clicked links are scanned; the out-of-the-box definition uses Moderate.",
                FieldKind::Select(REWRITE_MODES),
                false,
            ),
            field(
                "urlCategoryScanning",
                "URL Category Scanning",
                "The setting as the console shows it (its values are not confirmed; label may differ on your \
                 console).",
                FieldKind::Text,
                false,
            ),
            field(
                "userAwareness.enabled",
                "User Awareness",
                "Ticked: some clicks show a challenge page that teaches users to check links.",
                FieldKind::Flag,
                false,
            ),
            field(
                "userAwareness.challengePercentage",
                "User Awareness: page challenge percentage",
                "How often, in per cent, a click is challenged (1 to 100; the console's default is 5) (label may \
                 differ on your console).",
                FieldKind::Number { min: 1, max: 100 },
                false,
            ),
        ],
    },
    Group {
        title: "Outbound / Journal Settings",
        fields: &[
            field(
                "outboundCheck",
                "Enable Outbound Check",
                "Shown only with Internal Email Protect (label may differ on your console).",
                FieldKind::Flag,
                false,
            ),
            field(
                "journalCheck",
                "Enable Journal Check",
                "Shown only with Internal Email Protect (label may differ on your console).",
                FieldKind::Flag,
                false,
            ),
        ],
    },
];

const URL_PROTECT_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "definitionId",
                "Select Option",
                "The URL Protection definition this policy applies.",
                FieldKind::Reference(Section::UrlProtectDefinitions),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

const URL_BYPASS_OPTIONS: &[Choice] = &[
    Choice {
        value: "no_action",
        label: "Take no action",
    },
    Choice {
        value: "disable_url_protection",
        label: "Disable URL Protection",
    },
];

const URL_PROTECT_BYPASS_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "option",
                "Select Option",
                "The options of the 2017 console; Take no action makes an exception to a broader bypass (label may \
                 differ on your console).",
                FieldKind::Select(URL_BYPASS_OPTIONS),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

// ---------------------------------------------------------------------------
// Attachment Protect
// ---------------------------------------------------------------------------

const DELIVERY_OPTIONS: &[Choice] = &[
    Choice {
        value: "safe_file",
        label: "Safe File",
    },
    Choice {
        value: "safe_file_on_demand",
        label: "Safe File with On-Demand Sandbox",
    },
    Choice {
        value: "pre_emptive_sandbox",
        label: "Pre-Emptive Sandbox",
    },
    Choice {
        value: "dynamic",
        label: "Dynamic Configuration",
    },
];

const ATTACHMENT_PROTECT_DEFINITION: &[Group] = &[
    Group {
        title: "Definition",
        fields: &[field(
            "description",
            "Definition Narrative",
            "The definition's name as the definitions list shows it.",
            FieldKind::Text,
            true,
        )],
    },
    Group {
        title: "Inbound Settings",
        fields: &[
            field(
                "inboundCheck",
                "Inbound Settings enabled",
                "Ticked: attachments of inbound mail are checked (label may differ on your console).",
                FieldKind::Flag,
                false,
            ),
            field(
                "deliveryOption",
                "Delivery method",
                "How attachments are released while they are checked (label may differ on your console).",
                FieldKind::Select(DELIVERY_OPTIONS),
                false,
            ),
        ],
    },
];

const ATTACHMENT_PROTECT_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "definitionId",
                "Select Option",
                "The Attachment Protection definition this policy applies.",
                FieldKind::Reference(Section::AttachmentProtectDefinitions),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

const ATTACHMENT_BYPASS_OPTIONS: &[Choice] = &[
    Choice {
        value: "no_action",
        label: "Take no action",
    },
    Choice {
        value: "disable_attachment_protection",
        label: "Disable Attachment Protection",
    },
];

const ATTACHMENT_PROTECT_BYPASS_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "option",
                "Select Option",
                "Take no action makes an exception to a broader bypass. These options are inferred from URL \
                 Protection Bypass (label may differ on your console).",
                FieldKind::Select(ATTACHMENT_BYPASS_OPTIONS),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

// ---------------------------------------------------------------------------
// Attachment Management and Dangerous File Types
// ---------------------------------------------------------------------------

const DEFAULT_ACTIONS: &[Choice] = &[
    Choice {
        value: "block_specified",
        label: "Block Specified Content Types (Allow or Link All Others)",
    },
    Choice {
        value: "allow_specified",
        label: "Allow Specified Content Types (Block or Link All Others)",
    },
];

const ATTACHMENT_SET: &[Group] = &[Group {
    title: "Attachment Set",
    fields: &[
        field(
            "description",
            "Description",
            "The attachment set's name as the list shows it.",
            FieldKind::Text,
            true,
        ),
        field(
            "defaultAction",
            "Default Block / Allow",
            "Whether the set blocks the listed types or allows only them.",
            FieldKind::Select(DEFAULT_ACTIONS),
            false,
        ),
        field(
            "blockDangerousFileTypes",
            "Block dangerous file types even if allowed",
            "The check box offered with Allow Specified Content Types: the Dangerous File Types list stays \
             blocked (label may differ on your console).",
            FieldKind::Flag,
            false,
        ),
    ],
}];

const ATTACHMENT_MANAGEMENT_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "definitionId",
                "Set Attachment Management Policy",
                "The attachment set this policy applies. Only one Attachment Management policy applies to a \
                 message.",
                FieldKind::Reference(Section::AttachmentManagementDefinitions),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

const DANGEROUS_FILE_TYPES: &[Group] = &[Group {
    title: "Dangerous File Types",
    fields: &[field(
        "removed",
        "File types removed from the Dangerous File Types list",
        "One file extension per line, without the dot (iso, not .iso). Leave empty when the list is as Mimecast \
         ships it. Where the list is edited may differ on your console.",
        FieldKind::Lines,
        false,
    )],
}];

// ---------------------------------------------------------------------------
// Licences
// ---------------------------------------------------------------------------

const LICENCE_ANSWERS: &[Choice] = &[
    Choice {
        value: "yes",
        label: "Yes, licensed",
    },
    Choice {
        value: "no",
        label: "No, not licensed",
    },
];

const LICENCES: &[Group] = &[Group {
    title: "Targeted Threat Protection licences",
    fields: &[
        field(
            "urlProtect",
            "Is URL Protect licensed?",
            "As the account's products or your Mimecast order show. Leave unanswered when you do not know: \
             the account's package names are then used. \"No\" turns an empty URL Protection setup into \
             \"not assessed\" instead of a finding.",
            FieldKind::Select(LICENCE_ANSWERS),
            false,
        ),
        field(
            "attachmentProtect",
            "Is Attachment Protect licensed?",
            "As the account's products or your Mimecast order show. Leave unanswered when you do not know: \
             the account's package names are then used. \"No\" turns an empty Attachment Protection setup \
             into \"not assessed\" instead of a finding.",
            FieldKind::Select(LICENCE_ANSWERS),
            false,
        ),
    ],
}];

// ---------------------------------------------------------------------------
// Administrator authentication and API applications
// ---------------------------------------------------------------------------

const TWO_STEP_METHODS: &[Choice] = &[
    Choice {
        value: "email",
        label: "Email",
    },
    Choice {
        value: "sms",
        label: "SMS",
    },
    Choice {
        value: "third_party_app",
        label: "Third party authenticator app",
    },
];

const API_APPLICATION: &[Field] = &[
    field(
        "name",
        "Application Name",
        "The application's name in the Integrations Hub.",
        FieldKind::Text,
        true,
    ),
    field(
        "role",
        "Application Role",
        "The role exactly as shown, e.g. a custom role, or a built-in one such as Super Administrator, Partner \
         Administrator or Full Administrator.",
        FieldKind::Text,
        false,
    ),
    field(
        "products",
        "Products",
        "One product per line, as the application lists them.",
        FieldKind::Lines,
        false,
    ),
    field(
        "description",
        "Description",
        "",
        FieldKind::Text,
        false,
    ),
    field(
        "enabled",
        "Enabled",
        "Ticked when the application is enabled (label may differ on your console).",
        FieldKind::Flag,
        false,
    ),
];

const ADMIN_AUTHENTICATION: &[Group] = &[
    Group {
        title: "Default Administrator Authentication Profile",
        fields: &[
            field(
                "adminProfile.exists",
                "Default administrator profile exists",
                "Ticked when Account_Administrators_Authentication_Profile is listed under Authentication \
                 Profiles; it is created with Create Default Admin Authentication Profile.",
                FieldKind::Flag,
                false,
            ),
            field(
                "adminProfile.twoStepAuthentication",
                "Two-Step Authentication",
                "Ticked when the profile requires a verification code at sign-in.",
                FieldKind::Flag,
                false,
            ),
            field(
                "adminProfile.twoStepMethod",
                "Verification code delivery",
                "How the code reaches the administrator (label may differ on your console).",
                FieldKind::Select(TWO_STEP_METHODS),
                false,
            ),
            field(
                "adminProfile.enforceSaml",
                "Enforce SAML Authentication for administrators",
                "Ticked when administrators must sign in through the identity provider (label may differ on your \
                 console).",
                FieldKind::Flag,
                false,
            ),
            field(
                "adminProfile.samlProvider",
                "Identity provider",
                "The SAML identity provider, e.g. Microsoft Entra ID (label may differ on your console).",
                FieldKind::Text,
                false,
            ),
        ],
    },
    Group {
        title: "Admin IP Ranges",
        fields: &[field(
            "adminIpRanges",
            "Admin IP Ranges (CIDR n.n.n.n/x)",
            "Account > Account Settings > User Access and Permissions. One range per line; leave empty when none \
             is set.",
            FieldKind::Cidrs,
            false,
        )],
    },
    Group {
        title: "API applications",
        fields: &[field(
            "apiApplications",
            "API 2.0 applications",
            "Integrations > Integrations Hub (older consoles: Integrations > API and Platform Integrations). Add \
             each application; remove them all to record that there are none.",
            FieldKind::Records {
                item: "application",
                fields: API_APPLICATION,
            },
            false,
        )],
    },
];

/// A single settings object stored as the whole section.
const fn whole(section: Section, groups: &'static [Group]) -> SectionForm {
    SectionForm {
        section,
        repeating: false,
        item: "settings",
        groups,
        object_key: "",
    }
}

/// The wave 2 forms, in the order the checklist shows them.
pub(super) const URL_PROTECT_DEFINITIONS: SectionForm = list(
    Section::UrlProtectDefinitions,
    "definition",
    URL_PROTECT_DEFINITION,
);
pub(super) const URL_PROTECT_POLICIES: SectionForm =
    list(Section::UrlProtectPolicies, "policy", URL_PROTECT_POLICY);
pub(super) const URL_PROTECT_BYPASS_POLICIES: SectionForm = list(
    Section::UrlProtectBypassPolicies,
    "policy",
    URL_PROTECT_BYPASS_POLICY,
);
pub(super) const ATTACHMENT_PROTECT_DEFINITIONS: SectionForm = list(
    Section::AttachmentProtectDefinitions,
    "definition",
    ATTACHMENT_PROTECT_DEFINITION,
);
pub(super) const ATTACHMENT_PROTECT_POLICIES: SectionForm = list(
    Section::AttachmentProtectPolicies,
    "policy",
    ATTACHMENT_PROTECT_POLICY,
);
pub(super) const ATTACHMENT_PROTECT_BYPASS_POLICIES: SectionForm = list(
    Section::AttachmentProtectBypassPolicies,
    "policy",
    ATTACHMENT_PROTECT_BYPASS_POLICY,
);
pub(super) const ATTACHMENT_MANAGEMENT_DEFINITIONS: SectionForm = list(
    Section::AttachmentManagementDefinitions,
    "attachment set",
    ATTACHMENT_SET,
);
pub(super) const ATTACHMENT_MANAGEMENT_POLICIES: SectionForm = list(
    Section::AttachmentManagementPolicies,
    "policy",
    ATTACHMENT_MANAGEMENT_POLICY,
);
pub(super) const DANGEROUS_FILE_TYPES_FORM: SectionForm =
    whole(Section::DangerousFileTypes, DANGEROUS_FILE_TYPES);
pub(super) const ADMIN_AUTHENTICATION_FORM: SectionForm =
    whole(Section::AdminAuthentication, ADMIN_AUTHENTICATION);
pub(super) const LICENCES_FORM: SectionForm = whole(Section::Licences, LICENCES);

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::assessment::records::{self, Slot};
    use crate::assessment::Assessment;
    use crate::checklist::{form, validate, FieldKind};
    use crate::model::Section;
    use crate::report::Status;
    use crate::Options;

    fn admin() -> &'static crate::checklist::SectionForm {
        form(Section::AdminAuthentication).unwrap()
    }

    fn status(a: &Assessment, code: &str) -> (Status, Vec<String>) {
        let opts = Options {
            at: Some("2026-11-20T10:00:00Z".parse().unwrap()),
            ..Default::default()
        };
        let report = a.report(&opts);
        for i in &report.inputs {
            assert!(
                i.error.is_none() && i.warnings.is_empty() && i.notes.is_empty(),
                "{i:?}"
            );
        }
        let r = report.results.iter().find(|r| r.code == code).unwrap();
        (
            r.status,
            r.findings.iter().map(|f| f.message.clone()).collect(),
        )
    }

    #[test]
    fn the_admin_form_writes_the_spec_shape_and_adm001_appears_live() {
        let f = admin();
        let mut a = Assessment::default();
        assert_eq!(records::add(&mut a, f), Slot::Object);
        // A new profile reads as not existing: the unticked checkbox.
        assert_eq!(
            a.entries["adminAuthentication"],
            json!({"adminProfile": {"exists": false, "twoStepAuthentication": false, "enforceSaml": false},
                   "adminIpRanges": []})
        );
        let (s, m) = status(&a, "ADM001");
        assert_eq!(s, Status::Fail);
        assert!(m[0].contains("does not exist"), "{m:?}");
        assert_eq!(status(&a, "ADM002").0, Status::NotAssessed);

        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "adminProfile.exists",
            Some(json!(true)),
        );
        let (s, m) = status(&a, "ADM001");
        assert_eq!(s, Status::Fail);
        assert!(m[0].contains("password alone"), "{m:?}");

        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "adminProfile.twoStepAuthentication",
            Some(json!(true)),
        );
        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "adminProfile.twoStepMethod",
            Some(json!("third_party_app")),
        );
        assert_eq!(status(&a, "ADM001").0, Status::Pass);
        assert!(records::problems(&a, f, Slot::Object).is_empty());

        // Removing the settings removes the whole section.
        records::remove_record(&mut a, f, Slot::Object);
        assert!(a.entries.is_empty());
    }

    #[test]
    fn api_applications_entered_in_the_form_drive_adm002() {
        let f = admin();
        let mut a = Assessment::default();
        records::add(&mut a, f);
        let apps = json!([
            {"name": "SIEM export", "role": "Super Administrator", "products": ["Threats, Security Events and Data for CG"], "enabled": true},
            {"name": "Collector", "role": "Config Reader", "products": [], "enabled": true}
        ]);
        records::set_field(&mut a, f, Slot::Object, "apiApplications", Some(apps));
        assert!(records::problems(&a, f, Slot::Object).is_empty());
        let (s, m) = status(&a, "ADM002");
        assert_eq!(s, Status::Fail);
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("SIEM export") && m[0].contains("Super Administrator"));

        // All removed: recorded, none.
        records::set_field(&mut a, f, Slot::Object, "apiApplications", Some(json!([])));
        assert_eq!(status(&a, "ADM002").0, Status::Pass);
    }

    #[test]
    fn application_problems_name_the_item_and_its_label() {
        let f = admin();
        let rec = json!({"apiApplications": [{"name": "ok"}, {"role": "Full Administrator", "enabled": "maybe"}, "x"]});
        let errors = validate(f, &rec);
        let shown: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.key.as_str(), e.message.as_str()))
            .collect();
        assert!(
            shown.contains(&(
                "apiApplications",
                "API 2.0 applications: expected a list of applications."
            )),
            "{shown:?}"
        );
        let rec = json!({"apiApplications": [{"name": "ok"}, {"role": "Full Administrator", "enabled": "maybe"}]});
        let errors = validate(f, &rec);
        let shown: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.key.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "apiApplications[1].name",
                    "Application 2: Application Name is required."
                ),
                (
                    "apiApplications[1].enabled",
                    "Application 2: Enabled: expected ticked or unticked."
                )
            ]
        );
        let rec =
            json!({"adminIpRanges": ["10.0.0.0/33"], "adminProfile": {"twoStepMethod": "pigeon"}});
        let keys: Vec<String> = validate(f, &rec).into_iter().map(|e| e.key).collect();
        assert!(
            keys.iter().any(|k| k.starts_with("adminIpRanges")),
            "{keys:?}"
        );
        assert!(
            keys.contains(&"adminProfile.twoStepMethod".to_string()),
            "{keys:?}"
        );
    }

    #[test]
    fn the_dangerous_file_types_form_is_the_whole_section() {
        let f = form(Section::DangerousFileTypes).unwrap();
        let mut a = Assessment::default();
        records::add(&mut a, f);
        assert_eq!(a.entries["dangerousFileTypes"], json!({"removed": []}));
        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "removed",
            Some(json!(["iso", "one"])),
        );
        assert_eq!(
            a.entries["dangerousFileTypes"],
            json!({"removed": ["iso", "one"]})
        );
        assert!(records::problems(&a, f, Slot::Object).is_empty());
    }

    #[test]
    fn wave2_records_use_the_spec_field_names() {
        let keys = |s: Section| -> Vec<&'static str> {
            form(s)
                .unwrap()
                .groups
                .iter()
                .flat_map(|g| g.fields)
                .map(|x| x.key)
                .collect()
        };
        assert_eq!(
            keys(Section::UrlProtectDefinitions),
            [
                "description",
                "inboundCheck",
                "rewriteMode",
                "urlCategoryScanning",
                "userAwareness.enabled",
                "userAwareness.challengePercentage",
                "outboundCheck",
                "journalCheck"
            ]
        );
        assert_eq!(
            keys(Section::AttachmentProtectDefinitions),
            ["description", "inboundCheck", "deliveryOption"]
        );
        assert_eq!(
            keys(Section::AttachmentManagementDefinitions),
            ["description", "defaultAction", "blockDangerousFileTypes"]
        );
        assert_eq!(keys(Section::DangerousFileTypes), ["removed"]);
        for (s, def) in [
            (Section::UrlProtectPolicies, Section::UrlProtectDefinitions),
            (
                Section::AttachmentProtectPolicies,
                Section::AttachmentProtectDefinitions,
            ),
            (
                Section::AttachmentManagementPolicies,
                Section::AttachmentManagementDefinitions,
            ),
        ] {
            let f = form(s).unwrap();
            let field = f.groups[0]
                .fields
                .iter()
                .find(|x| x.key == "definitionId")
                .unwrap();
            assert_eq!(field.kind, FieldKind::Reference(def));
        }
        let option = |s: Section| -> Vec<&'static str> {
            let f = form(s).unwrap();
            match f.groups[0]
                .fields
                .iter()
                .find(|x| x.key == "option")
                .unwrap()
                .kind
            {
                FieldKind::Select(c) => c.iter().map(|c| c.value).collect(),
                _ => panic!("{s}: option is not a select"),
            }
        };
        assert_eq!(
            option(Section::UrlProtectBypassPolicies),
            ["no_action", "disable_url_protection"]
        );
        assert_eq!(
            option(Section::AttachmentProtectBypassPolicies),
            ["no_action", "disable_attachment_protection"]
        );
        let new =
            crate::checklist::new_record(form(Section::UrlProtectBypassPolicies).unwrap(), "b");
        assert_eq!(new["option"], "disable_url_protection");
        let new: Value =
            crate::checklist::new_record(form(Section::UrlProtectDefinitions).unwrap(), "d");
        assert_eq!(
            (new["rewriteMode"].as_str(), new["inboundCheck"].as_bool()),
            (Some("moderate"), Some(false))
        );
    }
}

#[cfg(test)]
mod item_tests {
    use serde_json::json;

    use crate::assessment::records::{self, Slot};
    use crate::assessment::Assessment;
    use crate::checklist::{form, get, new_item, FieldKind};
    use crate::model::Section;

    #[test]
    fn application_fields_are_edited_in_place_by_index() {
        let f = form(Section::AdminAuthentication).unwrap();
        let FieldKind::Records { item, fields } = f.groups[2].fields[0].kind else {
            panic!("apiApplications is a list of records")
        };
        let new = new_item(item, fields);
        assert_eq!(
            new,
            json!({"name": "New application", "products": [], "enabled": true})
        );
        let mut a = Assessment::default();
        records::add(&mut a, f);
        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "apiApplications",
            Some(json!([new.clone(), new])),
        );
        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "apiApplications.1.role",
            Some(json!("Full Administrator")),
        );
        records::set_field(&mut a, f, Slot::Object, "apiApplications.0.enabled", None);
        let rec = records::record(&a, f, Slot::Object).unwrap();
        assert_eq!(
            get(rec, "apiApplications.1.role"),
            Some(&json!("Full Administrator"))
        );
        assert_eq!(get(rec, "apiApplications.0.enabled"), None);
        assert_eq!(get(rec, "apiApplications.1.enabled"), Some(&json!(true)));
        assert!(rec["apiApplications"].is_array());
        // An index past the end does not turn the list into an object.
        records::set_field(
            &mut a,
            f,
            Slot::Object,
            "apiApplications.7.name",
            Some(json!("x")),
        );
        let rec = records::record(&a, f, Slot::Object).unwrap();
        assert!(
            rec["apiApplications"].is_array()
                && rec["apiApplications"].as_array().unwrap().len() == 2
        );
    }
}
