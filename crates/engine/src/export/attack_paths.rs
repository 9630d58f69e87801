//! The attack-path section ("Would these attacks reach the inbox?") in the
//! text, Markdown and HTML exports, and its cell in the CSV action plan.
//! The JSON report carries the section as `attackPaths`; SARIF as the
//! run's `properties.attackPaths`.
//!
//! Each result is shown as one entry: the scenario and its domains, the
//! answer (yes / no / may), the deciding step and policy, why, the
//! deciding factors, the inferred steps the verdict rests on (in plain
//! words), the findings that explain it, and the trace, one line a step.
//! Every string is escaped by the format's own escaping (text: control
//! characters visible; Markdown: tenant data as code spans; HTML: escaped
//! text).

use std::fmt::Write;

use crate::explain::scenarios::AttackPaths;
pub use crate::report::attack_text::{
    certainty, short_answer, step_status, trace_line, HEADING, INTRO,
};

/// The CSV cell of a finding: the attack paths it opens, `; `-separated
/// ("opens attack path SC2 on example.com (yes)").
pub fn csv_cell(p: &AttackPaths, key: &str) -> String {
    p.opened_by(key)
        .iter()
        .map(|l| {
            let reach = p
                .results
                .iter()
                .find(|r| r.id == l.id)
                .map_or("", |r| r.reach_str());
            format!("{} ({reach})", l.text)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The Markdown section.
pub fn markdown(m: &mut String, p: &AttackPaths) {
    use super::markdown::{cell_code, code, text};
    if !p.evaluated {
        return;
    }
    let _ = writeln!(m, "## {}\n\n{}\n", text(HEADING), text(INTRO));
    if !p.results.is_empty() {
        m.push_str("| Scenario | Domains | Reaches the inbox | Decided by | Findings |\n|---|---|---|---|---|\n");
        for r in &p.results {
            let _ = writeln!(
                m,
                "| {} {} | {} | {} | {} | {} |",
                text(&r.scenario),
                text(&r.title),
                cell_code(&r.domain_list()),
                text(&r.answer()).replace('|', "\\|"),
                cell_code(&r.decided_by_text()),
                if r.findings.is_empty() {
                    "\u{2013}".to_string()
                } else {
                    cell_code(&r.findings.join(", "))
                }
            );
        }
        m.push('\n');
    }
    for r in &p.results {
        let _ = writeln!(
            m,
            "### {} on {}\n",
            text(&r.scenario),
            code(&r.domain_list())
        );
        let _ = writeln!(m, "- Attack: {}", code(&r.attack));
        let _ = writeln!(
            m,
            "- Outcome: {} ({}); reaches the inbox: {}",
            text(r.outcome.as_str()),
            text(&certainty(r)),
            text(r.reach_str())
        );
        let _ = writeln!(m, "- Because: {}", code(&r.because));
        for f in &r.deciding_factors {
            let _ = writeln!(
                m,
                "- Depends on {} = {} (leads to {})",
                code(&f.factor),
                code(&f.value),
                text(f.outcome.as_str())
            );
        }
        for i in &r.inferred {
            let _ = writeln!(m, "- Inferred ({}): {}", text(&i.rule), code(&i.text));
        }
        for s in &r.trace {
            let _ = writeln!(m, "- Trace: {}", code(&trace_line(s)));
        }
        m.push('\n');
    }
    for n in &p.not_applicable {
        let _ = writeln!(
            m,
            "- {} {}: not applicable \u{2014} {}",
            text(&n.scenario),
            text(&n.title),
            code(&n.why)
        );
    }
    for n in &p.not_evaluated {
        let _ = writeln!(
            m,
            "- {}: {} domains not evaluated \u{2014} {}",
            text(&n.scenario),
            n.left_out,
            code(&n.why)
        );
    }
    m.push('\n');
}

/// The HTML section (`id="attack-paths"`; each result `id="ap-<id>"`, each
/// finding it lists a link to the finding's `id="finding-<key>"`).
pub fn html(h: &mut String, p: &AttackPaths) {
    use super::html::escape as e;
    if !p.evaluated {
        return;
    }
    let _ = writeln!(
        h,
        "<section class=\"attack-paths\" id=\"attack-paths\">\n<h2>{}</h2>\n<p>{}</p>",
        e(HEADING),
        e(INTRO)
    );
    if !p.results.is_empty() {
        h.push_str("<table class=\"paths\">\n<thead><tr><th>Scenario</th><th>Domains</th><th>Reaches the inbox</th><th>Decided by</th><th>Findings</th></tr></thead>\n<tbody>\n");
        for r in &p.results {
            let findings: Vec<String> = r
                .findings
                .iter()
                .map(|k| format!("<a href=\"#{}\">{}</a>", e(&finding_anchor(k)), e(k)))
                .collect();
            let _ = writeln!(
                h,
                "<tr id=\"ap-{id}\" class=\"reach-{reach}\"><td>{} {}</td><td>{}</td><td><strong>{}</strong></td><td>{}</td><td>{}</td></tr>",
                e(&r.scenario),
                e(&r.title),
                e(&r.domain_list()),
                e(&r.answer()),
                e(&r.decided_by_text()),
                findings.join(", "),
                id = e(&r.id),
                reach = r.reach_str(),
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    for r in &p.results {
        let _ = writeln!(
            h,
            "<div class=\"path\"><h3>{} on {}</h3>\n<p>{}</p>\n<p>Outcome: {} ({}). {}</p>",
            e(&r.scenario),
            e(&r.domain_list()),
            e(&r.attack),
            e(r.outcome.as_str()),
            e(&certainty(r)),
            e(&r.because)
        );
        if !r.deciding_factors.is_empty() || !r.inferred.is_empty() {
            h.push_str("<ul>\n");
            for f in &r.deciding_factors {
                let _ = writeln!(
                    h,
                    "<li>Depends on {} = {} (leads to {})</li>",
                    e(&f.factor),
                    e(&f.value),
                    e(f.outcome.as_str())
                );
            }
            for i in &r.inferred {
                let _ = writeln!(h, "<li>Inferred ({}): {}</li>", e(&i.rule), e(&i.text));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("<ol class=\"trace\">\n");
        for s in &r.trace {
            let _ = writeln!(h, "<li>{}</li>", e(&trace_line(s)));
        }
        h.push_str("</ol>\n</div>\n");
    }
    if !p.not_applicable.is_empty() || !p.not_evaluated.is_empty() {
        h.push_str("<h3>Not evaluated</h3>\n<ul>\n");
        for n in &p.not_applicable {
            let _ = writeln!(
                h,
                "<li>{} {}: not applicable \u{2014} {}</li>",
                e(&n.scenario),
                e(&n.title),
                e(&n.why)
            );
        }
        for n in &p.not_evaluated {
            let _ = writeln!(
                h,
                "<li>{}: {} domains not evaluated \u{2014} {}</li>",
                e(&n.scenario),
                n.left_out,
                e(&n.why)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// The HTML anchor of a finding (`finding-` and its key, with characters
/// outside letters, digits, `.`, `-`, `_` as `_`).
pub fn finding_anchor(key: &str) -> String {
    let k: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("finding-{k}")
}

/// The HTML links of a finding to the paths it opens.
pub fn html_finding_links(h: &mut String, p: &AttackPaths, key: &str) {
    use super::html::escape as e;
    let links = p.opened_by(key);
    if links.is_empty() {
        return;
    }
    let items: Vec<String> = links
        .iter()
        .map(|l| format!("<a href=\"#ap-{}\">{}</a>", e(&l.id), e(&l.text)))
        .collect();
    let _ = writeln!(h, "<p class=\"opens\">{}</p>", items.join(" · "));
}
