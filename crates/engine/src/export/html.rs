//! The printable HTML report: one self-contained file.
//!
//! - Inline `<style>` only: no scripts, no external stylesheets, fonts or
//!   images, and a Content-Security-Policy meta tag
//!   (`default-src 'none'; style-src 'unsafe-inline'; img-src data:`) so even
//!   an edited copy cannot load anything.
//! - Every string taken from the report goes through [`escape`].
//! - It reads, and prints, in the order of a hand-over meeting: "Summary
//!   and plan" first (customer, assessor, the one "data as of" date, the
//!   grade with what it means, and the numbered action plan in the one
//!   priority order, [`super::handover::plan`]), then scope and limitations,
//!   "Since last review" when a baseline is given, the findings by area
//!   (each area on a new page), and the appendices: accepted risks, inputs
//!   and coverage.

use std::fmt::Write;

use super::handover::{self, customer_named};
use super::{ExportOptions, TopFix};
use crate::compare::Comparison;
use crate::doc::{self, Block, Inline};
use crate::report::{FindingReport, FindingState, Report, ResultReport, Status};
use crate::rules::{Area, Severity};

/// The Content-Security-Policy of the report.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// HTML-escapes text for element content and (quoted) attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Short alias used throughout this module.
fn e(s: &str) -> String {
    escape(s)
}

const CSS: &str = r#"
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --soft: #f4f6fa;
  --critical: #8b1a1a; --high: #c2410c; --medium: #a16207; --low: #1d4ed8; --info: #475569;
  --pass: #15803d; --na: #6b7280; --accepted: #6d28d9; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
h1, h2, h3, h4 { line-height: 1.2; margin: 1.2em 0 .5em; }
h1 { font-size: 2.1rem; } h2 { font-size: 1.5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2em; }
h3 { font-size: 1.12rem; } h4 { font-size: .95rem; margin: .8em 0 .3em; }
p { margin: .4em 0; }
a { color: inherit; }
code { font: .9em/1.3 ui-monospace, "SFMono-Regular", Consolas, "Liberation Mono", monospace; background: var(--soft); padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { text-align: left; vertical-align: top; padding: .25em .45em; border-bottom: 1px solid var(--line); }
th { font-size: .85em; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; }
.muted { color: var(--muted); }
.badge { display: inline-block; font-size: .78em; font-weight: 600; padding: .05em .5em; border-radius: 1em; border: 1px solid currentColor; text-transform: uppercase; letter-spacing: .03em; vertical-align: middle; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); }
.sev-low { color: var(--low); } .sev-info { color: var(--info); }
.st-fail { color: var(--critical); } .st-pass { color: var(--pass); } .st-not_assessed { color: var(--na); }
.st-open { color: var(--high); } .st-accepted { color: var(--accepted); }
.kicker { text-transform: uppercase; letter-spacing: .12em; color: var(--muted); font-size: .85rem; margin: 0; }
.summary-plan h1 { font-size: 2.2rem; margin: .2em 0 .5em; }
.grade-meaning { font-size: 1.05rem; max-width: 48rem; margin: .3em 0 .8em; }
.plan { table-layout: fixed; } .plan td { font-size: .92em; overflow-wrap: anywhere; }
.plan th:nth-child(1) { width: 2.2em; } .plan th:nth-child(2) { width: 40%; } .plan th:nth-child(3) { width: 19%; }
.plan th:nth-child(4) { width: 16%; } .plan th:nth-child(5) { width: 5.6em; } .plan th:nth-child(6), .plan th:nth-child(7) { width: 9%; }
.plan td:nth-child(5) { overflow-wrap: normal; }
.plan .about { display: block; color: var(--muted); font-size: .88em; }
.plan tr.accepted td { color: var(--muted); }
.scope li, .since li { margin: .15em 0; }
.generator { color: var(--muted); font-size: .85em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1.2em; margin: 0 0 1.5em; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; font-weight: 600; }
.score { display: flex; align-items: baseline; gap: .6rem; margin: .5em 0; }
.score .value { font-size: 3.4rem; font-weight: 700; line-height: 1; }
.score .of { color: var(--muted); font-size: 1.2rem; }
.score .grade { font-size: 1.6rem; font-weight: 700; border: 2px solid currentColor; border-radius: .3em; padding: 0 .35em; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: .6em 0; }
.counts div { border: 1px solid var(--line); border-radius: .4em; padding: .35em .7em; min-width: 7.5em; }
.counts b { display: block; font-size: 1.35rem; }
.rule { border-top: 1px solid var(--line); padding: .4em 0 .8em; }
.rule > header h3 { margin: .3em 0 .2em; }
.rule .code { font-weight: 700; }
.rule .controls { font-size: .88em; color: var(--muted); margin: .2em 0; }
.finding { border-left: 3px solid var(--high); padding: .2em 0 .2em .8em; margin: .7em 0; }
.finding.accepted { border-left-color: var(--accepted); background: #faf7ff; }
.finding .meta { font-size: .88em; color: var(--muted); }
.evidence { font-size: .88em; table-layout: fixed; }
.evidence th:nth-child(1) { width: 22%; } .evidence th:nth-child(2) { width: 30%; }
.evidence td { overflow-wrap: anywhere; } .evidence td:nth-child(3) { white-space: pre-wrap; }
.acceptance { border: 1px dashed var(--accepted); border-radius: .3em; padding: .3em .6em; margin: .4em 0; font-size: .92em; }
.fix { background: var(--soft); border-radius: .4em; padding: .2em .9em .5em; margin-top: .6em; }
.passed li { margin: .15em 0; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  .summary-plan { break-after: page; }
  .area { break-before: page; }
  .appendix { break-before: page; }
  .finding, .acceptance, tr, .fix { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  a { text-decoration: none; }
}
"#;

/// The report as one HTML document.
pub fn render(report: &Report, opts: &ExportOptions) -> String {
    let (r, o) = super::prepare(report, opts);
    render_prepared(&r, None, &o)
}

/// The document of a report already prepared (redacted when asked, see
/// [`super::prepare_with`]), with "Since last review" when a comparison is
/// given.
pub fn render_prepared(r: &Report, since: Option<&Comparison>, o: &ExportOptions) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let title = match customer_named(&o.customer) {
        None => o.title().to_string(),
        Some(c) => format!("{} – {c}", o.title()),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{gen}\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        csp = e(CSP),
        gen = e(&r.generator),
        title = e(&title),
    );
    summary_and_plan(&mut h, r, o);
    scope(&mut h, r);
    if let Some(c) = since {
        since_last_review(&mut h, c);
    }
    super::attack_paths::html(&mut h, &r.attack_paths);
    executive(&mut h, r);
    for (area, results) in super::ordered(r) {
        area_section(&mut h, r, area, &results);
    }
    accepted_risks(&mut h, r);
    appendix(&mut h, r);
    h.push_str("</body>\n</html>\n");
    h
}

/// Page 1: who, when, the grade and what it means, and the numbered plan.
fn summary_and_plan(h: &mut String, r: &Report, o: &ExportOptions) {
    h.push_str("<section class=\"summary-plan\" id=\"summary\">\n<p class=\"kicker\">Mimecast email-security configuration</p>\n");
    let _ = writeln!(h, "<h1>{}</h1>", e(o.title()));
    let _ = writeln!(h, "<h2>Summary and plan</h2>\n<dl class=\"facts\">");
    let customer = customer_named(&o.customer).unwrap_or(handover::CUSTOMER_NOT_NAMED);
    let _ = writeln!(
        h,
        "<dt>Customer</dt><dd class=\"customer\">{}</dd>",
        e(customer)
    );
    if !o.assessor.trim().is_empty() {
        let _ = writeln!(h, "<dt>Assessor</dt><dd>{}</dd>", e(o.assessor.trim()));
    }
    let _ = writeln!(
        h,
        "<dt>Data as of</dt><dd class=\"as-of\">{}</dd>",
        e(&super::dates::human_date(&o.date_for(r)))
    );
    let _ = writeln!(
        h,
        "<dt>Coverage</dt><dd>{}</dd>\n</dl>",
        e(&super::coverage_line(r))
    );
    score_block(h, r);
    let _ = writeln!(
        h,
        "<p class=\"grade-meaning\">{}</p>",
        e(&handover::grade_paragraph(r))
    );
    let open: Vec<&FindingReport> = r
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .filter(|f| f.state == FindingState::Open)
        .collect();
    h.push_str("<div class=\"counts\">\n");
    for s in Severity::ALL {
        let n = open.iter().filter(|f| f.severity == s).count();
        let _ = writeln!(h, "<div class=\"sev-{0}\"><b>{n}</b>{0}</div>", s.as_str());
    }
    h.push_str("</div>\n<h3>Action plan</h3>\n");
    let plan = handover::plan(r);
    if plan.is_empty() {
        h.push_str("<p>Nothing to fix: no rule found a problem in the data loaded.</p>\n");
    } else {
        h.push_str("<p class=\"muted\">In the order to work through: open findings first, most severe, then least effort. The CSV action plan numbers them the same.</p>\n");
        h.push_str("<table class=\"plan\">\n<thead><tr><th class=\"num\">#</th><th>Action</th><th>Object</th><th>Console path</th><th>Effort</th><th>Owner</th><th>Due date</th></tr></thead>\n<tbody>\n");
        for p in &plan {
            let state = super::state_str(p.finding.state);
            let _ = writeln!(
                h,
                "<tr class=\"{state}\" data-key=\"{key}\"><td class=\"num\">{}</td><td class=\"action\">{}<span class=\"about\"><a href=\"#rule-{code}\">{code}</a> · <span class=\"sev-{sev}\">{sev}</span>{acc} · {}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                p.number,
                e(&p.action),
                e(&p.result.title),
                e(&p.object),
                e(p.console),
                p.effort.as_str(),
                e(&p.owner),
                e(&p.due),
                key = e(&p.finding.key),
                code = e(&p.result.code),
                sev = p.finding.severity.as_str(),
                acc = if p.finding.state == FindingState::Accepted {
                    " · accepted risk"
                } else {
                    ""
                },
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        h,
        "<p class=\"generator\">Generated by {} from {} input file{}. Every finding names the file, JSON path and value it rests on.</p>\n</section>",
        e(&r.generator),
        r.inputs.len(),
        if r.inputs.len() == 1 { "" } else { "s" }
    );
}

/// What was not assessed, and why.
fn scope(h: &mut String, r: &Report) {
    let s = handover::scope(r);
    h.push_str("<section class=\"scope\" id=\"scope\">\n<h2>Scope and limitations</h2>\n");
    let _ = writeln!(h, "<p>{}.</p>", e(&super::coverage_line(r)));
    if s.is_complete() {
        h.push_str("<p>Every rule was assessed from complete data.</p>\n");
    }
    if !s.not_assessed.is_empty() {
        h.push_str("<h3>Rules not assessed</h3>\n<ul class=\"not-assessed-list\">\n");
        for x in &s.not_assessed {
            let _ = writeln!(
                h,
                "<li><a href=\"#rule-{code}\">{code}</a> {} {}</li>",
                e(&x.title),
                e(&handover::not_assessed_reason(x)),
                code = e(&x.code),
            );
        }
        h.push_str("</ul>\n");
    }
    if !s.incomplete.is_empty() {
        h.push_str("<h3>Incomplete sections</h3>\n<p>Loaded, but the API reported failures: findings from them may be missing.</p>\n<ul>\n");
        for c in &s.incomplete {
            let _ = writeln!(
                h,
                "<li>{} (from {})</li>",
                e(&c.title),
                e(&c.sources.join(", "))
            );
        }
        h.push_str("</ul>\n");
    }
    if !s.missing.is_empty() {
        h.push_str("<h3>Sections not collected</h3>\n<ul>\n");
        for c in &s.missing {
            let _ = writeln!(h, "<li>{}: {}</li>", e(&c.title), e(&c.how_to_collect));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// The comparison with the baseline, in plain words.
fn since_last_review(h: &mut String, c: &Comparison) {
    let s = handover::since(c);
    h.push_str("<section class=\"since\" id=\"since-last-review\">\n<h2>Since last review</h2>\n");
    let _ = writeln!(
        h,
        "<p>Compared with the data as of {}: score {}; {}.</p>",
        e(&s.before),
        e(&s.score),
        e(&s.counts),
    );
    for (change, heading, list) in s.groups {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul class=\"change-{}\">",
            e(heading),
            change.label().replace(' ', "-")
        );
        for f in list {
            let _ = writeln!(
                h,
                "<li><span class=\"sev-{sev}\">{sev}</span> <code>{}</code> {}</li>",
                e(&f.key),
                e(&f.message),
                sev = f.severity.as_str(),
            );
        }
        h.push_str("</ul>\n");
    }
    if !s.rule_changes.is_empty() {
        h.push_str("<h3>Rules whose outcome changed</h3>\n<ul class=\"rule-changes\">\n");
        for line in &s.rule_changes {
            let _ = writeln!(h, "<li>{}</li>", e(line));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// Appendix: every acceptance, holding or expired.
fn accepted_risks(h: &mut String, r: &Report) {
    let risks = handover::accepted_risks(r);
    if risks.is_empty() {
        return;
    }
    h.push_str("<section class=\"appendix accepted-risks\" id=\"accepted-risks\">\n<h2>Accepted risks</h2>\n");
    h.push_str("<table class=\"risks\">\n<thead><tr><th>Finding</th><th>Reason</th><th>Owner</th><th>Until</th><th>State</th></tr></thead>\n<tbody>\n");
    for a in risks {
        let _ = writeln!(
            h,
            "<tr data-key=\"{}\"{}><td><a href=\"#rule-{code}\">{code}</a> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&a.finding.key),
            if a.acceptance.expired || a.acceptance.outdated {
                " class=\"expired\""
            } else {
                ""
            },
            e(&a.finding.message),
            e(&a.acceptance.reason),
            e(&a.acceptance.owner),
            e(&a.acceptance.expires),
            e(handover::acceptance_state(a.acceptance)),
            code = e(&a.result.code),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn score_block(h: &mut String, r: &Report) {
    match r.score.overall {
        Some(s) => {
            let _ = write!(h, "<div class=\"score\"><span class=\"value\">{s}</span><span class=\"of\">/ 100</span>");
            if let Some(g) = &r.score.grade {
                let _ = write!(
                    h,
                    "<span class=\"grade\" title=\"grade\">{}</span>",
                    e(&g.to_string())
                );
            }
            h.push_str("</div>\n");
        }
        None => h.push_str("<div class=\"score\"><span class=\"of\">Not scored</span></div>\n"),
    }
}

fn executive(h: &mut String, r: &Report) {
    h.push_str("<section class=\"exec\" id=\"overview\">\n<h2>Findings by area</h2>\n");
    let accepted = r
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .filter(|f| f.state == FindingState::Accepted)
        .count();
    let open: usize = r.results.iter().map(super::open_findings).sum();
    let _ = writeln!(
        h,
        "<p>Score <strong>{}</strong>. {} rules fail, {} pass and {} could not be assessed; {} open finding{}{}.</p>",
        e(&super::score_line(r)),
        r.summary.failed,
        r.summary.passed,
        r.summary.not_assessed,
        open,
        if open == 1 { "" } else { "s" },
        if accepted > 0 { format!(" and {accepted} accepted risk{}", if accepted == 1 { "" } else { "s" }) } else { String::new() },
    );
    h.push_str("<h3>By area</h3>\n<table class=\"areas\">\n<thead><tr><th>Area</th><th class=\"num\">Score</th><th class=\"num\">Failing rules</th><th class=\"num\">Open findings</th><th class=\"num\">Not assessed</th></tr></thead>\n<tbody>\n");
    for area in Area::ALL {
        let rs: Vec<&ResultReport> = r.results.iter().filter(|x| x.area == area).collect();
        if rs.is_empty() {
            continue;
        }
        let score = r
            .score
            .areas
            .iter()
            .find(|a| a.area == area)
            .and_then(|a| {
                a.score.map(|s| {
                    format!(
                        "{s}{}",
                        a.grade.map(|g| format!(" ({g})")).unwrap_or_default()
                    )
                })
            })
            .unwrap_or_else(|| "–".into());
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#area-{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            area.as_str(),
            e(area.title()),
            e(&score),
            rs.iter().filter(|x| x.status == Status::Fail).count(),
            rs.iter().map(|x| super::open_findings(x)).sum::<usize>(),
            rs.iter().filter(|x| x.status == Status::NotAssessed).count(),
        );
    }
    h.push_str("</tbody>\n</table>\n");

    let top = super::top_fixes(r, super::TOP_FIXES);
    h.push_str("<h3>Top fixes</h3>\n");
    if top.is_empty() {
        h.push_str("<p>No open findings.</p>\n");
    } else {
        h.push_str("<p class=\"muted\">Most severe first, then least effort (a per-rule estimate), then most findings.</p>\n");
        h.push_str("<table class=\"top-fixes\">\n<thead><tr><th class=\"num\">#</th><th>Rule</th><th>Severity</th><th>Effort</th><th class=\"num\">Open</th><th>What to fix</th></tr></thead>\n<tbody>\n");
        for (
            i,
            TopFix {
                result: x,
                open,
                effort,
            },
        ) in top.iter().enumerate()
        {
            let _ = writeln!(
                h,
                "<tr><td class=\"num\">{}</td><td><a href=\"#rule-{code}\">{code}</a></td><td class=\"sev-{sev}\">{sev}</td><td>{}</td><td class=\"num\">{open}</td><td>{}</td></tr>",
                i + 1,
                effort.as_str(),
                e(&x.title),
                code = e(&x.code),
                sev = x.severity.as_str(),
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");
}

fn area_section(h: &mut String, r: &Report, area: Area, results: &[&ResultReport]) {
    let _ = writeln!(
        h,
        "<section class=\"area\" id=\"area-{}\">\n<h2>{}</h2>",
        area.as_str(),
        e(area.title())
    );
    let failed: Vec<&&ResultReport> = results
        .iter()
        .filter(|x| x.status == Status::Fail)
        .collect();
    let na: Vec<&&ResultReport> = results
        .iter()
        .filter(|x| x.status == Status::NotAssessed)
        .collect();
    let passed: Vec<&&ResultReport> = results
        .iter()
        .filter(|x| x.status == Status::Pass)
        .collect();
    let score = r
        .score
        .areas
        .iter()
        .find(|a| a.area == area)
        .and_then(|a| {
            a.score.map(|s| {
                format!(
                    "Score {s}/100{}. ",
                    a.grade.map(|g| format!(" (grade {g})")).unwrap_or_default()
                )
            })
        })
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<p class=\"muted\">{}{} failing, {} not assessed, {} passed.</p>",
        e(&score),
        failed.len(),
        na.len(),
        passed.len()
    );
    for x in failed {
        failing_rule(h, r, x);
    }
    if !na.is_empty() {
        h.push_str("<h3>Not assessed</h3>\n");
        for x in na {
            not_assessed(h, r, x);
        }
    }
    if !passed.is_empty() {
        h.push_str("<h3>Passed</h3>\n<ul class=\"passed\">\n");
        for x in passed {
            let _ = writeln!(
                h,
                "<li id=\"rule-{code}\"><span class=\"code\">{code}</span> <span class=\"badge st-pass\">pass</span> {}</li>",
                e(&x.title),
                code = e(&x.code)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

fn rule_header(h: &mut String, x: &ResultReport) {
    let _ = writeln!(
        h,
        "<header><span class=\"code\">{}</span> <span class=\"badge sev-{sev}\">{sev}</span> <span class=\"badge st-{st}\">{stl}</span>\n<h3>{}</h3>\n<p class=\"muted\">{} · effort {}</p></header>",
        e(&x.code),
        e(&x.title),
        e(&x.name),
        super::effort(&x.code).as_str(),
        sev = x.severity.as_str(),
        st = x.status.as_str(),
        stl = x.status.label().to_lowercase(),
    );
}

fn failing_rule(h: &mut String, r: &Report, x: &ResultReport) {
    let _ = writeln!(
        h,
        "<article class=\"rule fail\" id=\"rule-{}\">",
        e(&x.code)
    );
    rule_header(h, x);
    if !x.controls.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"controls\">Controls: {}</p>",
            e(&crate::rules::controls::line(&x.controls))
        );
    }
    for f in &x.findings {
        finding(h, f, &r.attack_paths);
    }
    h.push_str("<div class=\"fix\">\n<h4>How to fix it</h4>\n");
    markdown(h, &x.fix);
    h.push_str("</div>\n</article>\n");
}

fn finding(h: &mut String, f: &FindingReport, paths: &crate::explain::scenarios::AttackPaths) {
    let state = match f.state {
        FindingState::Open => "open",
        FindingState::Accepted => "accepted",
    };
    let _ = writeln!(
        h,
        "<div class=\"finding {state}\" id=\"{}\" data-key=\"{}\">",
        e(&super::attack_paths::finding_anchor(&f.key)),
        e(&f.key)
    );
    let _ = writeln!(h, "<p class=\"msg\">{}</p>", e(&f.message));
    super::attack_paths::html_finding_links(h, paths, &f.key);
    let _ = writeln!(
        h,
        "<p class=\"meta\"><span class=\"badge st-{state}\">{state}</span> <span class=\"badge sev-{sev}\">{sev}</span> confidence {} · object <code>{}</code></p>",
        super::confidence_str(f.confidence),
        e(&f.object),
        sev = f.severity.as_str(),
    );
    if let Some(a) = f.assignment.as_ref().filter(|a| !a.is_empty()) {
        let _ = writeln!(
            h,
            "<p class=\"assignment\">Assigned to {}{}</p>",
            e(if a.owner.is_empty() {
                "nobody named"
            } else {
                &a.owner
            }),
            if a.due.is_empty() {
                String::new()
            } else {
                format!(", due {}", e(&a.due))
            }
        );
    }
    if let Some(a) = &f.acceptance {
        let on = a
            .accepted_on
            .as_deref()
            .map(|d| format!(" (accepted on {})", e(d)))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<div class=\"acceptance\"><strong>{}</strong> by {} {} {}{on}: {}</div>",
            if f.state == FindingState::Accepted {
                "Risk accepted"
            } else {
                "Acceptance"
            },
            e(&a.owner),
            if f.state == FindingState::Accepted {
                "until"
            } else {
                "expired on"
            },
            e(&a.expires),
            e(&a.reason)
        );
    }
    if !f.evidence.is_empty() {
        h.push_str("<table class=\"evidence\">\n<thead><tr><th>File</th><th>Path</th><th>Value</th></tr></thead>\n<tbody>\n");
        for ev in &f.evidence {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                e(&ev.file),
                e(&ev.path),
                e(&ev.value)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</div>\n");
}

fn not_assessed(h: &mut String, r: &Report, x: &ResultReport) {
    let _ = writeln!(
        h,
        "<article class=\"rule not-assessed\" id=\"rule-{}\">",
        e(&x.code)
    );
    rule_header(h, x);
    h.push_str("<p>Collect:</p>\n<ul>\n");
    for m in &x.missing_sections {
        let how = r
            .coverage
            .iter()
            .find(|c| c.key == m.key)
            .map(|c| c.how_to_collect.as_str())
            .unwrap_or("");
        let _ = writeln!(
            h,
            "<li><strong>{}</strong> (<code>{}</code>){}</li>",
            e(&m.title),
            e(&m.key),
            if how.is_empty() {
                String::new()
            } else {
                format!(": {}", e(how))
            }
        );
    }
    h.push_str("</ul>\n</article>\n");
}

fn appendix(h: &mut String, r: &Report) {
    h.push_str("<section class=\"appendix\" id=\"inputs\">\n<h2>Inputs and coverage</h2>\n<h3>Inputs</h3>\n");
    h.push_str(
        "<table class=\"inputs\">\n<thead><tr><th>File</th><th>Status</th><th>Sections</th><th>Messages</th></tr></thead>\n<tbody>\n",
    );
    for i in &r.inputs {
        let mut msgs = String::new();
        for (kind, text) in i
            .error
            .iter()
            .map(|x| ("error", x))
            .chain(i.warnings.iter().map(|x| ("warning", x)))
            .chain(i.notes.iter().map(|x| ("note", x)))
        {
            let _ = write!(msgs, "<div>{kind}: {}</div>", e(text));
        }
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{msgs}</td></tr>",
            e(&i.name),
            i.status.as_str(),
            i.sections.len()
        );
    }
    h.push_str("</tbody>\n</table>\n");
    if !r.coverage.is_empty() {
        h.push_str("<h3>Coverage</h3>\n<table class=\"coverage\">\n<thead><tr><th>Section</th><th>Origin</th><th>State</th><th>Rules</th></tr></thead>\n<tbody>\n");
        for c in &r.coverage {
            let _ = writeln!(
                h,
                "<tr><td>{} <span class=\"muted\">(<code>{}</code>)</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&c.title),
                e(&c.key),
                c.origin.as_str(),
                c.state.as_str(),
                e(&c.rules.join(", "))
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    provenance(h, &r.provenance);
    h.push_str("</section>\n");
}

/// Tool, catalog and date, and each input file's SHA-256 (to check with
/// `sha256sum`).
fn provenance(h: &mut String, p: &crate::report::Provenance) {
    if p.tool.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<h3>Provenance</h3>\n<p class=\"provenance\">{}</p>",
        e(&p.summary())
    );
    if p.files.is_empty() {
        return;
    }
    h.push_str("<table class=\"provenance\">\n<thead><tr><th>File</th><th>Bytes</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
    for f in &p.files {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td><code>{}</code></td></tr>",
            e(&f.name),
            f.bytes,
            e(&f.sha256)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// Rule documentation (Markdown, see [`doc`]) as escaped HTML elements.
pub fn markdown(h: &mut String, md: &str) {
    for b in doc::blocks(md) {
        match b {
            Block::Paragraph(spans) => {
                h.push_str("<p>");
                inlines(h, &spans);
                h.push_str("</p>\n");
            }
            Block::List(items) => {
                h.push_str("<ul>\n");
                for item in items {
                    h.push_str("<li>");
                    inlines(h, &item);
                    h.push_str("</li>\n");
                }
                h.push_str("</ul>\n");
            }
        }
    }
}

fn inlines(h: &mut String, spans: &[Inline]) {
    for s in spans {
        match s {
            Inline::Text(t) => h.push_str(&e(t)),
            Inline::Code(t) => {
                let _ = write!(h, "<code>{}</code>", e(t));
            }
            Inline::Strong(t) => {
                let _ = write!(h, "<strong>{}</strong>", e(t));
            }
            Inline::Em(t) => {
                let _ = write!(h, "<em>{}</em>", e(t));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_ampersands() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a \"b\" & c"), "a &quot;b&quot; &amp; c");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("plain – ü"), "plain – ü");
    }

    #[test]
    fn markdown_becomes_escaped_elements() {
        let mut h = String::new();
        markdown(
            &mut h,
            "Set `<b>` on **Policies > X** or *Both*.\n\n- one & two",
        );
        assert_eq!(
            h,
            "<p>Set <code>&lt;b&gt;</code> on <strong>Policies &gt; X</strong> or <em>Both</em>.</p>\n<ul>\n<li>one &amp; two</li>\n</ul>\n"
        );
    }
}
