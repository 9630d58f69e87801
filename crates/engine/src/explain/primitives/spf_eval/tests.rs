//! Tests of the offline SPF evaluation and the bypass's `spfAuth`.

use super::super::test_config::config;
use super::*;

const M365: &str = "Microsoft 365 / Exchange Online";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn spf(cfg: &Config, domain: &str, addr: &str) -> SpfResult {
    spf_eval(cfg, domain, ip(addr)).result
}

/// A configuration where `example.com` publishes `record`, and the
/// other domains their own records.
fn with(record: &str, others: &[(&str, Option<&str>, Option<&str>)]) -> Config {
    let mut dns = vec![("example.com", Some(record), None)];
    dns.extend_from_slice(others);
    config(&["example.com"], &dns)
}

#[test]
fn provider_domains_pass_their_ranges_and_otherwise_give_the_published_ending() {
    let cfg = config(&[], &[]);
    let m = spf_eval(&cfg, "spf.protection.outlook.com", ip("40.107.22.35"));
    assert_eq!(m.result, SpfResult::Pass);
    assert_eq!(m.via, format!("provider data: {M365}"));
    assert_eq!(m.dns_terms, 0);
    assert_eq!(
        spf(&cfg, "spf.protection.outlook.com", "203.0.113.9"),
        SpfResult::Fail
    );
    assert_eq!(
        spf(&cfg, "_spf.google.com", "209.85.220.41"),
        SpfResult::Pass
    );
    assert_eq!(
        spf(&cfg, "_spf.google.com", "203.0.113.9"),
        SpfResult::SoftFail
    );
    assert_eq!(spf(&cfg, "gmail.com", "40.107.22.35"), SpfResult::SoftFail);
    // Free-mail domains (SC7): Outlook.com is Microsoft's, Hotmail is
    // not in the provider data.
    assert_eq!(spf(&cfg, "outlook.com", "203.0.113.9"), SpfResult::Fail);
    assert_eq!(spf(&cfg, "outlook.com", "40.92.10.5"), SpfResult::Pass);
    assert_eq!(spf(&cfg, "hotmail.com", "40.92.10.5"), SpfResult::Unknown);
    // A look-alike of a provider domain is not the provider.
    assert_eq!(
        spf(&cfg, "myoutlook.com", "40.107.22.35"),
        SpfResult::Unknown
    );
    // Below a provider domain, any case, IPv6 and IPv4-mapped IPv6.
    assert_eq!(
        spf(&cfg, "Contoso.OnMicrosoft.com.", "40.107.22.35"),
        SpfResult::Pass
    );
    assert_eq!(
        spf(
            &cfg,
            "spf.protection.outlook.com",
            "2a01:111:f403:2c0d::705"
        ),
        SpfResult::Pass
    );
    assert_eq!(
        spf(&cfg, "spf.protection.outlook.com", "::ffff:40.107.22.35"),
        SpfResult::Pass
    );
    // A historic range still passes.
    assert_eq!(
        spf(&cfg, "spf.protection.outlook.com", "51.4.72.10"),
        SpfResult::Pass
    );
}

#[test]
fn provider_data_wins_over_a_record_in_the_bundle() {
    let cfg = config(&[], &[("gmail.com", Some("v=spf1 +all"), None)]);
    assert_eq!(spf(&cfg, "gmail.com", "203.0.113.9"), SpfResult::SoftFail);
}

#[test]
fn domains_outside_the_bundle_are_unknown_and_listed_without_spf_none() {
    let cfg = config(
        &[],
        &[
            ("partner.example", None, Some("v=DMARC1; p=none")),
            ("site.example", Some("google-site-verification=abc"), None),
        ],
    );
    let e = spf_eval(&cfg, "hotmail.com", ip("203.0.113.9"));
    assert_eq!(e.result, SpfResult::Unknown);
    assert_eq!(e.via, "not in the bundle");
    let n = spf_eval(&cfg, "partner.example", ip("203.0.113.9"));
    assert_eq!(n.result, SpfResult::None);
    assert_eq!(n.via, "dnsRecords");
    assert_eq!(spf(&cfg, "site.example", "203.0.113.9"), SpfResult::None);
}

#[test]
fn an_include_of_microsoft_365_passes_its_ranges_and_fails_the_rest() {
    let cfg = with("v=spf1 include:spf.protection.outlook.com -all", &[]);
    let e = spf_eval(&cfg, "Example.COM.", ip("40.107.22.35"));
    assert_eq!(e.result, SpfResult::Pass);
    assert_eq!(e.via, "dnsRecords");
    assert_eq!(e.dns_terms, 1);
    assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), SpfResult::Fail);
}

#[test]
fn an_include_passes_with_its_own_qualifier() {
    let cfg = with("v=spf1 ~include:spf.protection.outlook.com +all", &[]);
    assert_eq!(
        spf(&cfg, "example.com", "40.107.22.35"),
        SpfResult::SoftFail
    );
    assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), SpfResult::Pass);
}

#[test]
fn ip_terms_test_their_own_family_only() {
    let cfg = with("v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 ~all", &[]);
    assert_eq!(spf(&cfg, "example.com", "198.51.100.7"), SpfResult::Pass);
    assert_eq!(
        spf(&cfg, "example.com", "::ffff:198.51.100.7"),
        SpfResult::Pass
    );
    assert_eq!(spf(&cfg, "example.com", "2001:db8::1"), SpfResult::Pass);
    assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), SpfResult::SoftFail);
    assert_eq!(spf(&cfg, "example.com", "2001:db9::1"), SpfResult::SoftFail);
    let v4_only = with("v=spf1 ip4:0.0.0.0/0 -all", &[]);
    assert_eq!(spf(&v4_only, "example.com", "2001:db8::1"), SpfResult::Fail);
    let q = with("v=spf1 -ip4:198.51.100.25 ?ip4:198.51.100.0/24 +all", &[]);
    assert_eq!(spf(&q, "example.com", "198.51.100.25"), SpfResult::Fail);
    assert_eq!(spf(&q, "example.com", "198.51.100.26"), SpfResult::Neutral);
    assert_eq!(spf(&q, "example.com", "203.0.113.9"), SpfResult::Pass);
}

#[test]
fn terms_that_need_dns_are_unknown_unless_an_earlier_term_matched() {
    let cfg = with("v=spf1 ip4:198.51.100.25 a mx -all", &[]);
    assert_eq!(spf(&cfg, "example.com", "198.51.100.25"), SpfResult::Pass);
    assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), SpfResult::Unknown);
    for term in [
        "mx:mail.example.com",
        "ptr",
        "exists:%{i}.x.example",
        "a/24",
    ] {
        let c = with(&format!("v=spf1 {term} -all"), &[]);
        assert_eq!(
            spf(&c, "example.com", "203.0.113.9"),
            SpfResult::Unknown,
            "{term}"
        );
    }
    let macro_include = with("v=spf1 include:%{d}.spf.example -all", &[]);
    assert_eq!(
        spf(&macro_include, "example.com", "203.0.113.9"),
        SpfResult::Unknown
    );
}

#[test]
fn includes_recurse_through_the_bundle() {
    let others = [
        (
            "_spf.example.com",
            Some("v=spf1 ip4:198.51.100.0/24 -all"),
            None,
        ),
        ("listed.example", None, None),
    ];
    let cfg = with(
        "v=spf1 include:_spf.example.com include:unknown.example -all",
        &others,
    );
    // Matched inside the include: pass before the unknown include.
    assert_eq!(spf(&cfg, "example.com", "198.51.100.9"), SpfResult::Pass);
    // The include's -all is not a match: the next include is unknown.
    assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), SpfResult::Unknown);
    let no_record = with("v=spf1 include:listed.example -all", &others);
    assert_eq!(
        spf(&no_record, "example.com", "203.0.113.9"),
        SpfResult::PermError
    );
}

#[test]
fn all_qualifiers_and_the_implicit_ending() {
    for (record, want) in [
        ("v=spf1 +all", SpfResult::Pass),
        ("v=spf1 all", SpfResult::Pass),
        ("v=spf1 -all", SpfResult::Fail),
        ("v=spf1 ~all", SpfResult::SoftFail),
        ("v=spf1 ?all", SpfResult::Neutral),
        ("v=spf1 ip4:198.51.100.0/24", SpfResult::Neutral),
        ("v=spf1", SpfResult::Neutral),
    ] {
        let cfg = with(record, &[]);
        assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), want, "{record}");
    }
}

#[test]
fn redirect_is_followed_only_when_nothing_matched() {
    let others = [
        (
            "_spf.example.net",
            Some("v=spf1 ip4:198.51.100.0/24 -all"),
            None,
        ),
        ("bare.example", None, None),
    ];
    let cfg = with("v=spf1 ip4:192.0.2.1 redirect=_spf.example.net", &others);
    assert_eq!(spf(&cfg, "example.com", "192.0.2.1"), SpfResult::Pass);
    assert_eq!(spf(&cfg, "example.com", "198.51.100.3"), SpfResult::Pass);
    assert_eq!(spf(&cfg, "example.com", "203.0.113.9"), SpfResult::Fail);
    assert_eq!(spf_eval(&cfg, "example.com", ip("192.0.2.1")).dns_terms, 1);
    let ignored = with("v=spf1 ?all redirect=_spf.example.net", &others);
    assert_eq!(
        spf(&ignored, "example.com", "198.51.100.3"),
        SpfResult::Neutral
    );
    let to_provider = with("v=spf1 redirect=_spf.google.com", &others);
    assert_eq!(
        spf(&to_provider, "example.com", "203.0.113.9"),
        SpfResult::SoftFail
    );
    let to_nothing = with("v=spf1 redirect=bare.example", &others);
    assert_eq!(
        spf(&to_nothing, "example.com", "203.0.113.9"),
        SpfResult::PermError
    );
    let to_unknown = with("v=spf1 redirect=elsewhere.example", &others);
    assert_eq!(
        spf(&to_unknown, "example.com", "203.0.113.9"),
        SpfResult::Unknown
    );
}

#[test]
fn broken_records_are_permanent_errors() {
    let malformed = with("v=spf1 ip4:999.1.1.1 -all", &[]);
    assert_eq!(
        spf(&malformed, "example.com", "203.0.113.9"),
        SpfResult::PermError
    );
    let two = with("v=spf1 -all\nv=spf1 +all", &[]);
    assert_eq!(
        spf(&two, "example.com", "203.0.113.9"),
        SpfResult::PermError
    );
}

#[test]
fn loops_and_deep_chains_end_in_a_permanent_error() {
    let looped = with(
        "v=spf1 include:a.example -all",
        &[
            ("a.example", Some("v=spf1 include:b.example -all"), None),
            ("b.example", Some("v=spf1 include:a.example -all"), None),
        ],
    );
    assert_eq!(
        spf(&looped, "example.com", "203.0.113.9"),
        SpfResult::PermError
    );
    let own = with("v=spf1 redirect=example.com", &[]);
    assert_eq!(
        spf(&own, "example.com", "203.0.113.9"),
        SpfResult::PermError
    );
    // A chain of 12 includes, the last one passing everything.
    let names: Vec<String> = (0..12).map(|i| format!("d{i}.example")).collect();
    let records: Vec<String> = (0..12)
        .map(|i| match names.get(i + 1) {
            Some(next) => format!("v=spf1 include:{next} -all"),
            None => "v=spf1 +all".to_string(),
        })
        .collect();
    let dns: Vec<(&str, Option<&str>, Option<&str>)> = names
        .iter()
        .zip(&records)
        .map(|(n, r)| (n.as_str(), Some(r.as_str()), None))
        .collect();
    let cfg = config(&[], &dns);
    let e = spf_eval(&cfg, "d0.example", ip("203.0.113.9"));
    assert_eq!(e.result, SpfResult::PermError);
    assert_eq!(e.dns_terms, 11);
    // Walked without the term count first, the depth limit stops it.
    let walker = Walker {
        cfg: &cfg,
        ip: ip("203.0.113.9"),
    };
    assert_eq!(
        walker.check("d0.example", 0, &mut Vec::new()),
        SpfResult::PermError
    );
    assert_eq!(
        walker.check("d2.example", 0, &mut Vec::new()),
        SpfResult::Pass
    );
    // The last three links alone are fine.
    assert_eq!(spf(&cfg, "d9.example", "203.0.113.9"), SpfResult::Pass);
}

/// `example.com` with `n` DNS-querying terms: includes of Google.
fn with_terms(n: usize) -> Config {
    let record = format!("v=spf1{} -all", " include:_spf.google.com".repeat(n));
    with(&record, &[])
}

#[test]
fn dns_terms_count_nested_records_in_the_bundle() {
    let cfg = with(
        "v=spf1 include:_spf.example.com mx redirect=_r.example.com",
        &[
            (
                "_spf.example.com",
                Some("v=spf1 a mx include:x.example -all"),
                None,
            ),
            ("_r.example.com", Some("v=spf1 exists:x.example -all"), None),
        ],
    );
    assert_eq!(
        spf_eval(&cfg, "example.com", ip("203.0.113.9")).dns_terms,
        3 + 3 + 1
    );
}

#[test]
fn a_fan_of_includes_is_counted_quickly_and_is_too_many() {
    // Each level includes the next one 30 times: 30^6 paths if counted
    // naively.
    let names: Vec<String> = (0..6).map(|i| format!("f{i}.example")).collect();
    let records: Vec<String> = (0..6)
        .map(|i| match names.get(i + 1) {
            Some(next) => format!("v=spf1{} -all", format!(" include:{next}").repeat(30)),
            None => "v=spf1 -all".to_string(),
        })
        .collect();
    let dns: Vec<(&str, Option<&str>, Option<&str>)> = names
        .iter()
        .zip(&records)
        .map(|(n, r)| (n.as_str(), Some(r.as_str()), None))
        .collect();
    let cfg = config(&[], &dns);
    let e = spf_eval(&cfg, "f0.example", ip("203.0.113.9"));
    assert_eq!(e.result, SpfResult::PermError);
    assert!(e.dns_terms > 30, "{}", e.dns_terms);
    assert_eq!(
        spf_auth(&cfg, "f0.example", ip("203.0.113.9")),
        SpfAuth::TooManyTerms(e.dns_terms)
    );
}

#[test]
fn more_than_ten_terms_is_a_permanent_error() {
    let ten = spf_eval(&with_terms(10), "example.com", ip("209.85.220.41"));
    assert_eq!((ten.result, ten.dns_terms), (SpfResult::Pass, 10));
    let eleven = spf_eval(&with_terms(11), "example.com", ip("209.85.220.41"));
    assert_eq!(
        (eleven.result, eleven.dns_terms),
        (SpfResult::PermError, 11)
    );
}

#[test]
fn the_bypass_needs_a_pass_and_fewer_than_ten_terms() {
    let cfg = with(
        "v=spf1 include:spf.protection.outlook.com -all",
        &[("bare.example", None, None)],
    );
    assert_eq!(
        spf_auth(&cfg, "spf.protection.outlook.com", ip("40.107.22.35")),
        SpfAuth::Pass
    );
    assert_eq!(
        spf_auth(&cfg, "spf.protection.outlook.com", ip("203.0.113.9")),
        SpfAuth::NotAuthorized(SpfResult::Fail)
    );
    assert_eq!(
        spf_auth(&cfg, "_spf.google.com", ip("203.0.113.9")),
        SpfAuth::NotAuthorized(SpfResult::SoftFail)
    );
    assert_eq!(
        spf_auth(&cfg, "example.com", ip("40.107.22.35")),
        SpfAuth::Pass
    );
    assert_eq!(
        spf_auth(&cfg, "bare.example", ip("40.107.22.35")),
        SpfAuth::NotAuthorized(SpfResult::None)
    );
    assert_eq!(
        spf_auth(&cfg, "mail.crm-vendor.example", ip("203.0.113.9")),
        SpfAuth::Unknown
    );
    let google = ip("209.85.220.41");
    assert_eq!(
        spf_auth(&with_terms(9), "example.com", google),
        SpfAuth::Pass
    );
    assert_eq!(
        spf_auth(&with_terms(10), "example.com", google),
        SpfAuth::TooManyTerms(10)
    );
    assert_eq!(
        spf_auth(&with_terms(12), "example.com", ip("203.0.113.9")),
        SpfAuth::TooManyTerms(12)
    );
}

#[test]
fn results_read_and_write_their_names() {
    for r in SpfResult::ALL {
        assert_eq!(SpfResult::parse(r.as_str()), Some(r));
        assert_eq!(r.to_string(), r.as_str());
    }
    assert_eq!(SpfResult::parse(" SoftFail "), Some(SpfResult::SoftFail));
    assert_eq!(SpfResult::parse("derive"), None);
    assert_eq!(SpfResult::parse(""), None);
}
