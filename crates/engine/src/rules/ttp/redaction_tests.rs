//! A redacted report names none of the tenant's URL Protect, Attachment
//! Protect or managed-URL strings.

use crate::export::redact::redact;
use crate::{analyze, Options};

#[test]
fn a_redacted_report_hides_managed_urls_and_definition_names() {
    let body = r#""managedUrls":[{"id":"mu-secret-id-77","url":"https://dropbox.com","matchType":"domain","action":"permit",
        "comment":"Wingtip merger data room"},
        {"id":"mu-2","url":"https://files.wingtip-secret.example","matchType":"domain","action":"permit","comment":"own"}],
      "urlProtectDefinitions":[{"id":"upd-wingtip","description":"Wingtip Board URL Rules","inboundCheck":false}],
      "urlProtectPolicies":[{"id":"upp-1","description":"Wingtip board inbound","definitionId":"upd-wingtip",
        "from":{"type":"everyone"},"to":{"type":"internal_addresses"}}],
      "dangerousFileTypes":{"removed":["iso"]},
      "attachmentManagementDefinitions":[{"id":"amd-wingtip","description":"Wingtip Allow Set","defaultAction":"allow_specified"}],
      "attachmentManagementPolicies":[{"id":"amp-1","description":"Wingtip attachments","definitionId":"amd-wingtip",
        "from":{"type":"everyone"},"to":{"type":"everyone"}}],
      "internalDomains":[{"domain":"wingtip-secret.example"}]"#;
    let files = crate::rules::testing::bundle(body);
    let report = analyze(&files, &Options::default());
    let plain = serde_json::to_string(&report).unwrap();
    for quoted in [
        "upd-wingtip",
        "merger data room",
        "mu-secret-id-77",
        "amd-wingtip",
    ] {
        assert!(plain.contains(quoted), "the rules quote {quoted}");
    }
    let redacted = serde_json::to_string(&redact(&report)).unwrap();
    for secret in [
        "wingtip",
        "Wingtip",
        "mu-secret-id-77",
        "merger data room",
        "Board URL Rules",
    ] {
        assert!(!redacted.contains(secret), "{secret} leaked: {redacted}");
    }
}
