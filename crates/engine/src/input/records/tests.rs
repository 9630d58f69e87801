//! Every non-policy section, read from a bundle and from loose API files.

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

#[test]
fn console_sections_read_from_a_bundle() {
    let l = bundle(json!({
        "managedSenders": [{"id": "m1", "to": "bob@example.com", "sender": "Gmail.com", "type": "Permit", "expires": "2027-01-01"},
                           {"sender": "x@y.example", "type": "Trusted"}],
        "impersonationDefinitions": [{"id": "d1", "description": "Default", "hitThreshold": 3, "action": "none",
            "identifiers": {"similar_internal_domain": true, "newly_observed_domain": false, "internal_user_name": {"enabled": true}},
            "bypassManagedAndPermittedSenders": true, "tagSubject": "[SUSPICIOUS]", "tagBody": false}],
        "dnsAuthInboundDefinitions": [{"id": "a1", "spf": {"enabled": true, "failAction": "no_action", "softFailAction": "ignore_permitted"},
            "dkim": {"enabled": false}, "dmarc": {"enabled": true, "failAction": "Honor DMARC Record"}}],
        "spamScanningDefinitions": [{"id": "s1", "level": "moderate", "spamAction": "hold_for_review", "autoAllowSpamAction": "do_nothing", "permittedSenderSpamAction": "shrug"}],
        "syncRecoverTasks": [{"name": "All mailboxes", "connectorId": "c1", "platform": "Microsoft", "state": "Needs Attention"}],
        "continuityMonitors": [{"description": "M365", "status": "Active", "inboundCheck": true, "notify": {"emailGroup": "IT", "smsNumbers": ["+15555550100"]}}],
        "impersonationPolicies": [{"id": "p1", "definitionId": "d1", "from": {"type": "external_addresses"}, "to": {"type": "internal_addresses"}}]
    }));
    let c = &l.config;
    assert_eq!(c.managed_senders.len(), 2);
    assert_eq!(c.managed_senders[0].sender(), "gmail.com");
    assert!(c.managed_senders[0].kind.is(ManagedKind::Permit));
    assert_eq!(
        c.managed_senders[0].expires,
        Some(parse_date("2027-01-01").unwrap())
    );
    assert_eq!(c.managed_senders[1].kind, Known::Unknown("Trusted".into()));
    let d = &c.impersonation_definitions[0];
    assert_eq!(d.hit_threshold, Some(3));
    assert_eq!(d.identifiers.get("newly_observed_domain"), Some(&false));
    assert_eq!(d.identifiers.get("internal_user_name"), Some(&true));
    assert!(d.bypass_managed_and_permitted && d.tag_subject && !d.tag_body);
    assert!(d.action.as_ref().unwrap().is(ImpersonationAction::None));
    let a = &c.dns_auth_definitions[0];
    assert!(a.spf.fail_action.as_ref().unwrap().is(AuthAction::NoAction));
    assert!(a
        .spf
        .soft_fail_action
        .as_ref()
        .unwrap()
        .is(AuthAction::IgnorePermitted));
    assert_eq!(a.dkim.enabled, Some(false));
    assert!(a
        .dmarc
        .fail_action
        .as_ref()
        .unwrap()
        .is(AuthAction::HonorDmarcRecord));
    let s = &c.spam_definitions[0];
    assert!(s
        .auto_allow_action
        .as_ref()
        .unwrap()
        .is(SpamAction::DoNothing));
    assert_eq!(
        s.permitted_sender_action,
        Some(Known::Unknown("shrug".into()))
    );
    assert_eq!(c.sync_tasks[0].platform.as_deref(), Some("microsoft"));
    assert_eq!(c.continuity_monitors[0].sms_numbers, ["+15555550100"]);
    assert_eq!(
        c.policies(Section::ImpersonationPolicies)[0]
            .definition_id
            .as_deref(),
        Some("d1")
    );
    let notes = &l.statuses[0].notes;
    assert!(
        notes
            .iter()
            .any(|n| n.contains("managedSenders[1].type: unknown value \"Trusted\"")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("permittedSenderSpamAction: unknown value \"shrug\"")),
        "{notes:?}"
    );
}

#[test]
fn keyed_sections_read_from_a_bundle() {
    let l = bundle(json!({
        "groups": [{"id": "g1", "description": "VIPs", "userCount": 2, "lastReviewed": "2026-01-05"}],
        "groupMembers": {"g1": {"data": [{"groupMembers": [{"emailAddress": "CEO@example.com", "internal": true}, {"emailAddress": "", "domain": "vendor.example"}]}]}},
        "dnsRecords": {"Example.com": {"spf": "v=spf1 include:_spf.example.net -all", "dmarc": "v=DMARC1; p=none"},
                       "example.org": {"spf": ["v=spf1 -all", "google-site-verification=x"]}},
        "threatRemediation": {"settings": {"enabled": true, "mode": "notify_only", "notifyGroup": "SecOps"},
                              "incidents": {"data": [{"id": "i1", "type": "manual", "identified": 3, "failed": 1, "create": "2026-10-01T08:00:00+0000"}]}}
    }));
    let c = &l.config;
    assert_eq!(
        c.groups[0].last_change,
        Some(parse_date("2026-01-05").unwrap())
    );
    let m = &c.group_members["g1"];
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].email_address, "ceo@example.com");
    assert_eq!(m[0].domain, "example.com");
    assert_eq!(m[0].origin.path, "groupMembers.g1.data[0].groupMembers[0]");
    assert_eq!(m[1].domain, "vendor.example");
    assert_eq!(c.dns_records[0].domain, "example.com");
    assert_eq!(c.dns_records[0].dmarc.as_deref(), Some("v=DMARC1; p=none"));
    assert_eq!(
        c.dns_records[1].spf.as_deref(),
        Some("v=spf1 -all\ngoogle-site-verification=x")
    );
    let tr = &c.threat_remediation;
    assert_eq!(
        tr.settings.as_ref().unwrap().mode.as_deref(),
        Some("notify_only")
    );
    assert_eq!(tr.incidents.as_ref().unwrap()[0].failed, 1);
}

#[test]
fn loose_api_files_are_recognised_by_content() {
    let cases: Vec<(Value, Section)> = vec![
        (
            json!({"meta": {}, "data": [{"folders": [{"id": "g1", "description": "VIP", "source": "cloud", "parentId": "root", "folderCount": 0, "userCount": 3}], "source": "cloud"}], "fail": []}),
            Section::Groups,
        ),
        (
            json!({"groups": [{"id": "g1", "description": "VIP", "userCount": 3}]}),
            Section::Groups,
        ),
        (
            json!({"meta": {}, "data": [{"groupMembers": [{"emailAddress": "a@example.com", "domain": "example.com", "internal": true, "type": "created_manually"}]}], "fail": []}),
            Section::GroupMembers,
        ),
        (
            json!([{"groupName": "VIP", "groupID": "g9", "groupMembers": [{"emailAddress": "a@example.com", "internal": true}], "totalMembersCount": 1}]),
            Section::GroupMembers,
        ),
        (
            json!({"meta": {}, "data": [{"id": "i1", "code": "TR-1", "type": "notify_only", "identified": 3, "successful": 0, "failed": 0}], "fail": []}),
            Section::ThreatRemediation,
        ),
        (
            json!({"connectors": [{"id": "c1", "name": "M365", "product": {"code": "remediation"}, "provider": "microsoft", "status": "connected"}]}),
            Section::Connectors,
        ),
        (
            json!({"meta": {}, "data": [{"id": "e1", "auditType": "New Policy", "category": "policy", "eventInfo": "x", "eventTime": "2026-10-01T08:00:00+0000", "user": "admin@example.com"}], "fail": []}),
            Section::AuditEvents,
        ),
        (
            json!({"meta": {}, "data": [{"option": "block_sender", "id": "b1", "policy": {"from": {"type": "email_domain", "emailDomain": "spam.example"}, "to": {"type": "everyone"}}}], "fail": []}),
            Section::BlockedSenderPolicies,
        ),
    ];
    for (v, want) in cases {
        let l = loose("response (3).json", v.clone());
        assert_eq!(
            l.statuses[0].sections,
            [want],
            "{v}: {:?}",
            l.statuses[0].error
        );
    }
}

#[test]
fn group_backup_lists_are_keyed_by_their_group_id() {
    let l = loose(
        "backup.json",
        json!([{"groupName": "VIP", "groupID": "g9", "groupMembers": [{"emailAddress": "a@example.com", "internal": true}]}]),
    );
    assert_eq!(
        l.config.group_members["g9"][0].email_address,
        "a@example.com"
    );
    let l = loose(
        "g42.json",
        json!({"data": [{"groupMembers": [{"emailAddress": "b@example.com"}]}]}),
    );
    assert_eq!(
        l.config.group_members["g42"][0].email_address,
        "b@example.com"
    );
    assert!(l.statuses[0].notes[0].contains("does not say which group"));
}

#[test]
fn an_ambiguous_file_lists_its_candidates_and_a_chosen_section_settles_it() {
    let v = json!([{"id": "p", "definitionId": "d1", "from": {"type": "everyone"}, "to": {"type": "everyone"}}]);
    let l = loose("response.json", v.clone());
    let err = l.statuses[0].error.as_ref().unwrap();
    assert_eq!(
        err.candidates,
        [
            Section::ImpersonationPolicies,
            Section::DnsAuthInboundPolicies,
            Section::SpamScanningPolicies,
            Section::DnsAuthOutboundPolicies
        ]
    );
    let chosen = InputFile::new("response.json", v.to_string())
        .with_section(Some(Section::SpamScanningPolicies));
    let l = load_all(&[chosen]);
    assert_eq!(l.statuses[0].sections, [Section::SpamScanningPolicies]);
    assert_eq!(l.config.policies(Section::SpamScanningPolicies).len(), 1);
}
