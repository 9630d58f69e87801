//! Loading Exchange Online output, gateway details and MX records.

use serde_json::json;

use crate::input::{load_all, InputFile, Loaded};
use crate::model::{ConnectorType, Known, Section};

fn load(files: &[(&str, String)]) -> Loaded {
    let files: Vec<InputFile> = files
        .iter()
        .map(|(n, t)| InputFile::new(*n, t.clone().into_bytes()))
        .collect();
    load_all(&files)
}

#[test]
fn loose_files_with_every_tolerance_of_powershell_output() {
    let connectors = json!({"@odata.context": "https://outlook.office365.com/adminapi/beta/x/$metadata",
     "value": [
       {"@odata.type": "#Exchange.GenericHashTable", "Name": "Mimecast to Microsoft 365", "Enabled": "True",
        "ConnectorType": 1, "SenderDomains@data.type": "Microsoft.Exchange.Data.MultiValuedProperty",
        "SenderDomains": ["smtp:*;1"], "RestrictDomainsToIPAddresses": "True",
        "SenderIPAddresses": ["192.0.2.0/24"], "EFSkipIPs": ["192.0.2.10-192.0.2.20"], "RequireTls": "True",
        "RestrictDomainsToCertificate": "False", "TlsSenderCertificateName": "<I>CN=Example CA<S>CN=*.mimecast.com",
        "WhenChangedUTC": "2026-07-23T22:55:13.0000000Z"}]});
    let org = r#"{"Identity": "example.onmicrosoft.com", "Name": "example.onmicrosoft.com", "AuditDisabled": false,
 "OAuth2ClientProfileEnabled": true, "WhenChanged": "\/Date(1690000000000)\/"}"#;
    let l = load(&[
        ("inboundConnectors.json", connectors.to_string()),
        ("organizationConfig.json", org.to_string()),
    ]);
    for st in &l.statuses {
        assert!(st.error.is_none(), "{st:?}");
        assert_eq!(st.sections, [Section::ExchangeOnline], "{st:?}");
        assert!(st.warnings.is_empty(), "{st:?}");
    }
    assert!(l.statuses[0]
        .notes
        .iter()
        .any(|n| n.contains("value[0].ConnectorType") && n.contains("-EnumsAsStrings")));
    let eo = &l.config.exchange_online;
    let c = &eo.inbound_connectors.as_ref().unwrap()[0];
    assert_eq!(c.enabled, Some(Known::Known(true)));
    assert_eq!(c.connector_type, Some(Known::Unknown("1".into())));
    assert_eq!(c.sender_domains, ["*"]);
    assert_eq!(c.restrict_to_certificate, Some(Known::Known(false)));
    assert_eq!(c.certificate_name.as_deref(), Some("*.mimecast.com"));
    let ef: Vec<String> = c.ef_skip_ips[0]
        .nets
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        ef,
        [
            "192.0.2.10/31",
            "192.0.2.12/30",
            "192.0.2.16/30",
            "192.0.2.20/32"
        ]
    );
    assert_eq!(c.origin.path, "value[0]");
    let o = eo.organization_config.as_ref().unwrap();
    assert_eq!(o.reject_direct_send, None);
    assert_eq!(o.identity.as_deref(), Some("example.onmicrosoft.com"));
    // The outcomes D.3 (c) asks for: not assessed, with the reasons.
    let report = crate::report_for(l.clone(), &crate::Options::default());
    for (code, why) in [
        (
            "GWY002",
            "ConnectorType unreadable (1): re-export with -EnumsAsStrings",
        ),
        ("GWY003", "RejectDirectSend is not in the export"),
    ] {
        let r = report.results.iter().find(|r| r.code == code).unwrap();
        assert_eq!(r.status, crate::report::Status::NotAssessed, "{code}");
        let reason = r.missing_sections[0].reason.as_deref().unwrap_or_default();
        assert!(reason.contains(why), "{code}: {reason}");
    }
}

#[test]
fn property_names_any_case_exact_case_wins_annotations_ignored() {
    let text = r#"[{"Name": "A", "Enabled": false, "enabled": true, "connectortype": "PARTNER",
        "SenderDomains": ["SMTP:*.Contoso.com;1", "*"], "senderdomains@odata.type": "x",
        "SenderIPAddresses": [{"LowerBound": "198.51.100.0", "UpperBound": "198.51.100.255"}, "bogus", "203.0.113.7"]}]"#;
    let l = load(&[("export.json", text.into())]);
    assert!(l.statuses[0].error.is_none(), "{:?}", l.statuses[0]);
    let c = &l
        .config
        .exchange_online
        .inbound_connectors
        .as_ref()
        .unwrap()[0];
    assert_eq!(c.enabled, Some(Known::Known(false)));
    assert_eq!(c.connector_type, Some(Known::Known(ConnectorType::Partner)));
    assert_eq!(c.sender_domains, ["*.contoso.com", "*"]);
    let ips: Vec<Vec<String>> = c
        .sender_ips
        .iter()
        .map(|i| i.nets.iter().map(|n| n.to_string()).collect())
        .collect();
    assert_eq!(
        ips,
        [
            vec!["198.51.100.0/24".to_string()],
            vec![],
            vec!["203.0.113.7/32".to_string()]
        ]
    );
    assert!(l.statuses[0]
        .notes
        .iter()
        .any(|n| n.contains("SenderIPAddresses[1]") && n.contains("bogus")));
}

#[test]
fn file_names_settle_empty_lists_and_content_settles_the_connector_collision() {
    // One connector written as a bare object (the pipeline form).
    let one = r#"{"Name": "M", "ConnectorType": "Partner", "SenderDomains": "smtp:*;1"}"#;
    let l = load(&[("connectors.json", one.into())]);
    assert_eq!(l.statuses[0].sections, [Section::ExchangeOnline]);
    assert_eq!(
        l.config
            .exchange_online
            .inbound_connectors
            .as_ref()
            .unwrap()
            .len(),
        1
    );
    // An empty list named after the inbound connectors: none, collected.
    let l = load(&[("inboundConnectors.json", "[]".into())]);
    assert_eq!(
        l.statuses[0].sections,
        [Section::ExchangeOnline],
        "{:?}",
        l.statuses[0]
    );
    assert_eq!(
        l.config.exchange_online.inbound_connectors.as_deref(),
        Some(&[][..])
    );
    // Mimecast's connectors keep their section, whatever the name says.
    let mimecast = r#"{"connectors": [{"id": "c1", "name": "Microsoft 365", "product": {"code": "m365"}, "provider": "microsoft", "status": "connected"}]}"#;
    let l = load(&[("inboundConnectors.json", mimecast.into())]);
    assert_eq!(l.statuses[0].sections, [Section::Connectors]);
    let l = load(&[("connectors.json", "[]".into())]);
    assert_eq!(l.statuses[0].sections, [Section::Connectors]);
    // A 0-byte export: an error naming the file, with the hint.
    let l = load(&[("inboundConnectors.json", String::new())]);
    let e = l.statuses[0].error.as_ref().unwrap();
    assert!(e.message.contains("inboundConnectors.json"), "{e}");
    assert!(
        e.message
            .contains("save `[]` when the tenant has no inbound connectors"),
        "{e}"
    );
}

#[test]
fn gateway_details_load_in_every_shape_and_round_trip() {
    for (name, v) in [
        (
            "response.json",
            json!({"outboundEnabled": true, "inboundMxRecords": [{"hostname": "MX.example.", "priority": 10}]}),
        ),
        (
            "gw.json",
            json!({"accountCode": "CEUA00B000", "region": "eu",
            "inboundMxRecords": {"hostname": "mx.example", "priority": 10},
            "outboundHostnames": ["eu-smtp-o365-outbound-1.mimecast.com"], "outboundEnabled": true}),
        ),
        (
            "gw.json",
            json!({"meta": {"status": 200}, "data": [{"inboundMxRecords": [{"hostname": "mx.example", "priority": "10"}], "protectionMode": "X"}], "fail": []}),
        ),
        (
            "gw.json",
            json!({"outboundHostnames": ["a"], "protectionMode": "X", "inboundMxRecords": [{"hostname": "mx.example", "priority": 10}]}),
        ),
    ] {
        let l = load(&[(name, v.to_string())]);
        let st = &l.statuses[0];
        assert_eq!(st.sections, [Section::GatewayDetails], "{v}: {st:?}");
        assert!(
            st.warnings.is_empty() && st.not_analysed.is_none(),
            "{v}: {st:?}"
        );
        let g = l.config.gateway_details.as_ref().unwrap();
        assert_eq!(g.inbound_mx[0].hostname, "mx.example", "{v}");
        assert_eq!(g.inbound_mx[0].priority, Some(10), "{v}");
    }
    let bundle = json!({"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "gatewayDetails": {"region": "us", "inboundMxRecords": [{"hostname": "us-smtp-inbound-1.mimecast.com", "priority": 10}]},
        "exchangeOnline": {"inboundConnectors": [{"Name": "M", "ConnectorType": "Partner", "SenderDomains": ["smtp:*;1"]}],
                           "organizationConfig": [{"Identity": "x.onmicrosoft.com", "RejectDirectSend": "True"}]},
        "dnsRecords": {"example.com": {"mx": "10 us-smtp-inbound-1.mimecast.com."}}});
    let l = load(&[("b.json", bundle.to_string())]);
    assert!(l.statuses[0].warnings.is_empty(), "{:?}", l.statuses[0]);
    let saved = crate::bundle::to_bundle(&l.config, chrono::DateTime::UNIX_EPOCH, "test");
    assert_eq!(saved["gatewayDetails"], bundle["gatewayDetails"]);
    assert_eq!(
        saved["exchangeOnline"]["inboundConnectors"],
        bundle["exchangeOnline"]["inboundConnectors"]
    );
    assert_eq!(
        saved["exchangeOnline"]["organizationConfig"],
        bundle["exchangeOnline"]["organizationConfig"][0]
    );
    let again = load(&[("again.json", saved.to_string())]);
    assert_eq!(
        again.config.gateway_details.as_ref().map(|g| &g.inbound_mx),
        l.config.gateway_details.as_ref().map(|g| &g.inbound_mx)
    );
    assert_eq!(
        again
            .config
            .exchange_online
            .inbound_connectors
            .as_ref()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(again.config.dns_records[0].mx, l.config.dns_records[0].mx);
    // The same bundle twice: everything read once.
    let twice = load(&[
        ("b.json", bundle.to_string()),
        ("c.json", bundle.to_string()),
    ]);
    assert_eq!(
        twice
            .config
            .exchange_online
            .inbound_connectors
            .as_ref()
            .map(Vec::len),
        Some(1)
    );
    assert!(
        twice.statuses[1].warnings.is_empty(),
        "{:?}",
        twice.statuses[1]
    );
}

#[test]
fn unreadable_mx_entries_and_values_are_warned_about_with_their_path() {
    let bundle = json!({"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "dnsRecords": {"example.com": {"mx": ["10 a.example.", "nonsense"]}, "example.net": {"mx": 5}}});
    let l = load(&[("b.json", bundle.to_string())]);
    let w = &l.statuses[0].warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("dnsRecords.example.com.mx") && w.contains("\"nonsense\"")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("dnsRecords.example.net.mx") && w.contains("found a number")),
        "{w:?}"
    );
}
