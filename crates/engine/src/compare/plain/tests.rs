use super::*;
use crate::compare::compare;
use crate::samples::{clean_tenant, pitfall_tenant};
use crate::{analyze, Options};

fn reports() -> (Report, Report) {
    let o = Options::default();
    (analyze(&pitfall_tenant(), &o), analyze(&clean_tenant(), &o))
}

fn change(delta: Option<i32>) -> ScoreChange {
    ScoreChange {
        before: Some(50),
        after: delta.map(|d| (50 + d) as u32),
        delta,
        before_grade: None,
        after_grade: None,
    }
}

#[test]
fn the_badge_signs_the_change_with_a_true_minus() {
    let up = score_badge(&change(Some(12))).unwrap();
    assert_eq!(
        (up.text.as_str(), up.trend),
        ("+12 since baseline", Trend::Up)
    );
    let down = score_badge(&change(Some(-5))).unwrap();
    assert_eq!(down.text, "\u{2212}5 since baseline");
    assert_eq!(down.trend, Trend::Down);
    let same = score_badge(&change(Some(0))).unwrap();
    assert_eq!(same.text, "no change since baseline");
    assert_eq!(score_badge(&change(None)), None);
}

#[test]
fn status_changes_are_worded_without_status_names() {
    assert_eq!(
        status_change(Some(Status::NotAssessed), Some(Status::Pass)),
        "was not assessed, now passes"
    );
    assert_eq!(
        status_change(Some(Status::Pass), Some(Status::Fail)),
        "passed, now fails"
    );
    for b in [
        None,
        Some(Status::Fail),
        Some(Status::Pass),
        Some(Status::NotAssessed),
    ] {
        for a in [
            None,
            Some(Status::Fail),
            Some(Status::Pass),
            Some(Status::NotAssessed),
        ] {
            let s = status_change(b, a);
            assert!(!s.contains('_') && !s.contains("→"), "{s}");
        }
    }
}

#[test]
fn fixing_opens_the_fixed_group_and_orders_new_fixed_changed() {
    let (before, after) = reports();
    let c = compare(&before, &after);
    let g = groups(&c, &before, &after);
    let kinds: Vec<&str> = g.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        [
            "new",
            "fixed",
            "changed",
            "unknown",
            "accepted",
            "unchanged"
        ]
    );
    assert!(g[0].is_empty(), "the clean tenant has no new finding");
    assert!(!g[0].open, "an empty New group stays closed");
    assert!(g[1].len() > 5 && g[1].open, "Fixed is what matters here");
    assert_eq!(g.iter().filter(|g| g.open).count(), 1);
    assert_eq!(g[1].heading(), format!("Fixed ({})", c.counts.fixed));
    let sev: Vec<Severity> = g[1].findings.iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted, "most severe first");
    assert_ne!(sev.first(), sev.last(), "the sample has several severities");
    assert!(!g[2].rules.is_empty() && g[2].findings.is_empty());
    assert!(g[2].rules.iter().any(|r| r.change.ends_with("now passes")));
}

#[test]
fn getting_worse_opens_new() {
    let (clean, pitfall) = {
        let (p, c) = reports();
        (c, p)
    };
    let c = compare(&clean, &pitfall);
    let g = groups(&c, &clean, &pitfall);
    assert!(g[0].open && !g[0].is_empty());
    assert!(!g[1].open);
    let b = score_badge(&c.score.overall).unwrap();
    assert_eq!(b.trend, Trend::Down);
    assert!(b.text.starts_with('\u{2212}'), "{}", b.text);
    let rules = &g[2].rules;
    let sev: Vec<Severity> = rules.iter().map(|r| r.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    let r = rules.iter().find(|r| r.trend == Trend::Down).unwrap();
    let title = pitfall.results.iter().find(|x| x.code == r.code).unwrap();
    assert_eq!(r.title, title.title, "rules are named by their title");
}

#[test]
fn the_area_table_counts_new_and_fixed_per_area() {
    let (before, after) = reports();
    let c = compare(&before, &after);
    let rows = area_rows(&c, &before, &after);
    assert!(!rows.is_empty());
    assert_eq!(rows.iter().map(|r| r.fixed).sum::<usize>(), c.counts.fixed);
    assert_eq!(rows.iter().map(|r| r.new).sum::<usize>(), c.counts.new);
    let areas: Vec<Area> = rows.iter().map(|r| r.area).collect();
    let order: Vec<Area> = Area::ALL
        .iter()
        .copied()
        .filter(|a| areas.contains(a))
        .collect();
    assert_eq!(areas, order, "report order");
    for r in &rows {
        let s = c.score.areas.iter().find(|a| a.area == r.area).unwrap();
        if let Some(b) = s.before {
            assert!(r.before.starts_with(&b.to_string()), "{r:?}");
        }
    }
}
