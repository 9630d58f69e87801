//! URL / Attachment Protect, Attachment Management, managed URLs and the
//! removed Dangerous File Types, from bundles and loose files.

use serde_json::{json, Value};

use crate::input::{load_all, InputFile, Loaded};
use crate::model::*;

fn bundle(sections: Value) -> Loaded {
    let mut b = json!({"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z"});
    b.as_object_mut()
        .unwrap()
        .extend(sections.as_object().unwrap().clone());
    let loaded = load_all(&[InputFile::new("b.json", b.to_string())]);
    assert!(loaded.statuses[0].is_ok(), "{:?}", loaded.statuses[0].error);
    loaded
}

fn loose(name: &str, v: Value) -> Loaded {
    load_all(&[InputFile::new(name, v.to_string())])
}

fn notes(l: &Loaded) -> String {
    l.statuses
        .iter()
        .flat_map(|s| s.notes.iter().chain(&s.warnings))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn definitions_read_from_a_bundle_with_spec_field_names() {
    let l = bundle(json!({
        "urlProtectDefinitions": [{"id": "upd-1", "description": "Default URL Protect Definition", "inboundCheck": true,
            "rewriteMode": "Moderate", "userAwareness": {"enabled": true, "challengePercentage": 5}},
            {"id": "upd-2", "inboundCheck": "false", "rewriteMode": "paranoid"}],
        "attachmentProtectDefinitions": [{"id": "apd-1", "inboundCheck": true, "deliveryOption": "Safe File On-Demand"},
            {"id": "apd-2", "inboundCheck": 1, "deliveryOption": "magic"}],
        "attachmentManagementDefinitions": [{"id": "amd-1", "defaultAction": "ALLOW_SPECIFIED", "blockDangerousFileTypes": false},
            {"id": "amd-2", "description": "Default Attachment Set", "defaultAction": "block_specified"}],
        "dangerousFileTypes": {"removed": [".ISO", "one", "iso"]}
    }));
    let c = &l.config;
    let u = &c.url_protect_definitions;
    assert_eq!(u[0].inbound_check, Some(true));
    assert_eq!(u[0].rewrite_mode.as_deref(), Some("moderate"));
    assert_eq!(u[1].inbound_check, Some(false));
    let a = &c.attachment_protect_definitions;
    assert_eq!(a[0].delivery_option.as_deref(), Some("safe_file_on_demand"));
    assert_eq!(a[1].inbound_check, Some(true));
    let m = &c.attachment_management_definitions;
    assert_eq!(m[0].default_action.as_deref(), Some("allow_specified"));
    assert_eq!(m[0].block_dangerous_file_types, Some(false));
    assert_eq!(m[1].block_dangerous_file_types, None);
    let d = c.dangerous_file_types.as_ref().unwrap();
    assert_eq!(d.removed, ["iso", "one"]);
    assert_eq!(d.origin.path, "dangerousFileTypes");
    let n = notes(&l);
    for unknown in [
        "urlProtectDefinitions[1].rewriteMode: unknown value \"paranoid\"",
        "attachmentProtectDefinitions[1].deliveryOption: unknown value \"magic\"",
    ] {
        assert!(n.contains(unknown), "{n}");
    }
    assert!(!n.contains("Moderate"), "{n}");
}

#[test]
fn empty_dangerous_file_types_is_collected_with_none_removed() {
    for v in [json!({"removed": []}), json!([])] {
        let l = bundle(json!({ "dangerousFileTypes": v }));
        assert!(l.config.has(Section::DangerousFileTypes));
        assert!(l
            .config
            .dangerous_file_types
            .as_ref()
            .is_none_or(|d| d.removed.is_empty()));
    }
    // A bare list of extensions is read too.
    let l = bundle(json!({"dangerousFileTypes": ["exe", ".JS"]}));
    assert_eq!(
        l.config.dangerous_file_types.unwrap().removed,
        ["exe", "js"]
    );
}

#[test]
fn unreadable_dangerous_file_types_names_the_path() {
    let b = json!({"format": "mimecast-config-bundle", "version": 1, "dangerousFileTypes": {"removed": "iso"},
        "managedUrls": []});
    let l = load_all(&[InputFile::new("b.json", b.to_string())]);
    assert!(!l.config.has(Section::DangerousFileTypes));
    let n = notes(&l);
    assert!(
        n.contains("dangerousFileTypes.removed: expected a list"),
        "{n}"
    );
    let b = json!({"format": "mimecast-config-bundle", "version": 1, "dangerousFileTypes": {"removed": ["iso", 7]}});
    let l = load_all(&[InputFile::new("b.json", b.to_string())]);
    assert!(notes(&l).contains("dangerousFileTypes.removed[1]: expected a file type"));
    assert_eq!(l.config.dangerous_file_types.unwrap().removed, ["iso"]);
}

#[test]
fn managed_urls_from_parts_and_any_case() {
    // D.8 (a): a raw reply with parts instead of `url`, upper-case enums.
    let l = loose(
        "response.json",
        json!({"meta": {"status": 200, "pagination": {}}, "fail": [], "data": [
            {"id": "eNo1jrMU01", "scheme": "https", "domain": "Drive.Google.com.", "port": -1, "path": "", "matchType": "DOMAIN",
             "action": "PERMIT", "disableRewrite": true, "disableUserAwareness": true, "disableLogClick": false,
             "comment": "Marketing shares files with agencies"},
            {"id": "eNo1jrMU02", "url": "https://google.com", "matchType": "domain", "action": "permit"},
            {"id": "x3", "scheme": "http", "domain": "intranet.example", "port": 8080, "path": "a/b", "queryString": "q=1",
             "matchType": "explicit", "action": "block"},
            {"id": "x4", "url": "user@Files.Example:443/x?y", "matchType": "Domain", "action": "Allow"}]}),
    );
    assert_eq!(
        l.statuses[0].sections,
        [Section::ManagedUrls],
        "{:?}",
        l.statuses[0]
    );
    let m = &l.config.managed_urls;
    assert_eq!(m.len(), 4);
    assert_eq!(m[0].url, "https://drive.google.com");
    assert_eq!(m[0].domain, "drive.google.com");
    assert_eq!(
        (m[0].action.as_str(), m[0].match_type.as_str()),
        ("permit", "domain")
    );
    assert!(m[0].disable_rewrite && m[0].disable_user_awareness && !m[0].disable_log_click);
    assert_eq!(m[0].origin.path, "data[0]");
    assert_eq!(m[1].domain, "google.com");
    assert_eq!(m[2].url, "http://intranet.example:8080/a/b?q=1");
    assert_eq!(m[3].domain, "files.example");
    assert!(notes(&l).contains("data[3].action: unknown value \"Allow\""));
}

#[test]
fn a_managed_url_without_url_or_domain_is_skipped_with_its_path() {
    let l = bundle(json!({"managedUrls": [
        {"id": "a", "url": "https://ok.example", "matchType": "domain", "action": "block"},
        {"id": "b", "matchType": "domain", "action": "permit"}]}));
    assert_eq!(l.config.managed_urls.len(), 1);
    let n = notes(&l);
    assert!(n.contains("managedUrls[1].url"), "{n}");
}

#[test]
fn loose_files_are_recognised_by_content() {
    let cases = [
        (
            json!([{"id": "u", "description": "x", "inboundCheck": true, "rewriteMode": "moderate"}]),
            Section::UrlProtectDefinitions,
        ),
        (
            json!([{"id": "u", "inboundCheck": true, "userAwareness": {"enabled": true}}]),
            Section::UrlProtectDefinitions,
        ),
        (
            json!([{"id": "a", "inboundCheck": true, "deliveryOption": "dynamic"}]),
            Section::AttachmentProtectDefinitions,
        ),
        (
            json!([{"id": "s", "defaultAction": "block_specified"}]),
            Section::AttachmentManagementDefinitions,
        ),
        (json!({"removed": ["iso"]}), Section::DangerousFileTypes),
        (
            json!({"data": [{"url": "https://x.example", "matchType": "explicit", "action": "BLOCK"}]}),
            Section::ManagedUrls,
        ),
        // A continuity monitor still is one.
        (
            json!([{"description": "M365", "status": "Active", "inboundCheck": true}]),
            Section::ContinuityMonitors,
        ),
    ];
    for (v, want) in cases {
        let l = loose("export.json", v.clone());
        assert_eq!(l.statuses[0].sections, [want], "{v}: {:?}", l.statuses[0]);
    }
    // An empty list named after the section.
    let l = loose("managed-urls.json", json!([]));
    assert_eq!(l.statuses[0].sections, [Section::ManagedUrls]);
}

#[test]
fn a_bundle_writes_dangerous_file_types_back_as_an_object() {
    let l = bundle(json!({"dangerousFileTypes": {"removed": ["iso"]}}));
    let out = crate::bundle::to_bundle(&l.config, chrono::DateTime::UNIX_EPOCH, "test");
    assert_eq!(out["dangerousFileTypes"], json!({"removed": ["iso"]}));
    let back = load_all(&[InputFile::new("back.json", out.to_string())]);
    assert_eq!(back.config.dangerous_file_types.unwrap().removed, ["iso"]);
}

#[test]
fn two_files_add_up() {
    let a = json!({"format": "mimecast-config-bundle", "version": 1,
        "dangerousFileTypes": {"removed": ["iso"]},
        "managedUrls": [{"id": "m1", "url": "https://a.example", "matchType": "domain", "action": "permit"}]});
    let b = json!({"format": "mimecast-config-bundle", "version": 1,
        "dangerousFileTypes": {"removed": ["iso", "vhd"]},
        "managedUrls": [{"id": "m1", "url": "https://a.example", "matchType": "domain", "action": "permit"}]});
    let l = load_all(&[
        InputFile::new("a.json", a.to_string()),
        InputFile::new("b.json", b.to_string()),
    ]);
    assert_eq!(l.config.managed_urls.len(), 1);
    assert_eq!(
        l.config.dangerous_file_types.unwrap().removed,
        ["iso", "vhd"]
    );
}

#[test]
fn licence_answers_are_read_in_every_spelling_and_a_later_file_wins() {
    let l = bundle(json!({"licences": {"urlProtect": "Yes", "attachmentProtect": false}}));
    let a = l.config.licences.as_ref().unwrap();
    assert_eq!(
        (a.url_protect, a.attachment_protect),
        (Some(true), Some(false))
    );
    // Written back as the object it was, and read again the same.
    let out = crate::bundle::to_bundle(&l.config, chrono::DateTime::UNIX_EPOCH, "test");
    assert_eq!(
        out["licences"],
        json!({"urlProtect": "Yes", "attachmentProtect": false})
    );
    // A loose file is recognised by its keys; a later answer wins, an
    // unanswered question keeps the earlier one.
    let both = load_all(&[
        InputFile::new(
            "a.json",
            json!({"urlProtect": "not licensed", "attachmentProtect": "no"}).to_string(),
        ),
        InputFile::new(
            "b.json",
            json!({"urlProtect": "licensed", "attachmentProtect": null}).to_string(),
        ),
    ]);
    assert_eq!(both.statuses[0].sections, [Section::Licences]);
    let a = both.config.licences.unwrap();
    assert_eq!(
        (a.url_protect, a.attachment_protect),
        (Some(true), Some(false))
    );
}

#[test]
fn an_unreadable_licence_answer_is_left_unanswered_with_its_path() {
    let l = bundle(json!({"licences": {"urlProtect": "maybe", "attachmentProtect": 3}}));
    let a = l.config.licences.as_ref().unwrap();
    assert_eq!((a.url_protect, a.attachment_protect), (None, None));
    let said = notes(&l);
    assert!(said.contains("licences.urlProtect"), "{said}");
    assert!(said.contains("licences.attachmentProtect"), "{said}");
    // Not an object at all: the section is not read, and says where.
    let l = load_all(&[InputFile::new(
        "b.json",
        json!({"format": "mimecast-config-bundle", "version": 1, "licences": "yes"}).to_string(),
    )]);
    assert!(!l.config.has(Section::Licences));
    assert!(notes(&l).contains("licences"), "{}", notes(&l));
}

#[test]
fn a_settings_section_saved_empty_is_collected_and_written_back_as_an_object() {
    for key in ["dangerousFileTypes", "licences"] {
        let l = bundle(json!({ key: {} }));
        let s = Section::from_key(key).unwrap();
        assert!(l.config.has(s), "{key}");
        assert!(notes(&l).is_empty(), "{key}: {}", notes(&l));
        let out = crate::bundle::to_bundle(&l.config, chrono::DateTime::UNIX_EPOCH, "test");
        assert_eq!(out[key], json!({}), "{key}");
    }
    let l = bundle(json!({"licences": {}}));
    let a = l.config.licences.unwrap();
    assert_eq!((a.url_protect, a.attachment_protect), (None, None));
}
