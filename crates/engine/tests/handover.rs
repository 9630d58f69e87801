//! The hand-over exports (HTML and Markdown): page 1 is the summary and
//! the numbered plan in the one priority order — the same order and
//! numbers as the CSV — then scope and limitations, "Since last review"
//! only with a baseline, the findings and the accepted risks.

use crate::util::{at, col, parse_csv, root};
use engine::compare::compare;
use engine::export::{self, csv, handover, html, Baseline, ExportOptions, Format};
use engine::report::Status;
use engine::{analyze, InputFile, Report};

fn sample(path: &str) -> Report {
    let bytes = std::fs::read(root().join(path)).unwrap();
    let name = path.rsplit('/').next().unwrap();
    analyze(&[InputFile::new(name, bytes)], &at())
}

fn pitfall() -> Report {
    sample("samples/pitfall-tenant.bundle.json")
}

fn cover() -> ExportOptions {
    ExportOptions {
        customer: "Contoso Ltd.".into(),
        assessor: "A. Auditor".into(),
        date: "2026-12-01".into(),
        ..ExportOptions::default()
    }
}

/// The `data-key`s of the rows of the HTML plan table, in order.
fn html_plan_keys(h: &str) -> Vec<String> {
    let table = &h[h.find("<table class=\"plan\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<tr class=\"")
        .skip(1)
        .map(|row| {
            let k = &row[row.find("data-key=\"").unwrap() + 10..];
            k[..k.find('"').unwrap()].replace("&#39;", "'")
        })
        .collect()
}

/// The text of page 1 of the HTML.
fn page_one(h: &str) -> &str {
    let s = &h[h.find("<section class=\"summary-plan\"").unwrap()..];
    &s[..s.find("</section>").unwrap()]
}

#[test]
fn the_html_plan_has_the_order_and_numbers_of_the_csv() {
    let r = pitfall();
    let h = html::render(&r, &cover());
    let keys = html_plan_keys(&h);
    let rows = parse_csv(csv::render(&r, &cover()).trim_start_matches(csv::BOM));
    let csv_keys: Vec<String> = rows[1..]
        .iter()
        .map(|row| row[col("key")].clone())
        .collect();
    let priority: Vec<String> = export::priority(&r)
        .iter()
        .map(|p| p.finding.key.clone())
        .collect();
    assert!(keys.len() > 20);
    assert_eq!(keys, csv_keys);
    assert_eq!(keys, priority);
    // Numbered 1, 2, 3 … like the CSV's priority column.
    for (i, row) in rows[1..].iter().enumerate() {
        assert_eq!(row[col("priority")], (i + 1).to_string());
        let cell = format!("<td class=\"num\">{}</td><td class=\"action\">", i + 1);
        assert!(page_one(&h).contains(&cell), "{cell}");
    }
    // The action column holds the fix, never the problem.
    let first = export::priority(&r)[0];
    let action = html::escape(&export::recommendation(&first.result.fix));
    assert!(page_one(&h).contains(&format!("<td class=\"action\">{action}")));
}

#[test]
fn page_one_names_customer_assessor_one_human_date_and_what_the_grade_means() {
    let r = pitfall();
    let h = html::render(&r, &cover());
    let p1 = page_one(&h);
    assert!(p1.contains("<dd class=\"customer\">Contoso Ltd.</dd>"));
    assert!(p1.contains("<dd>A. Auditor</dd>"));
    assert!(p1.contains("<dt>Data as of</dt><dd class=\"as-of\">1 December 2026</dd>"));
    // One date only: no raw ISO analysis timestamp, no second date line.
    assert_eq!(h.matches("Data as of").count(), 1);
    assert!(!h.contains(&r.analysis_date), "{}", r.analysis_date);
    assert!(!h.contains("Analysis date"));
    let meaning = html::escape(&handover::grade_paragraph(&r));
    assert!(p1.contains(&format!("<p class=\"grade-meaning\">{meaning}</p>")));
    assert!(meaning.starts_with("Spoofed and impersonating mail can reach users today"));
    assert!(p1.find("grade-meaning").unwrap() < p1.find("<table class=\"plan\">").unwrap());
    // The same in Markdown.
    let m = export::render(Format::Markdown, &r, &cover());
    assert!(m.contains("**Customer:** `Contoso Ltd.` · **Assessor:** `A. Auditor` · **Data as of:** 1 December 2026"));
    assert!(!m.contains(&r.analysis_date));
}

#[test]
fn an_unnamed_customer_is_not_printed_as_untitled() {
    assert_eq!(
        handover::UNTITLED_CUSTOMER,
        engine::assessment::UNTITLED,
        "the export knows the app's placeholder name"
    );
    let r = pitfall();
    for customer in ["", "  ", engine::assessment::UNTITLED] {
        let o = ExportOptions {
            customer: customer.into(),
            ..cover()
        };
        for f in [Format::Html, Format::Markdown] {
            let out = export::render(f, &r, &o);
            assert!(!out.contains("Untitled"), "{} {customer:?}", f.as_str());
            assert!(out.contains(handover::CUSTOMER_NOT_NAMED), "{}", f.as_str());
        }
        assert_eq!(
            export::file_name(Format::Html, &r, &o),
            "mimecast-audit-2026-12-01.html"
        );
        // Redacted, an unnamed customer stays unnamed.
        let red = ExportOptions {
            redact: true,
            ..o.clone()
        };
        assert!(!export::render(Format::Html, &r, &red).contains(export::REDACTED_CUSTOMER));
    }
    assert_eq!(
        export::file_name(Format::Csv, &r, &cover()),
        "contoso-ltd-2026-12-01-audit.csv"
    );
}

#[test]
fn scope_says_which_rules_were_not_assessed_and_why() {
    let r = sample("samples/missing-protections.bundle.json");
    let na: Vec<_> = r
        .results
        .iter()
        .filter(|x| x.status == Status::NotAssessed)
        .collect();
    assert!(!na.is_empty(), "the sample leaves rules not assessed");
    let h = html::render(&r, &cover());
    let scope = &h[h.find("<section class=\"scope\"").unwrap()..];
    let scope = &scope[..scope.find("</section>").unwrap()];
    let m = export::render(Format::Markdown, &r, &cover());
    let md_scope = &m[m.find("## Scope and limitations").unwrap()..];
    for x in na {
        assert!(scope.contains(&format!(">{}</a>", x.code)), "{}", x.code);
        assert!(md_scope.contains(&format!("`{}`", x.code)), "{}", x.code);
        for s in &x.missing_sections {
            assert!(scope.contains(&html::escape(&s.title)), "{}", s.title);
        }
    }
}

#[test]
fn since_last_review_only_with_a_baseline_and_redacted_with_the_same_tokens() {
    let after = sample("tests/fixtures/compare/after.bundle.json");
    let before = sample("tests/fixtures/compare/before.bundle.json");
    let c = compare(&before, &after);
    let b = Some(Baseline {
        report: &before,
        comparison: &c,
    });
    for f in [Format::Html, Format::Markdown] {
        let without = export::render_with(f, &after, None, &cover());
        assert!(!without.contains("Since last review"), "{}", f.as_str());
        let with = export::render_with(f, &after, b, &cover());
        assert!(with.contains("Since last review"), "{}", f.as_str());
        assert!(with.contains(&c.score.overall.summary()), "{}", f.as_str());
        for x in c.findings.new.iter().chain(&c.findings.fixed) {
            assert!(with.contains(&x.key), "{}: {}", f.as_str(), x.key);
        }
    }
    // Redacted: the keys in the comparison are the plan's keys.
    let red = ExportOptions {
        redact: true,
        ..cover()
    };
    let h = export::render_with(Format::Html, &after, b, &red);
    let since = &h[h.find("id=\"since-last-review\"").unwrap()..];
    let since = &since[..since.find("</section>").unwrap()];
    let plan = html_plan_keys(&h);
    let new: Vec<&str> = since
        .split("<ul class=\"change-new\">")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap()
        .split("<code>")
        .skip(1)
        .map(|s| &s[..s.find("</code>").unwrap()])
        .collect();
    assert_eq!(new.len(), c.counts.new);
    for k in new {
        assert!(plan.iter().any(|p| p == k), "{k} not in the redacted plan");
        assert!(!k.contains("example.com") || k.contains("domain-"), "{k}");
    }
}

#[test]
fn accepted_risks_are_an_appendix_with_reason_owner_until_and_expiry() {
    let r = sample("tests/fixtures/compare/after.bundle.json");
    let risks = handover::accepted_risks(&r);
    assert!(!risks.is_empty());
    let h = html::render(&r, &cover());
    let appendix = &h[h
        .find("<section class=\"appendix accepted-risks\"")
        .unwrap()..];
    assert!(h.find("class=\"area\"").unwrap() < h.find("accepted-risks").unwrap());
    for a in &risks {
        let row = &appendix[appendix
            .find(&format!("data-key=\"{}\"", a.finding.key))
            .unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        for v in [
            &a.acceptance.reason,
            &a.acceptance.owner,
            &a.acceptance.expires,
        ] {
            assert!(row.contains(&html::escape(v)), "{v}");
        }
        assert!(row.contains(handover::acceptance_state(a.acceptance)));
    }
    let m = export::render(Format::Markdown, &r, &cover());
    assert!(m.find("## Accepted risks").unwrap() > m.rfind("### How to fix it").unwrap());
}

#[test]
fn markdown_plan_and_rule_sections_follow_the_priority_order() {
    let r = pitfall();
    let m = export::render(Format::Markdown, &r, &cover());
    let plan = &m[m.find("## Action plan").unwrap()..m.find("## Scope and limitations").unwrap()];
    let rows: Vec<&str> = plan
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
        .collect();
    let priority = export::priority(&r);
    assert_eq!(rows.len(), priority.len());
    for (i, (row, p)) in rows.iter().zip(&priority).enumerate() {
        assert!(row.starts_with(&format!("| {} | ", i + 1)), "{row}");
        assert!(
            row.contains(&format!(
                "| `{}` {} |",
                p.result.code,
                p.finding.severity.as_str()
            )),
            "{row}"
        );
    }
    // Rule sections in the order their first finding has in the plan.
    let mut want: Vec<&str> = Vec::new();
    for p in &priority {
        if !want.contains(&p.result.code.as_str()) {
            want.push(&p.result.code);
        }
    }
    let got: Vec<&str> = m
        .lines()
        .filter(|l| l.starts_with("## ") && l.contains(" – "))
        .map(|l| l[3..].split(' ').next().unwrap())
        .collect();
    assert_eq!(got, want);
}
