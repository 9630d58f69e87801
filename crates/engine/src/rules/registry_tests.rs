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
            doc.section("How to fix it").unwrap().contains("Console:"),
            "{}: fix must name the console path",
            m.code
        );
        assert!(!m.reads.is_empty(), "{}: reads no section", m.code);
    }
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
