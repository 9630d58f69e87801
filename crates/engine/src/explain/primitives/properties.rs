//! Property tests of the primitives: no panic on any input, and the
//! algebra of the distance and the glob.

use proptest::prelude::*;

use super::test_config::config;
use super::*;

/// Text from a small alphabet, so that random strings share characters.
fn small() -> impl Strategy<Value = String> {
    "[abc.]{0,7}"
}

/// Plain Levenshtein distance.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_helpers_never_panic(a in any::<String>(), b in any::<String>()) {
        let _ = parse_address(&a);
        let _ = parse_ip(&a);
        let _ = normalise_host(&a);
        let _ = normalise_scope_domain(&a);
        let _ = normalise_display_name(&a);
        let _ = same_name_words(&a, &b);
        let _ = glob_match(&a, &b);
        let _ = organisational_domain(&a);
        let _ = aligned(&a, &b);
        let _ = lookalike_of(&a);
        let _ = damerau_levenshtein(&a, &b);
        let local = vip_local_part(&a);
        prop_assert!(local.ends_with("office"));
        prop_assert!(local.split('.').all(|w| !w.is_empty()
            && w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())));
    }

    #[test]
    fn address_like_text_never_panics_and_round_trips(
        local in "[A-Za-z0-9._+@\" -]{0,8}",
        domain in "[A-Za-z0-9.é -]{0,10}",
        wrap in any::<bool>(),
    ) {
        let text = if wrap { format!("<{local}@{domain}>") } else { format!("{local}@{domain}") };
        if let Ok(Some(a)) = parse_address(&text) {
            prop_assert_eq!(parse_address(&a.text()), Ok(Some(a.clone())));
            prop_assert_eq!(normalise_domain(&a.domain), a.domain.clone());
        }
    }

    #[test]
    fn records_never_make_evaluation_panic(
        spf in "(v=spf1)?( [-+~?]?(all|ip4:[0-9./]{1,18}|ip6:[0-9a-f:/]{1,12}|include:[a-z.%{}]{1,12}|redirect=[a-z.]{1,10}|a|mx|ptr|exists:[a-z.]{1,6}|[a-z:=.]{1,8})){0,8}",
        dmarc in "(v=DMARC1)?(; ?(p|sp|pct|rua)=[a-z0-9:@.]{0,10}){0,4}",
        domain in "[a-z.]{0,12}",
        octets in any::<[u8; 4]>(),
        v6 in any::<u128>(),
    ) {
        let cfg = config(
            &["example.com"],
            &[
                ("example.com", Some(spf.as_str()), Some(dmarc.as_str())),
                ("a.example", Some("v=spf1 include:example.com redirect=a.example"), None),
            ],
        );
        for ip in [
            std::net::IpAddr::from(octets),
            std::net::IpAddr::from(std::net::Ipv6Addr::from(v6)),
        ] {
            for d in ["example.com", "a.example", domain.as_str()] {
                let e = spf_eval(&cfg, d, ip);
                let auth = spf_auth(&cfg, d, ip);
                if e.dns_terms >= BYPASS_TERM_LIMIT {
                    prop_assert_eq!(auth, SpfAuth::TooManyTerms(e.dns_terms));
                } else if e.result == SpfResult::Pass {
                    prop_assert_eq!(auth, SpfAuth::Pass);
                }
                let _ = dmarc_policy_for(&cfg, d);
            }
        }
        let _ = similar_internal_domain(&cfg, &domain);
    }

    #[test]
    fn the_distance_is_a_metric_bounded_by_levenshtein(a in small(), b in small(), c in small()) {
        let ab = damerau_levenshtein(&a, &b);
        prop_assert_eq!(ab, damerau_levenshtein(&b, &a));
        prop_assert_eq!(ab == 0, a == b);
        prop_assert!(ab <= levenshtein(&a, &b));
        prop_assert!(ab >= a.chars().count().abs_diff(b.chars().count()));
        // The triangle inequality holds for the true distance (the
        // optimal-string-alignment variant breaks it).
        prop_assert!(damerau_levenshtein(&a, &c) <= ab + damerau_levenshtein(&b, &c));
    }

    #[test]
    fn a_glob_without_stars_is_equality_ignoring_case(a in "[aAbB.]{0,6}", b in "[aAbB.]{0,6}") {
        prop_assert_eq!(glob_match(&a, &b), a.to_lowercase() == b.to_lowercase());
        let suffix = format!("*{a}");
        prop_assert_eq!(glob_match(&suffix, &b), b.to_lowercase().ends_with(&a.to_lowercase()));
        let prefix = format!("{a}*");
        prop_assert_eq!(glob_match(&prefix, &b), b.to_lowercase().starts_with(&a.to_lowercase()));
    }

    #[test]
    fn lookalikes_of_ordinary_domains_are_one_or_two_edits_away(
        label in "[a-z0-9-]{1,12}",
        tld in "(com|org|co\\.uk|example)",
    ) {
        let d = format!("{label}.{tld}");
        let l = lookalike_of(&d);
        let dist = damerau_levenshtein(&l, &d);
        prop_assert!((1..=2).contains(&dist), "{} -> {}: {}", d, l, dist);
        let tail = format!(".{tld}");
        prop_assert!(l.ends_with(&tail));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn provider_domains_pass_exactly_their_ranges(
        octets in any::<[u8; 4]>(),
        v6 in any::<u128>(),
        pick in 0usize..4,
    ) {
        let cfg = config(&[], &[]);
        let domain = ["spf.protection.outlook.com", "contoso.onmicrosoft.com", "_spf.google.com", "gmail.com"][pick];
        let Some(provider) = crate::providers::provider_of_spf_domain(domain) else {
            return Err(TestCaseError::fail("a provider domain"));
        };
        for ip in [
            std::net::IpAddr::from(octets),
            std::net::IpAddr::from(std::net::Ipv6Addr::from(v6)),
        ] {
            let want = if provider.sends_from(ip) {
                SpfResult::Pass
            } else {
                SpfResult::from_qualifier(provider.all_result)
            };
            prop_assert_eq!(spf_eval(&cfg, domain, ip).result, want);
        }
    }

    #[test]
    fn a_dmarc_record_found_is_the_domain_s_or_a_parent_s(
        labels in prop::collection::vec("[ab]{1,2}", 1..5),
        listed in prop::collection::vec(("[ab]{1,2}(\\.[ab]{1,2}){0,3}", any::<bool>()), 0..6),
    ) {
        let h = labels.join(".");
        let dns: Vec<(&str, Option<&str>, Option<&str>)> = listed
            .iter()
            .map(|(d, with)| (d.as_str(), None, with.then_some("v=DMARC1; p=reject")))
            .collect();
        let cfg = config(&[], &dns);
        match dmarc_policy_for(&cfg, &h) {
            DmarcLookup::Record { domain, inherited, .. } => {
                prop_assert_eq!(inherited, domain != h);
                let dotted = format!(".{domain}");
                prop_assert!(domain == h || h.ends_with(&dotted));
                prop_assert!(domain.contains('.') || domain == h);
            }
            DmarcLookup::NoRecord => prop_assert!(listed.iter().any(|(d, _)| *d == h)),
            DmarcLookup::Unknown => prop_assert!(!listed.iter().any(|(d, _)| *d == h)),
        }
    }

    #[test]
    fn alignment_is_reflexive_and_symmetric(a in "[a-z]{1,3}(\\.[a-z]{1,3}){0,3}", b in "[a-z]{1,3}(\\.[a-z]{1,3}){0,3}") {
        prop_assert!(aligned(&a, &a));
        prop_assert_eq!(aligned(&a, &b), aligned(&b, &a));
        prop_assert!(aligned(&a, &organisational_domain(&a)));
    }
}
