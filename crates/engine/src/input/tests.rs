//! What a file gives as a whole: sections that cannot be read, failed
//! calls, records of calls this tool does not read, the account, and a
//! single record saved on its own.

use serde_json::{json, Value};

use super::{load_all, why_incomplete, FileStatus, InputFile, Loaded};
use crate::model::{parse_date, Section};

fn load(name: &str, v: Value) -> Loaded {
    load_all(&[InputFile::new(name, v.to_string())])
}

fn bundle(sections: Value) -> Loaded {
    let mut b = json!({"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z"});
    b.as_object_mut()
        .unwrap()
        .extend(sections.as_object().unwrap().clone());
    load("b.json", b)
}

/// The bundle the engine writes for `loaded`, read back.
fn saved_and_read(loaded: &Loaded) -> (Value, Loaded) {
    let text =
        crate::bundle::write_bundle(&loaded.config, parse_date("2026-11-28").unwrap(), "test");
    let again = load_all(&[InputFile::new("saved.json", text.clone())]);
    (serde_json::from_str(&text).unwrap(), again)
}

fn warned(st: &FileStatus, text: &str) -> bool {
    st.warnings.iter().any(|w| w.contains(text))
}

#[test]
fn an_empty_threat_remediation_object_is_collected_and_empty() {
    for tr in [json!({}), json!({"settings": null, "incidents": null})] {
        let l = bundle(
            json!({"threatRemediation": tr, "internalDomains": [{"domain": "example.com", "sendOnly": false}]}),
        );
        let st = &l.statuses[0];
        assert!(st.error.is_none(), "{tr}: {:?}", st.error);
        assert!(st.warnings.is_empty(), "{tr}: {:?}", st.warnings);
        assert!(l.config.has(Section::ThreatRemediation), "{tr}");
        assert!(l.config.has(Section::InternalDomains), "{tr}");
        assert!(l.config.threat_remediation.settings.is_none());
        assert!(l.config.threat_remediation.incidents.is_none());
        let (v, again) = saved_and_read(&l);
        assert_eq!(v["threatRemediation"], json!({}));
        assert!(again.config.has(Section::ThreatRemediation));
    }
}

#[test]
fn a_bundle_section_that_cannot_be_read_drops_only_itself() {
    let l = bundle(json!({
        "internalDomains": [{"domain": "example.com", "sendOnly": false}],
        "antiSpoofingPolicies": 42,
        "permittedSenderPolicies": {},
        "blockedSenderPolicies": null,
        "managedSenders": [{"sender": {"not": "text"}, "type": "Permit"}],
        "threatRemediation": {"settings": {"enabled": true, "mode": "automatic"}, "incidents": "all of them"},
        "groupMembers": {"g1": "nobody", "g2": [{"emailAddress": "ceo@example.com", "internal": true}]},
        "dnsRecords": {"example.com": {"spf": "v=spf1 -all"}, "example.org": "v=spf1 -all"},
        "auditEvents": []
    }));
    let st = &l.statuses[0];
    let c = &l.config;
    assert!(st.error.is_none(), "{:?}", st.error);
    assert_eq!(c.internal_domains.len(), 1);
    assert!(c.has(Section::AuditEvents));
    for s in [
        Section::AntiSpoofingPolicies,
        Section::PermittedSenderPolicies,
        Section::BlockedSenderPolicies,
        Section::ManagedSenders,
    ] {
        assert!(!c.has(s), "{}", s.key());
        assert!(!st.sections.contains(&s), "{}", s.key());
        assert!(
            st.warnings
                .iter()
                .any(|w| w.starts_with(&format!("{} was not read", s.key()))),
            "{}: {:?}",
            s.key(),
            st.warnings
        );
    }
    assert!(warned(st, "permittedSenderPolicies: expected a list of records (an API response, or an array), found an empty object"));
    // Keyed sections drop only the part that cannot be read, and say the
    // section is incomplete.
    assert_eq!(c.group_members["g2"].len(), 1);
    assert!(!c.group_members.contains_key("g1"));
    assert!(warned(
        st,
        "groupMembers.g1: expected a list of members, found text"
    ));
    assert!(c.sections[&Section::GroupMembers].incomplete);
    assert_eq!(
        c.threat_remediation
            .settings
            .as_ref()
            .unwrap()
            .mode
            .as_deref(),
        Some("automatic")
    );
    assert!(warned(
        st,
        "threatRemediation.incidents: expected a list of incidents"
    ));
    assert!(c.sections[&Section::ThreatRemediation].incomplete);
    assert_eq!(
        why_incomplete(c, Section::GroupMembers).as_deref(),
        Some("`g1` could not be read")
    );
    assert_eq!(c.dns_records.len(), 1);
    assert!(warned(st, "record at dnsRecords.example.org skipped"));
    assert_eq!(
        why_incomplete(c, Section::DnsRecords).as_deref(),
        Some("`example.org` could not be read")
    );
    assert_eq!(
        why_incomplete(c, Section::ThreatRemediation).as_deref(),
        Some("`incidents` could not be read")
    );
    assert_eq!(why_incomplete(c, Section::InternalDomains), None);
    // A saved bundle says the same.
    let (_, again) = saved_and_read(&l);
    assert!(again.config.sections[&Section::GroupMembers].incomplete);
    assert!(again.config.sections[&Section::ThreatRemediation].incomplete);
    assert!(again.config.sections[&Section::DnsRecords].incomplete);
    assert_eq!(again.config.group_members["g2"].len(), 1);
    // A keyed section of the wrong kind is dropped whole.
    let l = bundle(json!({"dnsRecords": ["v=spf1 -all"], "groups": []}));
    assert!(!l.config.has(Section::DnsRecords));
    assert!(warned(&l.statuses[0], "dnsRecords was not read"));
    assert!(l.config.has(Section::Groups));
}

#[test]
fn a_bundle_whose_sections_all_fail_still_loads_with_a_warning_each() {
    let l = bundle(json!({"internalDomains": "example.com", "groups": [{"description": "no id"}]}));
    let st = &l.statuses[0];
    assert!(st.error.is_none(), "{:?}", st.error);
    assert!(st.sections.is_empty());
    assert!(warned(st, "internalDomains was not read"));
    assert!(warned(st, "groups was not read"));
    assert!(!warned(st, "holds no section"), "{:?}", st.warnings);
}

#[test]
fn a_failed_call_leaves_its_section_incomplete_with_the_status_or_codes() {
    let cases = [
        (
            json!({"meta": {"status": 403}, "data": [{"source": "cloud", "folders": []}], "fail": []}),
            Section::Groups,
            "status 403",
        ),
        (
            json!({"meta": {"status": "500"}, "data": [{"id": "d", "domain": "example.com", "sendOnly": false}]}),
            Section::InternalDomains,
            "status 500",
        ),
        (
            json!({"meta": {"status": 200}, "data": [], "fail": [{"key": {"option": "block_sender"}, "errors": [{"code": "err_policy_invalid_from_value"}]}]}),
            Section::BlockedSenderPolicies,
            "err_policy_invalid_from_value",
        ),
        (
            json!({"meta": {"status": 200}, "data": [], "fail": [{"key": {"sender": "x", "to": "y@example.com", "action": "block"}, "errors": [{"code": "err_validation_invalid_email_address"}]}]}),
            Section::ManagedSenders,
            "err_validation_invalid_email_address",
        ),
        (
            json!({"meta": {"status": 401}, "fail": [{"errors": [{"code": "err_xdk_client_update_required"}]}]}),
            Section::AntiSpoofingPolicies,
            "err_xdk_client_update_required",
        ),
        (
            json!({"meta": {"status": 429}, "data": [{"id": "i", "type": "automatic", "identified": 1}]}),
            Section::ThreatRemediation,
            "status 429",
        ),
        (
            json!({"meta": {"status": 403}, "data": [{"groupMembers": [{"emailAddress": "a@example.com", "internal": true}]}]}),
            Section::GroupMembers,
            "status 403",
        ),
    ];
    for (v, s, shown) in cases {
        let name = format!("{}.json", s.key());
        let l = load(&name, v.clone());
        let st = &l.statuses[0];
        assert!(st.error.is_none(), "{v}: {:?}", st.error);
        assert_eq!(st.sections, [s], "{v}");
        assert!(l.config.sections[&s].incomplete, "{v}");
        assert!(
            warned(st, shown) && warned(st, "incomplete"),
            "{v}: {:?}",
            st.warnings
        );
        let why = why_incomplete(&l.config, s).unwrap_or_default();
        assert!(
            why.starts_with("the API reported a failure (") && why.contains(shown),
            "{v}: {why}"
        );
        // Saved and read back, the call is still a failed one.
        let (_, again) = saved_and_read(&l);
        assert!(again.config.sections[&s].incomplete, "{v}");
        assert_eq!(why_incomplete(&again.config, s), Some(why), "{v}");
    }
}

#[test]
fn a_2xx_status_or_no_status_is_no_failure() {
    for meta in [
        json!({"status": 200}),
        json!({"status": 204}),
        json!({}),
        json!({"status": "OK"}),
    ] {
        let l = load(
            "domains.json",
            json!({"meta": meta, "data": [{"domain": "example.com", "sendOnly": false}], "fail": []}),
        );
        assert!(
            !l.config.sections[&Section::InternalDomains].incomplete,
            "{meta}"
        );
        assert!(l.statuses[0].warnings.is_empty(), "{meta}");
    }
}

#[test]
fn a_failure_whose_section_cannot_be_told_still_shows_its_codes() {
    let v = json!({"meta": {"status": 200}, "data": [], "fail": [{"key": {"id": "x"}, "errors": [{"code": "err_xdk_forbidden", "message": "Forbidden"}]}]});
    let l = load("response.json", v);
    let err = l.statuses[0]
        .error
        .as_ref()
        .expect("the section must be chosen");
    assert!(err.message.contains("cannot tell"), "{}", err.message);
    assert!(
        err.message.contains("err_xdk_forbidden (Forbidden)"),
        "{}",
        err.message
    );
    assert!(!err.candidates.is_empty());
}

#[test]
fn a_get_account_record_is_the_account_not_a_group() {
    // The shape of a captured get-account response (values made up), and
    // the partial one of a third-party test.
    let full = json!({"meta": {"status": 200}, "data": [{"region": "us", "archive": false, "gateway": true,
        "passphrase": "", "supportCode": "0000", "maxRetention": 30, "maxRetentionConfirmed": true,
        "type": "full", "accountCode": "CUSA00A000", "accountName": "Example Ltd", "adminEmail": "",
        "contactEmail": "someone@example.com", "domain": "", "userCount": 10, "mimecastId": "01-0000-00000",
        "packages": ["Mimecast Email Security"]}], "fail": []});
    let partial = json!({"data": [{"adminSessionTimeout": 30, "exgestAllowExtraction": true, "searchReason": true}]});
    for v in [full, partial] {
        let l = load("response.json", v.clone());
        let st = &l.statuses[0];
        assert!(st.error.is_none(), "{v}: {:?}", st.error);
        assert!(st.warnings.is_empty(), "{v}: {:?}", st.warnings);
        assert!(!l.config.has(Section::Groups), "{v}");
        assert!(l.config.groups.is_empty());
        let account = l.config.account.as_ref().expect("the account");
        assert!(account.get("passphrase").is_none() && account.get("contactEmail").is_none());
        assert!(account.get("adminEmail").is_none());
        assert!(
            st.notes.iter().any(|n| n.contains("get-account")),
            "{:?}",
            st.notes
        );
    }
    let l = load(
        "response.json",
        json!({"data": [{"accountCode": "CUSA00A000", "accountName": "Example Ltd", "userCount": 10}]}),
    );
    assert_eq!(l.config.account.unwrap()["accountCode"], "CUSA00A000");
    // A group is still a group.
    let l = load(
        "response.json",
        json!({"data": [{"folders": [{"id": "g1", "description": "VIP", "userCount": 3, "parentId": "root"}]}]}),
    );
    assert_eq!(l.config.groups[0].id, "g1");
}

#[test]
fn a_policy_with_neither_option_nor_definition_is_an_address_alteration_policy() {
    // What an address alteration update call answers: no set id, no option.
    let l = load(
        "response.json",
        json!({"data": [{"id": "a1", "policy": {"description": "x", "from": {"type": "internal_addresses"}, "to": {"type": "internal_addresses"}, "fromPart": "envelope_from"}}]}),
    );
    let st = &l.statuses[0];
    assert!(st.error.is_none(), "{:?}", st.error);
    assert_eq!(st.sections, [Section::AddressAlterationPolicies]);
    assert_eq!(
        l.config.policies(Section::AddressAlterationPolicies).len(),
        1
    );
}

#[test]
fn responses_of_calls_this_tool_does_not_read_are_not_analysed() {
    let cases = [
        (
            "response.json",
            json!({"meta": {"status": 200}, "data": [{"id": "m1", "folderId": "g1", "emailAddress": "a@example.com", "internal": true}], "fail": []}),
            "add-group-member",
        ),
        (
            "response.json",
            json!({"data": [{"id": "u1", "scheme": "https", "domain": "www.example.com", "matchType": "explicit", "disableRewrite": false}]}),
            "managed URLs",
        ),
        (
            "response.json",
            json!({"domains": [{"id": "d1", "domain": "pending.example"}], "meta": {}}),
            "pending domains",
        ),
        (
            "blocked-senders-delete-policy.json",
            json!({"meta": {"status": 200}, "data": [], "fail": []}),
            "the file name says \"delete\"",
        ),
    ];
    for (name, v, call) in cases {
        let l = load(name, v.clone());
        let st = &l.statuses[0];
        assert!(st.error.is_none(), "{v}: {:?}", st.error);
        assert!(st.sections.is_empty(), "{v}: {:?}", st.sections);
        assert!(l.config.sections.is_empty(), "{v}");
        let looks = st.not_analysed.as_deref().unwrap_or_default();
        assert!(looks.contains(call), "{v}: {looks:?}");
    }
    // An empty response with no name that says what it is still asks.
    let l = load(
        "response.json",
        json!({"meta": {"status": 200}, "data": [], "fail": []}),
    );
    assert!(l.statuses[0].error.is_some());
}

#[test]
fn one_record_saved_on_its_own_is_a_list_of_one() {
    let record = json!({"option": "block_sender", "id": "b1", "policy": {"description": "one", "fromPart": "both",
        "from": {"type": "email_domain", "emailDomain": "spam.example"}, "to": {"type": "everyone"},
        "fromEternal": true, "toEternal": true, "enabled": true}});
    let l = load("create_block_sender_policy_response.json", record.clone());
    let st = &l.statuses[0];
    assert!(st.error.is_none(), "{:?}", st.error);
    assert_eq!(st.sections, [Section::BlockedSenderPolicies]);
    let p = &l.config.policies(Section::BlockedSenderPolicies)[0];
    assert_eq!(p.id.as_deref(), Some("b1"));
    assert_eq!(p.origin.path, "policy");
    assert_eq!(p.origin.field("from"), "policy.from");
    // In a bundle too, and it is saved back as a list.
    let l = bundle(json!({"blockedSenderPolicies": record}));
    assert_eq!(l.config.policies(Section::BlockedSenderPolicies).len(), 1);
    assert_eq!(
        l.config.policies(Section::BlockedSenderPolicies)[0]
            .origin
            .path,
        "blockedSenderPolicies.policy"
    );
    let (v, again) = saved_and_read(&l);
    assert_eq!(v["blockedSenderPolicies"][0]["id"], "b1");
    assert_eq!(
        again.config.policies(Section::BlockedSenderPolicies).len(),
        1
    );
    // A single record that cannot be read names the top level.
    let l = load(
        "sender.json",
        json!({"sender": ["not", "text"], "type": "Permit"}),
    );
    let err = l.statuses[0].error.as_ref().unwrap();
    assert!(
        err.message.contains("record at the top level skipped"),
        "{}",
        err.message
    );
}

#[test]
fn a_write_answer_is_no_member_listing_and_an_object_is_no_list() {
    let l = load(
        "add_group_member.json",
        json!({"meta": {"status": 200}, "data": [{"id": "m1", "folderId": "g1", "emailAddress": "a@example.com", "internal": true}], "fail": []}),
    );
    assert!(!l.config.has(Section::GroupMembers));
    assert!(l.config.group_members.is_empty());
    assert!(l.statuses[0].error.is_none());

    let l = load("members.json", json!({"data": [{"groupMembers": {}}]}));
    let st = &l.statuses[0];
    assert!(st.error.is_none(), "{:?}", st.error);
    assert!(
        warned(
            st,
            "data[0].groupMembers: expected a list of members, found an empty object"
        ),
        "{:?}",
        st.warnings
    );
    assert!(!warned(st, "emailAddress"), "{:?}", st.warnings);
    assert!(l.config.group_members.is_empty());
    assert!(!l.config.has(Section::GroupMembers));
    let (v, _) = saved_and_read(&l);
    assert!(v.get("groupMembers").is_none(), "{v}");
}
