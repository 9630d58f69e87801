use super::*;
use crate::engine::model::{parse_date, FromPart, Origin, PolicyOption, Validity};

fn policy(from: Target) -> Policy {
    Policy {
        id: Some("p".into()),
        description: "d".into(),
        comment: String::new(),
        option: PolicyOption::Apply,
        definition_id: None,
        from_part: FromPart::Both,
        from,
        to: Target::InternalAddresses,
        enabled: true,
        enforced: false,
        override_: false,
        bidirectional: false,
        validity: Validity::default(),
        source_ips: vec![],
        hostnames: vec![],
        spf_domains: vec![],
        origin: Origin::default(),
    }
}

fn at(s: &str) -> DateTime<Utc> {
    parse_date(s).unwrap()
}

#[test]
fn activity_reports_why_a_policy_is_inactive() {
    let mut p = policy(Target::Everyone);
    assert_eq!(activity(&p, at("2026-01-01")), Ok(()));
    p.enabled = false;
    assert_eq!(activity(&p, at("2026-01-01")), Err(Inactive::Disabled));
    p.enabled = true;
    p.validity = Validity { from: Some(at("2026-02-01")), to: Some(at("2026-03-01")) };
    assert_eq!(activity(&p, at("2026-01-01")).unwrap_err().describe(), "starts on 2026-02-01");
    assert_eq!(activity(&p, at("2026-04-01")).unwrap_err().describe(), "expired on 2026-03-01");
    assert!(is_effective(&p, at("2026-02-15")));
}

#[test]
fn domain_coverage_by_scope_type() {
    let cfg = Config::default();
    let cov = |t: Target, d: &str| covers_internal_domain(&t, d, &cfg);
    assert_eq!(cov(Target::Everyone, "example.com"), Coverage::Yes);
    assert_eq!(cov(Target::InternalAddresses, "example.com"), Coverage::Yes);
    assert_eq!(cov(Target::EmailDomain("example.com".into()), "example.com"), Coverage::Yes);
    assert_eq!(cov(Target::EmailDomain("example.com".into()), "mail.example.com"), Coverage::Yes, "parent domain covers subdomain");
    assert_eq!(cov(Target::EmailDomain("mail.example.com".into()), "example.com"), Coverage::No, "subdomain does not cover parent");
    assert_eq!(cov(Target::EmailDomain("myexample.com".into()), "example.com"), Coverage::No);
    assert_eq!(cov(Target::ExternalAddresses, "example.com"), Coverage::No);
    assert_eq!(cov(Target::IndividualEmailAddress("ceo@example.com".into()), "example.com"), Coverage::No);
    assert!(matches!(cov(Target::ProfileGroup { id: "g".into(), name: None }, "example.com"), Coverage::Unknown(_)));
}

#[test]
fn bidirectional_policies_also_cover_through_their_to_scope() {
    let mut p = policy(Target::InternalAddresses);
    p.from = Target::ExternalAddresses;
    p.to = Target::EmailDomain("example.com".into());
    let cfg = Config::default();
    assert_eq!(policy_covers_internal_domain(&p, "example.com", &cfg), Coverage::No);
    p.bidirectional = true;
    assert_eq!(policy_covers_internal_domain(&p, "example.com", &cfg), Coverage::Yes);
}
