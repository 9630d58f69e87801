//! A redacted report names none of the tenant's mail-routing data: MX
//! hosts, Exchange Online connector names, IPs, certificate names and the
//! tenant domain.

use crate::{analyze, InputFile, Options};

#[test]
fn mail_routing_evidence_is_redacted() {
    let bundle = r#"{"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
      "internalDomains": [{"domain": "fabrikam-corp.example", "sendOnly": false}],
      "dnsRecords": {"fabrikam-corp.example": {"mx": "10 eu-smtp-inbound-1.mimecast.com.\n20 fabrikamcorp-example.mail.protection.outlook.com.\n30 backup.fabrikam-mx.example."}},
      "gatewayDetails": {"accountCode": "CEUFAB1234", "region": "eu", "inboundMxRecords": [{"hostname": "eu-smtp-inbound-1.mimecast.com", "priority": 10}]},
      "exchangeOnline": {
        "inboundConnectors": [{"Name": "Fabrikam payroll relay", "Enabled": true, "ConnectorType": "Partner",
          "SenderDomains": ["smtp:payroll.fabrikam-vendor.example;1"], "SenderIPAddresses": ["203.0.113.77"],
          "RestrictDomainsToIPAddresses": true, "RequireTls": true, "RestrictDomainsToCertificate": true,
          "TlsSenderCertificateName": "mail.fabrikam-vendor.example"}],
        "organizationConfig": {"Identity": "fabrikamcorp.onmicrosoft.com", "Name": "fabrikamcorp.onmicrosoft.com", "RejectDirectSend": false}}}"#;
    let report = analyze(
        &[InputFile::new("fabrikam.json", bundle.as_bytes().to_vec())],
        &Options::default(),
    );
    let plain = report.to_json();
    for code in ["GWY001", "GWY002", "GWY003"] {
        let r = report.results.iter().find(|r| r.code == code).unwrap();
        assert_eq!(r.status, crate::report::Status::Fail, "{code}");
    }
    let redacted = super::redact(&report).to_json();
    for secret in ["fabrikam", "Fabrikam payroll relay", "203.0.113.77"] {
        assert!(plain.contains(secret), "{secret} not in the plain report");
        assert!(
            !redacted
                .to_ascii_lowercase()
                .contains(&secret.to_ascii_lowercase()),
            "{secret} leaks into the redacted report"
        );
    }
}
