//! Finding rules by what a reader remembers of them: part of the code
//! (`IMP`, `spm001`), of the name, the title or the documentation. Every
//! word of the query must occur somewhere in the rule, in any case. A word
//! that begins some rule's code (`imp`, `DNS0`) is taken as a code: it
//! matches the rules whose code begins with it, not every rule whose text
//! mentions "impersonation" or another rule's code.

use super::{all, Area, Rule, RuleMeta};

/// Whether `word` (lower case) begins the code of some rule.
fn is_code_prefix(word: &str) -> bool {
    all()
        .iter()
        .any(|r| r.meta().code.to_lowercase().starts_with(word))
}

/// Whether `meta` matches `query`: every whitespace-separated word of it
/// begins the rule's code (when it begins any rule's code) or occurs
/// (case-insensitively) in the rule's code, name or documentation. An
/// empty query matches every rule.
pub fn matches(meta: &RuleMeta, query: &str) -> bool {
    let code = meta.code.to_lowercase();
    let text = format!("{} {} {}", meta.code, meta.name, meta.doc).to_lowercase();
    query.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        if is_code_prefix(&w) {
            code.starts_with(&w)
        } else {
            text.contains(&w)
        }
    })
}

/// The rules matching `query`, in catalog (code) order.
pub fn search(query: &str) -> Vec<&'static dyn Rule> {
    all()
        .iter()
        .copied()
        .filter(|r| matches(r.meta(), query))
        .collect()
}

/// `rules` grouped by area, in [`Area::ALL`] order, empty areas left out
/// (the contents of the rules page).
pub fn by_area(rules: &[&'static dyn Rule]) -> Vec<(Area, Vec<&'static dyn Rule>)> {
    Area::ALL
        .into_iter()
        .map(|area| {
            let of_area: Vec<_> = rules
                .iter()
                .copied()
                .filter(|r| r.meta().area == area)
                .collect();
            (area, of_area)
        })
        .filter(|(_, rules)| !rules.is_empty())
        .collect()
}

/// "36 rules", "1 rule match", "3 rules match “spf”": what a search found.
pub fn count_text(found: usize, query: &str) -> String {
    let q = query.trim();
    let noun = if found == 1 { "rule" } else { "rules" };
    if q.is_empty() {
        format!("{found} {noun}")
    } else {
        let verb = if found == 1 { "matches" } else { "match" };
        format!("{found} {noun} {verb} “{q}”")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_keeps_every_rule() {
        assert_eq!(search("").len(), all().len());
        assert_eq!(search("   ").len(), all().len());
    }

    #[test]
    fn a_code_prefix_finds_its_area_in_any_case() {
        let imp: Vec<_> = all()
            .iter()
            .filter(|r| r.meta().code.starts_with("IMP"))
            .map(|r| r.meta().code)
            .collect();
        assert!(!imp.is_empty());
        let found: Vec<_> = search("imp").iter().map(|r| r.meta().code).collect();
        assert_eq!(
            found, imp,
            "exactly the IMP rules, not those mentioning them"
        );
        let one: Vec<_> = search(&imp[0].to_lowercase())
            .iter()
            .map(|r| r.meta().code)
            .collect();
        assert_eq!(one, vec![imp[0]]);
    }

    #[test]
    fn a_full_code_finds_that_rule() {
        let first = all()[0].meta();
        let found = search(&first.code.to_lowercase());
        assert!(found.iter().any(|r| r.meta().code == first.code));
    }

    #[test]
    fn every_word_must_occur() {
        let m = all()[0].meta();
        assert!(matches(m, &format!("{} {}", m.code, m.name)));
        assert!(!matches(m, &format!("{} zzqqxx", m.code)));
        let summary_word = m
            .doc()
            .summary
            .split_whitespace()
            .max_by_key(|w| w.len())
            .unwrap()
            .to_uppercase();
        assert!(matches(m, &summary_word));
    }

    #[test]
    fn nothing_matches_nonsense() {
        assert!(search("zzqqxx-no-such-rule").is_empty());
    }

    #[test]
    fn contents_group_by_area_in_order_and_keep_every_rule() {
        let groups = by_area(all());
        let n: usize = groups.iter().map(|(_, r)| r.len()).sum();
        assert_eq!(n, all().len());
        let areas: Vec<_> = groups.iter().map(|(a, _)| *a).collect();
        let order: Vec<_> = Area::ALL
            .into_iter()
            .filter(|a| areas.contains(a))
            .collect();
        assert_eq!(areas, order);
        for (area, rules) in &groups {
            assert!(rules.iter().all(|r| r.meta().area == *area));
        }
        let imp = by_area(&search("IMP"));
        assert!(imp.iter().all(|(_, r)| !r.is_empty()));
        assert!(imp.len() < groups.len());
    }

    #[test]
    fn the_count_reads_naturally() {
        assert_eq!(count_text(36, ""), "36 rules");
        assert_eq!(count_text(1, "imp001"), "1 rule matches “imp001”");
        assert_eq!(count_text(3, " spf "), "3 rules match “spf”");
        assert_eq!(count_text(0, "x"), "0 rules match “x”");
    }
}
