//! The forms against the readers: every key a form writes is one the input
//! layer reads, with values it accepts without a note.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::forms::TARGET_TYPES;
use super::validate::validate_references;
use super::values::{duplicate, editable, flag, item_label, target_value_key};
use super::*;
use crate::assessment::is_entered_section;
use crate::input::{load_all, FileStatus, InputFile, Loaded};
use crate::model::{FromPart, Known, Section, SpamAction, Target};

fn form_of(section: Section) -> &'static SectionForm {
    form(section).unwrap_or_else(|| panic!("no form for {section}"))
}

fn fields(form: &SectionForm) -> impl Iterator<Item = &'static Field> {
    form.groups.iter().flat_map(|g| g.fields)
}

fn field(form: &SectionForm, key: &str) -> &'static Field {
    fields(form)
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{}: no field {key}", form.section))
}

/// The bundle the checklist's entries become.
fn bundle(form: &SectionForm, records: &[Value]) -> Value {
    let mut b = json!({"format": "mimecast-config-bundle", "version": 1});
    let section = if form.repeating {
        Value::Array(records.to_vec())
    } else if form.object_key.is_empty() {
        records[0].clone()
    } else {
        json!({ form.object_key: records[0].clone() })
    };
    b[form.section.key()] = section;
    b
}

fn load_value(v: &Value) -> Loaded {
    load_all(&[InputFile::new(
        "entered.json",
        serde_json::to_vec(v).unwrap(),
    )])
}

fn load(form: &SectionForm, record: &Value) -> (Loaded, FileStatus) {
    let loaded = load_value(&bundle(form, std::slice::from_ref(record)));
    let status = loaded.statuses[0].clone();
    (loaded, status)
}

fn assert_clean_load(form: &SectionForm, record: &Value, what: &str) -> Loaded {
    let (loaded, status) = load(form, record);
    assert!(
        status.is_ok(),
        "{}: {what}: {:?}",
        form.section,
        status.error
    );
    assert!(
        status.warnings.is_empty(),
        "{}: {what}: warnings {:?}",
        form.section,
        status.warnings
    );
    assert!(
        status.notes.is_empty(),
        "{}: {what}: notes {:?}",
        form.section,
        status.notes
    );
    assert_eq!(
        status.sections,
        vec![form.section],
        "{}: {what}",
        form.section
    );
    loaded
}

/// A new record with the values that have no default filled in (a managed
/// sender's address, a policy's definition).
fn completed(form: &SectionForm) -> Value {
    let mut r = new_record(form, "rec-1");
    for f in fields(form) {
        match (f.key, f.kind) {
            ("sender", _) => set(&mut r, "sender", json!("newsletter@vendor.example")),
            (_, FieldKind::Reference(_)) => set(&mut r, f.key, json!("def-1")),
            _ => {}
        }
    }
    r
}

fn messages(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.message.as_str()).collect()
}

// ---------------------------------------------------------------------------
// The forms themselves
// ---------------------------------------------------------------------------

#[test]
fn forms_cover_exactly_the_console_only_sections_in_order() {
    let order: Vec<Section> = forms().iter().map(|f| f.section).collect();
    assert_eq!(
        order,
        vec![
            Section::PermittedSenderPolicies,
            Section::ManagedSenders,
            Section::ImpersonationDefinitions,
            Section::ImpersonationPolicies,
            Section::ImpersonationBypassPolicies,
            Section::DnsAuthInboundDefinitions,
            Section::DnsAuthInboundPolicies,
            Section::SpamScanningDefinitions,
            Section::SpamScanningPolicies,
            Section::ThreatRemediation,
            Section::SyncRecoverTasks,
            Section::ContinuityMonitors,
            Section::UrlProtectDefinitions,
            Section::UrlProtectPolicies,
            Section::UrlProtectBypassPolicies,
            Section::AttachmentProtectDefinitions,
            Section::AttachmentProtectPolicies,
            Section::AttachmentProtectBypassPolicies,
            Section::AttachmentManagementDefinitions,
            Section::AttachmentManagementPolicies,
            Section::DangerousFileTypes,
            Section::AdminAuthentication,
            Section::Licences,
        ]
    );
    let unique: BTreeSet<Section> = order.iter().copied().collect();
    assert_eq!(unique.len(), order.len(), "a section has two forms");
    for s in &order {
        assert!(is_entered_section(*s), "{s} is not a console-only section");
    }
    for s in Section::ALL
        .iter()
        .copied()
        .filter(|s| is_entered_section(*s))
    {
        assert!(form(s).is_some(), "console-only section {s} has no form");
    }
}

#[test]
fn forms_are_well_formed() {
    for f in forms() {
        let keys: Vec<&str> = fields(f).map(|x| x.key).collect();
        let unique: BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(
            unique.len(),
            keys.len(),
            "{}: duplicate field keys {keys:?}",
            f.section
        );
        assert!(!keys.contains(&"id"), "{}: id is not a field", f.section);
        assert!(!f.title().is_empty() && !f.console_path().is_empty() && !f.item.is_empty());
        assert!(
            !f.repeating || f.object_key.is_empty(),
            "{}: object_key only for single objects",
            f.section
        );
        // A single object that is the whole section is one of these.
        if !f.repeating && f.object_key.is_empty() {
            assert!(
                matches!(
                    f.section,
                    Section::AdminAuthentication | Section::DangerousFileTypes | Section::Licences
                ),
                "{}: a settings object needs its object_key",
                f.section
            );
        }
        for g in f.groups {
            assert!(
                !g.title.is_empty() && !g.fields.is_empty(),
                "{}: empty group",
                f.section
            );
        }
        for x in fields(f) {
            assert!(!x.label.is_empty(), "{}.{}: no label", f.section, x.key);
            assert!(
                !x.label.contains('_') && x.label != x.key,
                "{}.{}: label looks like a key",
                f.section,
                x.key
            );
            match x.kind {
                FieldKind::Select(choices) => {
                    let values: BTreeSet<&str> = choices.iter().map(|c| c.value).collect();
                    assert_eq!(
                        values.len(),
                        choices.len(),
                        "{}.{}: duplicate choice",
                        f.section,
                        x.key
                    );
                    assert!(choices.iter().all(|c| !c.label.is_empty()));
                }
                FieldKind::Number { min, max } => assert!(min <= max),
                FieldKind::Reference(s) => assert!(
                    form(s).is_some(),
                    "{}.{}: reference to a section without a form",
                    f.section,
                    x.key
                ),
                FieldKind::Flag => assert!(
                    !x.required,
                    "{}.{}: a checkbox cannot be required",
                    f.section, x.key
                ),
                _ => {}
            }
        }
    }
    assert_eq!(form_of(Section::ThreatRemediation).object_key, "settings");
}

#[test]
fn policy_forms_share_the_console_layout() {
    for f in forms().iter().filter(|f| f.section.is_policy()) {
        let titles: Vec<&str> = f.groups.iter().map(|g| g.title).collect();
        assert_eq!(
            titles,
            ["Options", "Emails From", "Emails To", "Validity"],
            "{}",
            f.section
        );
        assert_eq!(f.groups[0].fields[0].label, "Policy Narrative");
        let validity: Vec<&str> = f.groups[3].fields.iter().map(|x| x.label).collect();
        assert_eq!(
            validity,
            [
                "Enable/Disable",
                "Set policy as perpetual",
                "Date Range (from)",
                "Date Range (to)",
                "Policy Override",
                "Bi-Directional",
                "Source IP Ranges (n.n.n.n/x)"
            ]
        );
    }
    let defs = [
        (
            Section::ImpersonationPolicies,
            Section::ImpersonationDefinitions,
        ),
        (
            Section::DnsAuthInboundPolicies,
            Section::DnsAuthInboundDefinitions,
        ),
        (
            Section::SpamScanningPolicies,
            Section::SpamScanningDefinitions,
        ),
    ];
    for (policy, def) in defs {
        assert_eq!(
            field(form_of(policy), "definitionId").kind,
            FieldKind::Reference(def)
        );
    }
}

// ---------------------------------------------------------------------------
// New records against the readers
// ---------------------------------------------------------------------------

#[test]
fn new_records_validate_clean() {
    for f in forms() {
        let r = new_record(f, "rec-1");
        let errors = validate(f, &r);
        if f.section == Section::ManagedSenders {
            // A managed sender has no default address: the one thing to fill in.
            assert_eq!(
                errors,
                vec![FieldError {
                    key: "sender".into(),
                    message: "Sender is required.".into()
                }]
            );
        } else {
            assert!(errors.is_empty(), "{}: {errors:?}", f.section);
        }
        assert!(validate(f, &completed(f)).is_empty(), "{}", f.section);
        assert_eq!(r.get("id").is_some(), f.repeating, "{}", f.section);
    }
}

#[test]
fn new_records_load_without_warnings_or_notes() {
    for f in forms() {
        assert_clean_load(f, &completed(f), "new record");
    }
}

#[test]
fn new_policies_match_a_new_console_policy() {
    for f in forms().iter().filter(|f| f.section.is_policy()) {
        let loaded = assert_clean_load(f, &completed(f), "new policy");
        let p = &loaded.config.policies(f.section)[0];
        assert!(
            p.enabled && !p.override_ && !p.bidirectional,
            "{}",
            f.section
        );
        assert_eq!(p.from_part, FromPart::EnvelopeFrom);
        assert_eq!((&p.from, &p.to), (&Target::Everyone, &Target::Everyone));
        assert_eq!((p.validity.from, p.validity.to), (None, None), "perpetual");
        assert!(p.source_ips.is_empty());
        assert_eq!(p.description, "New policy");
    }
    let loaded = assert_clean_load(
        form_of(Section::PermittedSenderPolicies),
        &completed(form_of(Section::PermittedSenderPolicies)),
        "",
    );
    assert_eq!(
        loaded.config.policies(Section::PermittedSenderPolicies)[0]
            .option
            .as_str(),
        "permit_sender"
    );
}

#[test]
fn new_definitions_carry_the_console_defaults() {
    let f = form_of(Section::ImpersonationDefinitions);
    let loaded = assert_clean_load(f, &completed(f), "");
    let d = &loaded.config.impersonation_definitions[0];
    assert_eq!(d.hit_threshold, Some(2));
    assert_eq!(d.identifiers.get("similar_internal_domain"), Some(&true));
    assert_eq!(d.identifiers.get("reply_address_mismatch"), Some(&false));
    assert_eq!(d.identifiers.len(), 5);
    assert!(!d.bypass_managed_and_permitted);
    assert_eq!(
        d.action, None,
        "no confirmed default: not recorded until chosen"
    );

    let f = form_of(Section::SyncRecoverTasks);
    let loaded = assert_clean_load(f, &completed(f), "");
    assert_eq!(loaded.config.sync_tasks[0].state, "Enabled");
    assert_eq!(loaded.config.sync_tasks[0].name, "New task");

    let f = form_of(Section::ContinuityMonitors);
    let loaded = assert_clean_load(f, &completed(f), "");
    let m = &loaded.config.continuity_monitors[0];
    assert_eq!(
        (m.status.as_str(), m.inbound_check, m.sms_numbers.len()),
        ("Active", false, 0)
    );

    let f = form_of(Section::ThreatRemediation);
    let loaded = assert_clean_load(f, &completed(f), "");
    let s = loaded.config.threat_remediation.settings.as_ref().unwrap();
    assert_eq!((s.enabled, s.mode.as_deref()), (Some(false), None));
}

#[test]
fn every_select_choice_is_read_without_a_note() {
    for f in forms() {
        for x in fields(f) {
            let FieldKind::Select(choices) = x.kind else {
                continue;
            };
            for c in choices {
                let mut r = completed(f);
                set(&mut r, x.key, json!(c.value));
                assert!(
                    validate(f, &r).is_empty(),
                    "{}.{} = {}",
                    f.section,
                    x.key,
                    c.value
                );
                assert_clean_load(f, &r, &format!("{} = {}", x.key, c.value));
            }
        }
    }
}

#[test]
fn every_target_type_is_read_as_entered() {
    let samples = [
        ("everyone", "", Target::Everyone),
        ("internal_addresses", "", Target::InternalAddresses),
        ("external_addresses", "", Target::ExternalAddresses),
        (
            "email_domain",
            "partner.example",
            Target::EmailDomain("partner.example".into()),
        ),
        (
            "profile_group",
            "eNo1jrGROUP01",
            Target::ProfileGroup {
                id: "eNo1jrGROUP01".into(),
                name: None,
            },
        ),
        (
            "individual_email_address",
            "ceo@example.com",
            Target::IndividualEmailAddress("ceo@example.com".into()),
        ),
        (
            "header_display_name",
            "Jane Doe",
            Target::HeaderDisplayName("Jane Doe".into()),
        ),
    ];
    assert_eq!(
        samples.iter().map(|s| s.0).collect::<Vec<_>>(),
        TARGET_TYPES.iter().map(|c| c.value).collect::<Vec<_>>()
    );
    for f in forms().iter().filter(|f| f.section.is_policy()) {
        for (kind, value, expected) in &samples {
            for side in ["from", "to"] {
                let mut r = completed(f);
                let mut t = json!({"type": kind});
                if let Some(k) = target_value_key(kind) {
                    t[k] = json!(value);
                }
                set(&mut r, side, t);
                assert!(
                    validate(f, &r).is_empty(),
                    "{}.{side} {kind}: {:?}",
                    f.section,
                    validate(f, &r)
                );
                let loaded = assert_clean_load(f, &r, &format!("{side} {kind}"));
                let p = &loaded.config.policies(f.section)[0];
                assert_eq!(
                    if side == "from" { &p.from } else { &p.to },
                    expected,
                    "{}.{side}",
                    f.section
                );
            }
        }
    }
}

#[test]
fn entered_values_reach_the_model() {
    let f = form_of(Section::DnsAuthInboundDefinitions);
    let mut r = completed(f);
    set(&mut r, "spf.enabled", json!(true));
    set(&mut r, "spf.failAction", json!("reject"));
    set(&mut r, "dmarc.failAction", json!("honor_dmarc_record"));
    let loaded = assert_clean_load(f, &r, "");
    let d = &loaded.config.dns_auth_definitions[0];
    assert_eq!(d.spf.enabled, Some(true));
    assert_eq!(d.dkim.enabled, Some(false));
    assert!(matches!(d.spf.fail_action, Some(Known::Known(_))));
    assert!(matches!(d.dmarc.fail_action, Some(Known::Known(_))));

    let f = form_of(Section::PermittedSenderPolicies);
    let mut r = completed(f);
    set(&mut r, "toEternal", json!(false));
    set(&mut r, "fromDate", json!("2026-01-01"));
    set(&mut r, "toDate", json!("2026-06-30"));
    set(
        &mut r,
        "sourceIPs",
        json!(["203.0.113.0/24", "198.51.100.7"]),
    );
    set(&mut r, "fromPart", json!("both"));
    set(&mut r, "override", json!(true));
    assert!(validate(f, &r).is_empty(), "{:?}", validate(f, &r));
    let loaded = assert_clean_load(f, &r, "");
    let p = &loaded.config.policies(f.section)[0];
    assert!(p.validity.from.is_some() && p.validity.to.is_some());
    assert_eq!(p.source_ips.iter().filter(|s| s.net.is_some()).count(), 2);
    assert_eq!((p.from_part.clone(), p.override_), (FromPart::Both, true));

    let f = form_of(Section::ContinuityMonitors);
    let mut r = completed(f);
    set(&mut r, "notify.emailGroup", json!("IT On-Call"));
    set(&mut r, "notify.smsNumbers", json!(["+15555550100"]));
    let loaded = assert_clean_load(f, &r, "");
    let m = &loaded.config.continuity_monitors[0];
    assert_eq!(
        (m.notify_group.as_deref(), m.sms_numbers.clone()),
        (Some("IT On-Call"), vec!["+15555550100".to_string()])
    );

    let f = form_of(Section::ManagedSenders);
    let mut r = completed(f);
    set(&mut r, "type", json!("AutoAllow"));
    set(&mut r, "expires", json!("2027-02-10"));
    let loaded = assert_clean_load(f, &r, "");
    assert!(loaded.config.managed_senders[0].expires.is_some());
}

// ---------------------------------------------------------------------------
// Validation messages
// ---------------------------------------------------------------------------

#[test]
fn bad_cidr_lines_are_named_by_line() {
    let f = form_of(Section::PermittedSenderPolicies);
    let mut r = new_record(f, "p");
    set(
        &mut r,
        "sourceIPs",
        json!([
            "10.0.0.0/8",
            "10.0.0.0/33",
            "192.0.2.7",
            "mail.example.com",
            " "
        ]),
    );
    let errors = validate(f, &r);
    assert_eq!(
        messages(&errors),
        [
            "Source IP Ranges (n.n.n.n/x), line 2: \"10.0.0.0/33\" is not a CIDR range (expected n.n.n.n/x)",
            "Source IP Ranges (n.n.n.n/x), line 4: \"mail.example.com\" is not a CIDR range (expected n.n.n.n/x)",
            "Source IP Ranges (n.n.n.n/x), line 5: the line is empty; remove it.",
        ]
    );
    assert!(errors.iter().all(|e| e.key == "sourceIPs"));
}

#[test]
fn numbers_must_be_whole_and_in_range() {
    let f = form_of(Section::ImpersonationDefinitions);
    let check = |v: Value| {
        let mut r = new_record(f, "d");
        set(&mut r, "hitThreshold", v);
        messages(&validate(f, &r)).join(" | ")
    };
    assert_eq!(
        check(json!(11)),
        "Number of Hits: 11 is out of range (enter a whole number from 1 to 10)."
    );
    assert_eq!(
        check(json!(0)),
        "Number of Hits: 0 is out of range (enter a whole number from 1 to 10)."
    );
    assert_eq!(
        check(json!(2.5)),
        "Number of Hits: 2.5 is not a whole number (enter a whole number from 1 to 10)."
    );
    assert_eq!(
        check(json!("two")),
        "Number of Hits: \"two\" is not a number (enter a whole number from 1 to 10)."
    );
    assert_eq!(check(json!("3")), "");
    assert_eq!(check(json!(null)), "Number of Hits is required.");
}

#[test]
fn required_fields_are_named_by_their_console_label() {
    let f = form_of(Section::SpamScanningPolicies);
    let mut r = new_record(f, "p");
    set(&mut r, "description", json!("  "));
    r.as_object_mut().unwrap().remove("fromPart");
    r.as_object_mut().unwrap().remove("to");
    assert_eq!(
        messages(&validate(f, &r)),
        ["Policy Narrative is required.", "Applies To is required."]
    );

    let f = form_of(Section::SyncRecoverTasks);
    let mut r = new_record(f, "t");
    set(&mut r, "name", json!(""));
    set(&mut r, "state", json!("Running"));
    assert_eq!(
        messages(&validate(f, &r)),
        [
            "Task Name is required.",
            "Task State: \"Running\" is not one of the options (Enabled, Disabled, Initializing, Configuration Issue, Needs Attention, \
             Enabled With Warning (older console), Enabled With Errors (older console), Failed (older console))."
        ]
    );
}

#[test]
fn targets_need_a_known_type_and_a_fitting_value() {
    let f = form_of(Section::ImpersonationPolicies);
    let check = |t: Value| {
        let mut r = new_record(f, "p");
        set(&mut r, "from", t);
        messages(&validate(f, &r)).join(" | ")
    };
    assert_eq!(
        check(json!({"type": "vip_list"})),
        "Applies From: \"vip_list\" is not one of the options (Everyone, Internal Addresses, External Addresses, Email Domain, \
         Profile Group, Individual Email Address, Header Display Name)."
    );
    assert!(check(json!({"domain": "example.com"}))
        .starts_with("Applies From: choose one of Everyone, "));
    assert_eq!(
        check(json!({"type": "email_domain"})),
        "Applies From: enter the Email Domain (the console's Specifically)."
    );
    assert_eq!(
        check(json!({"type": "email_domain", "domain": "ceo@example.com"})),
        "Applies From: \"ceo@example.com\" does not look like an email domain (enter a domain such as example.com, without a user name)."
    );
    assert!(!check(json!({"type": "email_domain", "domain": "example"})).is_empty());
    assert_eq!(
        check(json!({"type": "email_domain", "domain": "*.example.com"})),
        ""
    );
    assert_eq!(
        check(json!({"type": "email_domain", "domain": "@example.com"})),
        ""
    );
    assert_eq!(
        check(json!({"type": "individual_email_address", "emailAddress": "example.com"})),
        "Applies From: \"example.com\" is not an email address (expected name@example.com)."
    );
    assert_eq!(
        check(json!({"type": "profile_group", "groupId": ""})),
        "Applies From: enter the Profile Group (the console's Specifically)."
    );
    assert_eq!(
        check(json!({"type": "header_display_name", "headerDisplayName": "Jane Doe"})),
        ""
    );
    assert_eq!(
        check(json!("everyone")),
        "Applies From: choose who the policy applies to."
    );
}

#[test]
fn selects_dates_and_flags_are_checked() {
    let f = form_of(Section::SpamScanningDefinitions);
    let mut r = new_record(f, "d");
    set(&mut r, "autoAllowSpamAction", json!("tag"));
    set(&mut r, "level", json!("Moderate"));
    assert_eq!(
        messages(&validate(f, &r)),
        ["Auto Allow Spam Detection Action: \"tag\" is not one of the options (Do Nothing, Hold for Review, Reject)."]
    );

    let f = form_of(Section::ManagedSenders);
    let mut r = completed(f);
    set(&mut r, "expires", json!("next tuesday"));
    assert_eq!(
        messages(&validate(f, &r)),
        ["Expires: \"next tuesday\" is not a date (expected YYYY-MM-DD)."]
    );

    let f = form_of(Section::ThreatRemediation);
    let mut r = new_record(f, "");
    set(&mut r, "enabled", json!("yes"));
    assert_eq!(
        messages(&validate(f, &r)),
        ["Status: enabled: expected ticked or unticked."]
    );
}

#[test]
fn the_date_range_follows_perpetual() {
    let f = form_of(Section::DnsAuthInboundPolicies);
    let with = |pairs: &[(&str, Value)]| {
        let mut r = new_record(f, "p");
        for (k, v) in pairs {
            set(&mut r, k, v.clone());
        }
        messages(&validate(f, &r)).join(" | ")
    };
    assert_eq!(
        with(&[("toDate", json!("2026-01-01"))]),
        "Date Range (to): leave it empty while \u{201c}Set policy as perpetual\u{201d} is ticked, or untick it."
    );
    assert_eq!(
        with(&[("toEternal", json!(false))]),
        "Date Range (to) is required unless \u{201c}Set policy as perpetual\u{201d} is ticked."
    );
    assert_eq!(
        with(&[
            ("toEternal", json!(false)),
            ("fromDate", json!("2026-02-01")),
            ("toDate", json!("2026-01-01"))
        ]),
        "Date Range (to): 2026-01-01 is before Date Range (from) 2026-02-01."
    );
    assert_eq!(
        with(&[
            ("toEternal", json!(false)),
            ("fromDate", json!("2026-01-01")),
            ("toDate", json!("2026-01-01"))
        ]),
        ""
    );
    assert_eq!(
        with(&[("fromDate", json!("2026-01-01"))]),
        "",
        "a start date on a perpetual policy is fine"
    );
    assert!(with(&[
        ("fromEternal", json!(true)),
        ("fromDate", json!("2026-01-01"))
    ])
    .starts_with("Date Range (from): this record says"));
}

#[test]
fn no_message_names_an_internal_key() {
    let f = form_of(Section::DnsAuthInboundDefinitions);
    let mut r = new_record(f, "d");
    set(&mut r, "description", json!(""));
    set(&mut r, "spf.failAction", json!("drop"));
    set(&mut r, "dmarc.enabled", json!(7));
    let errors = validate(f, &r);
    assert_eq!(errors.len(), 3, "{errors:?}");
    for e in &errors {
        assert!(!e.message.contains(&e.key), "{e:?}");
        assert!(
            !e.message.contains("failAction") && !e.message.contains("spf."),
            "{e:?}"
        );
    }
    assert_eq!(
        errors[1].message,
        "SPF Fail: \"drop\" is not one of the options (Take No Action, Ignore Managed/Permitted Sender Entries, Reject)."
    );
}

#[test]
fn references_must_name_an_entered_definition() {
    let f = form_of(Section::SpamScanningPolicies);
    let mut entered = BTreeMap::new();
    let mut r = new_record(f, "p");
    assert_eq!(
        messages(&validate_references(f, &r, &entered)),
        [
            "Select Option: choose one of the Spam Scanning definitions; add the definition first \
          (Policies > Gateway Policies > Definitions > Spam Scanning)."
        ]
    );
    set(&mut r, "definitionId", json!("def-spam"));
    assert_eq!(
        messages(&validate_references(f, &r, &entered)),
        ["Select Option: \u{201c}def-spam\u{201d} is not among the entered Spam Scanning definitions; add the definition first \
          (Policies > Gateway Policies > Definitions > Spam Scanning)."]
    );
    let mut def = new_record(form_of(Section::SpamScanningDefinitions), "def-spam");
    set(&mut def, "description", json!("Moderate spam"));
    entered.insert("spamScanningDefinitions".to_string(), json!([def]));
    assert!(validate_references(f, &r, &entered).is_empty());
    set(&mut r, "definitionId", json!("moderate SPAM"));
    assert!(
        validate_references(f, &r, &entered).is_empty(),
        "the description is accepted as the rules accept it"
    );
    // Forms without a Reference have nothing to check.
    assert!(validate_references(form_of(Section::ManagedSenders), &json!({}), &entered).is_empty());
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

#[test]
fn duplicates_get_a_new_id_and_a_marked_name() {
    let f = form_of(Section::ImpersonationDefinitions);
    let mut r = new_record(f, "d1");
    set(&mut r, "description", json!("VIP definition"));
    let c = duplicate(&r, "d2");
    assert_eq!(
        (c["id"].as_str(), c["description"].as_str()),
        (Some("d2"), Some("VIP definition (copy)"))
    );
    assert_eq!(c["hitThreshold"], r["hitThreshold"]);
    let t = duplicate(
        &json!({"id": "t1", "name": "All mailboxes", "state": "Enabled"}),
        "t2",
    );
    assert_eq!(
        (t["id"].as_str(), t["name"].as_str()),
        (Some("t2"), Some("All mailboxes (copy)"))
    );
    let m = duplicate(&json!({"id": "m1", "sender": "a@b.example"}), "m2");
    assert_eq!(m, json!({"id": "m2", "sender": "a@b.example"}));
}

#[test]
fn target_value_keys_match_the_reader() {
    assert_eq!(target_value_key("email_domain"), Some("domain"));
    assert_eq!(
        target_value_key("individual_email_address"),
        Some("emailAddress")
    );
    assert_eq!(target_value_key("profile_group"), Some("groupId"));
    assert_eq!(
        target_value_key("header_display_name"),
        Some("headerDisplayName")
    );
    for t in [
        "everyone",
        "internal_addresses",
        "external_addresses",
        "nonsense",
    ] {
        assert_eq!(target_value_key(t), None);
    }
}

#[test]
fn item_labels_name_the_record() {
    let pol = form_of(Section::PermittedSenderPolicies);
    assert_eq!(
        item_label(
            pol,
            &json!({"id": "p1", "description": "Supplier invoices"})
        ),
        "Supplier invoices"
    );
    assert_eq!(
        item_label(pol, &json!({"id": "p1", "description": " "})),
        "policy p1"
    );
    assert_eq!(item_label(pol, &json!({})), "unnamed policy");
    assert_eq!(
        item_label(
            form_of(Section::SyncRecoverTasks),
            &json!({"id": "t", "name": "All mailboxes"})
        ),
        "All mailboxes"
    );
    let ms = form_of(Section::ManagedSenders);
    assert_eq!(
        item_label(ms, &json!({"sender": "a@b.example", "type": "AutoAllow"})),
        "a@b.example (Auto Allow)"
    );
    assert_eq!(
        item_label(ms, &json!({"sender": "a@b.example"})),
        "a@b.example"
    );
    assert_eq!(
        item_label(
            form_of(Section::ThreatRemediation),
            &json!({"enabled": true})
        ),
        "Threat Remediation settings"
    );
    assert_eq!(item_label(pol, &new_record(pol, "x")), "New policy");
}

// ---------------------------------------------------------------------------
// Entered data drives the rules
// ---------------------------------------------------------------------------

#[test]
fn entered_do_nothing_spam_definition_fails_spm001() {
    use crate::report::Status;
    use crate::{analyze, Options};

    let run = |action: &str| {
        let def_form = form_of(Section::SpamScanningDefinitions);
        let mut def = new_record(def_form, "def-spam");
        set(&mut def, "description", json!("Default spam scanning"));
        set(&mut def, "level", json!("moderate"));
        set(&mut def, "spamAction", json!("hold_for_review"));
        set(&mut def, "autoAllowSpamAction", json!(action));
        set(
            &mut def,
            "permittedSenderSpamAction",
            json!("hold_for_review"),
        );
        assert!(validate(def_form, &def).is_empty());

        let pol_form = form_of(Section::SpamScanningPolicies);
        let mut pol = new_record(pol_form, "pol-spam");
        set(&mut pol, "description", json!("Spam scanning - inbound"));
        set(&mut pol, "definitionId", json!("def-spam"));
        set(&mut pol, "to", json!({"type": "internal_addresses"}));
        let entered = BTreeMap::from([(def_form.section.key().to_string(), json!([def.clone()]))]);
        assert!(
            validate(pol_form, &pol).is_empty()
                && validate_references(pol_form, &pol, &entered).is_empty()
        );

        let mut b = bundle(def_form, &[def]);
        b[pol_form.section.key()] = json!([pol]);
        b["generatedAt"] = json!("2026-11-20T10:00:00Z");
        let report = analyze(
            &[InputFile::new(
                "entered.json",
                serde_json::to_vec(&b).unwrap(),
            )],
            &Options::default(),
        );
        let input = &report.inputs[0];
        assert!(
            input.error.is_none() && input.warnings.is_empty() && input.notes.is_empty(),
            "{input:?}"
        );
        report
            .results
            .into_iter()
            .find(|r| r.code == "SPM001")
            .unwrap()
    };
    let failed = run("do_nothing");
    assert_eq!(failed.status, Status::Fail);
    assert_eq!(failed.findings.len(), 1);
    assert!(
        failed.findings[0].message.contains("auto-allow"),
        "{}",
        failed.findings[0].message
    );
    assert_eq!(run("hold_for_review").status, Status::Pass);

    // The reader maps the value the form writes to the model's action.
    let f = form_of(Section::SpamScanningDefinitions);
    let mut r = completed(f);
    set(&mut r, "autoAllowSpamAction", json!("do_nothing"));
    let loaded = assert_clean_load(f, &r, "");
    assert_eq!(
        loaded.config.spam_definitions[0].auto_allow_action,
        Some(Known::Known(SpamAction::DoNothing))
    );
}

// ---------------------------------------------------------------------------
// Records from bundles (the samples) in the form's shape
// ---------------------------------------------------------------------------

/// The console-only records of a sample bundle, by form.
fn sample_records(name: &str) -> Vec<(&'static SectionForm, Value)> {
    let text = std::fs::read_to_string(format!(
        "{}/samples/{name}.bundle.json",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    ))
    .unwrap();
    let b: Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for f in forms() {
        let Some(v) = b.get(f.section.key()) else {
            continue;
        };
        let records: Vec<Value> = match (f.repeating, v) {
            (true, Value::Array(a)) => a.clone(),
            (true, Value::Object(o)) => o
                .values()
                .find_map(|x| x.as_array().cloned())
                .unwrap_or_default(),
            (false, v) if f.object_key.is_empty() => vec![v.clone()],
            (false, v) => v.get(f.object_key).cloned().into_iter().collect(),
            _ => Vec::new(),
        };
        out.extend(records.into_iter().map(|r| (f, r)));
    }
    out
}

/// What the analysis reads from one record, origins aside.
fn model_of(form: &SectionForm, record: &Value) -> (String, usize) {
    let (loaded, status) = load(form, record);
    assert!(status.is_ok(), "{}: {:?}", form.section, status.error);
    let c = loaded.config;
    let model = if form.section.is_policy() {
        let p: Vec<_> = c
            .policies(form.section)
            .iter()
            .cloned()
            .map(|p| crate::model::Policy {
                origin: Default::default(),
                ..p
            })
            .collect();
        format!("{p:?}")
    } else {
        format!(
            "{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}",
            c.admin_authentication.as_ref().map(|a| {
                let mut a = a.clone();
                a.profile
                    .iter_mut()
                    .for_each(|p| p.origin = Default::default());
                a.api_applications
                    .iter_mut()
                    .flatten()
                    .for_each(|x| x.origin = Default::default());
                a
            }),
            c.managed_senders,
            c.impersonation_definitions,
            c.dns_auth_definitions,
            c.spam_definitions,
            c.threat_remediation.settings,
            c.sync_tasks,
            c.continuity_monitors
        )
    };
    (model, status.warnings.len() + status.notes.len())
}

#[test]
fn sample_records_in_the_form_shape_read_the_same_and_validate() {
    let mut seen = BTreeSet::new();
    for name in ["pitfall-tenant", "missing-protections", "clean-tenant"] {
        for (f, r) in sample_records(name) {
            seen.insert(f.section);
            let e = editable(f, &r);
            let label = item_label(f, &e);
            let (before, remarks_before) = model_of(f, &r);
            let (after, remarks_after) = model_of(f, &e);
            assert_eq!(
                before, after,
                "{name} {} {label}: the analysis would read it differently",
                f.section
            );
            assert!(
                remarks_after <= remarks_before,
                "{name} {} {label}",
                f.section
            );
            assert!(
                e.get("policy").is_none()
                    && e.get("conditions").is_none()
                    && e.get("fromDateTime").is_none()
            );
            assert_eq!(editable(f, &e), e, "{name} {label}: editable is idempotent");
            // The only thing the samples get wrong on purpose that the form
            // catches: a policy without a narrative (rule POL).
            let errors = validate(f, &e);
            let planted = e["description"].as_str() == Some("")
                && messages(&errors) == ["Policy Narrative is required."];
            assert!(
                errors.is_empty() || planted,
                "{name} {} {label}: {errors:?}",
                f.section
            );
        }
    }
    assert!(seen.len() >= 10, "the samples cover most forms: {seen:?}");
}

#[test]
fn api_1_policies_are_flattened_for_the_form() {
    let f = form_of(Section::DnsAuthInboundPolicies);
    let r = json!({"id": "x1", "policy": [{
        "description": "Finance", "definitionId": "def-1",
        "from": {"type": "Email_Domain", "emailDomain": "old.example", "domain": "new.example"},
        "to": {"type": "profile_group", "group": {"id": "g1", "description": "Finance team"}},
        "fromType": "email_domain", "fromValue": "old.example", "toType": "profile_group",
        "fromEternal": true, "toEternal": false,
        "fromDate": "1900-01-01T00:00:00+0000", "toDate": "2026-06-30T23:59:59+0000",
        "conditions": {"sourceIPs": ["192.0.2.0/24"]}, "enforced": false}]});
    let e = editable(f, &r);
    assert_eq!(
        e,
        json!({"id": "x1", "description": "Finance", "definitionId": "def-1",
            "from": {"type": "email_domain", "domain": "old.example"},
            "to": {"type": "profile_group", "groupId": "g1", "group": {"id": "g1", "description": "Finance team"}},
            "toEternal": false, "toDate": "2026-06-30T23:59:59+0000",
            "sourceIPs": ["192.0.2.0/24"], "enforced": false,
            "enabled": true, "override": false, "bidirectional": false, "fromPart": "envelope_from"})
    );
    assert_eq!(model_of(f, &r).0, model_of(f, &e).0);
    // Flat legacy scopes, placeholder end date, text numbers and flags.
    let r = json!({"id": "x2", "description": "D", "fromType": "individual_email_address", "fromValue": "a@b.example",
        "toDateTime": "2100-01-01T23:59:59+0000", "enabled": "false"});
    let e = editable(f, &r);
    assert_eq!(
        e["from"],
        json!({"type": "individual_email_address", "emailAddress": "a@b.example"})
    );
    assert_eq!(e["to"], json!({"type": "everyone"}));
    assert_eq!(
        (
            e["toEternal"].clone(),
            e.get("toDate"),
            e["enabled"].clone()
        ),
        (json!(true), None, json!(false))
    );
    let d = form_of(Section::ImpersonationDefinitions);
    let e = editable(
        d,
        &json!({"id": "d", "hitThreshold": "3", "tagSubject": "[SUSPICIOUS]"}),
    );
    assert_eq!(
        (e["hitThreshold"].clone(), e["tagSubject"].clone()),
        (json!(3), json!("[SUSPICIOUS]"))
    );
}

#[test]
fn flags_read_as_the_reader_reads_them() {
    let r = json!({"enabled": "TRUE", "override": 1, "tagSubject": "[SUSPICIOUS MESSAGE]", "tagBody": "",
        "identifiers": {"internal_user_name": {"enabled": false}, "similar_internal_domain": {"custom": true}}, "bidirectional": "yes"});
    assert!(flag(&r, "enabled") && flag(&r, "override") && flag(&r, "tagSubject"));
    assert!(!flag(&r, "tagBody") && !flag(&r, "tagHeader") && !flag(&r, "bidirectional"));
    assert!(
        !flag(&r, "identifiers.internal_user_name")
            && flag(&r, "identifiers.similar_internal_domain")
    );
    let f = form_of(Section::ImpersonationDefinitions);
    let mut d = new_record(f, "d");
    set(&mut d, "tagSubject", json!("[SUSPICIOUS MESSAGE]"));
    set(
        &mut d,
        "identifiers.internal_user_name",
        json!({"enabled": true, "customNames": []}),
    );
    assert!(
        validate(f, &d).is_empty(),
        "tag text and identifier objects are accepted"
    );
    set(&mut d, "tagHeader", json!("maybe"));
    assert!(validate(f, &d).is_empty(), "tag text is tag text");
    set(&mut d, "bypassManagedAndPermittedSenders", json!("maybe"));
    assert_eq!(
        messages(&validate(f, &d)),
        ["Bypass Managed & Permitted Senders: expected ticked or unticked."]
    );
}
