//! Tests about the rules themselves.

use std::collections::BTreeSet;

use super::*;

#[test]
fn codes_are_unique_well_formed_and_sorted() {
    let codes: Vec<&str> = all().iter().map(|r| r.meta().code).collect();
    assert_eq!(
        codes.iter().collect::<BTreeSet<_>>().len(),
        codes.len(),
        "duplicate code"
    );
    for c in codes {
        let (area, num) = c.split_at(3);
        assert!(
            area.chars().all(|ch| ch.is_ascii_uppercase())
                && num.len() == 3
                && num.chars().all(|ch| ch.is_ascii_digit()),
            "{c}"
        );
    }
}

#[test]
fn every_area_lists_only_its_own_codes() {
    let areas: [(&str, &[&dyn Rule]); 7] = [
        ("ASP", asp::RULES),
        ("IMP", imp::RULES),
        ("TRM SRC CON", rem::RULES),
        ("PSN", psn::RULES),
        ("DNS", dns::RULES),
        ("SPM", spm::RULES),
        ("POL", pol::RULES),
    ];
    for (prefixes, rules) in areas {
        for r in rules {
            assert!(
                prefixes.split(' ').any(|p| r.meta().code.starts_with(p)),
                "{} listed under {prefixes}",
                r.meta().code
            );
        }
    }
}

#[test]
fn names_are_kebab_case_and_unique() {
    let mut seen = BTreeSet::new();
    for r in all() {
        let n = r.meta().name;
        assert!(
            !n.is_empty()
                && n.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "{n}"
        );
        assert!(seen.insert(n), "duplicate name {n}");
    }
}

#[test]
fn every_rule_is_documented_under_the_fixed_headings() {
    for r in all() {
        let m = r.meta();
        let doc = m.doc();
        assert!(!doc.summary.is_empty(), "{}: no summary", m.code);
        for heading in ["Why it matters", "What triggers it", "How to fix it"] {
            let body = doc.section(heading).unwrap_or_default();
            assert!(
                body.len() > 40,
                "{}: section {heading:?} missing or too short",
                m.code
            );
        }
        assert!(
            doc.section("How to fix it").unwrap().contains("Console:") || m.console.is_empty(),
            "{}: fix must name the console path",
            m.code
        );
        assert!(!m.reads.is_empty(), "{}: reads no section", m.code);
    }
}

#[test]
fn every_rule_declares_its_version_and_the_console_path_its_doc_gives() {
    for r in all() {
        let m = r.meta();
        assert!(m.version >= 1, "{}: version starts at 1", m.code);
        let fix = m
            .doc()
            .section("How to fix it")
            .unwrap_or_default()
            .to_string();
        let flat = fix.split_whitespace().collect::<Vec<_>>().join(" ");
        if m.console.is_empty() {
            assert!(
                !flat.contains("Console: **"),
                "{}: the doc names a console path; declare it",
                m.code
            );
        } else {
            assert!(
                flat.contains(&format!("Console: **{}**", m.console)),
                "{}: declared console path {:?} is not the one in its doc",
                m.code,
                m.console
            );
        }
    }
}

#[test]
fn finding_keys_carry_the_rule_version_from_version_two_on() {
    let object = Subject::domain("example.com");
    let v1 = RuleMeta {
        version: 1,
        ..asp::InternalDomainUnprotected::META
    };
    let v2 = RuleMeta {
        version: 2,
        ..asp::InternalDomainUnprotected::META
    };
    assert_eq!(finding_key(&v1, &object), "ASP003:example.com");
    assert_eq!(finding_key(&v2, &object), "ASP003@2:example.com");
    assert_eq!(
        parse_key("ASP003:example.com"),
        Some(("ASP003", 1, "example.com"))
    );
    assert_eq!(parse_key("ASP003@2:a:b"), Some(("ASP003", 2, "a:b")));
    assert_eq!(parse_key("no-colon"), None);
}

#[test]
fn every_rule_has_fail_and_pass_fixtures() {
    for r in all() {
        let dir = testing::fixture_dir(r.meta().code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{}: no fixture folder {}", r.meta().code, dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fail_")),
            "{}: no fail_ fixture",
            r.meta().code
        );
        assert!(
            names.iter().any(|n| n.starts_with("pass_")),
            "{}: no pass_ fixture",
            r.meta().code
        );
    }
}

#[test]
fn missing_sections_make_a_rule_not_assessed() {
    let cfg = Config::default();
    for result in run_all(&cfg, chrono::DateTime::UNIX_EPOCH) {
        match result.outcome {
            Outcome::NotAssessed(missing) => {
                assert_eq!(missing, result.meta.reads, "{}", result.meta.code)
            }
            other => panic!("{} on empty input: {other:?}", result.meta.code),
        }
    }
}
