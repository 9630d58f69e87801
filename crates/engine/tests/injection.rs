//! Output injection: strings from a hostile tenant (descriptions, group
//! names, domains, incident codes, file names, acceptances) and from the
//! cover fields must come out of every human-facing format as inert text —
//! no live link, HTML or markup in Markdown, no control character on a
//! terminal, no formula in a spreadsheet — and the small input promises that
//! go with them: JSON syntax errors name their JSON path, UTF-32 is named,
//! and no date outside four-digit years is accepted.
//!
//! Each test feeds a whole class of attack strings, not one example.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{parse_document, Arena, Options as MdOptions};
use engine::compare::{compare, render_text as render_comparison};
use engine::export::{self, ExportOptions, Format};
use engine::model::parse_date;
use engine::report::{render_text, Report};
use engine::{analyze, InputFile};
use serde_json::{json, Value};

use crate::util::{at, col, parse_csv, root};

/// Every attack string carries this marker, so it can be told from the
/// tool's own text wherever it ends up.
const MARK: &str = "zqx";

fn pitfall() -> Value {
    serde_json::from_slice(
        &std::fs::read(root().join("samples/pitfall-tenant.bundle.json")).unwrap(),
    )
    .unwrap()
}

/// The tenant's free-text fields that reports quote.
const FREE_TEXT: [&str; 8] = [
    "description",
    "name",
    "code",
    "reason",
    "notifyGroup",
    "notes",
    "group",
    "tagSubject",
];

/// Prefixes every free-text string of `v` with one of `attacks` in turn.
fn poison(v: &mut Value, attacks: &[String], next: &mut usize) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::String(s) if FREE_TEXT.contains(&k.as_str()) && !s.is_empty() => {
                        *s = format!("{} {s}", attacks[*next % attacks.len()]);
                        *next += 1;
                    }
                    _ => poison(x, attacks, next),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| poison(x, attacks, next)),
        _ => {}
    }
}

/// The pitfall tenant with `attacks` in its free text (the first at
/// `offset`, the next in the next field …), in extra internal domains
/// (unprotected: ASP003 quotes them) and in an acceptance of its first
/// finding; read from a file named after one of the attacks.
fn hostile_report(attacks: &[String], domains: &[&str], offset: usize) -> Report {
    let mut b = pitfall();
    let mut next = offset;
    poison(&mut b, attacks, &mut next);
    let list = b["internalDomains"]["data"].as_array_mut().unwrap();
    for d in domains {
        list.push(json!({"domain": d}));
    }
    let attack = |i: usize| attacks[(offset + i) % attacks.len()].clone();
    let name = format!("{}.json", attack(0));
    let file = |b: &Value| InputFile::new(name.clone(), b.to_string());
    let first = analyze(&[file(&b)], &at());
    let key = first
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .next()
        .unwrap()
        .key
        .clone();
    b["acceptances"] = json!([{
        "finding": key, "owner": attack(1), "reason": attack(2),
        "expires": "2099-01-01", "acceptedOn": "2026-01-05"
    }]);
    analyze(&[file(&b)], &at())
}

/// The attacks that reached report `r`.
fn reached<'a>(r: &Report, attacks: &'a [String]) -> Vec<&'a str> {
    let json = r.to_json();
    attacks
        .iter()
        .filter(|a| {
            let quoted = serde_json::to_string(a.trim()).unwrap();
            json.contains(&quoted[1..quoted.len() - 1])
        })
        .map(String::as_str)
        .collect()
}

/// Hostile reports that between them quote every attack (each field gets
/// every attack in turn until all have reached a report).
fn hostile_reports(attacks: &[String], domains: &[&str]) -> Vec<Report> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for offset in 0..attacks.len() {
        let r = hostile_report(attacks, domains, offset);
        let new: Vec<&str> = reached(&r, attacks)
            .into_iter()
            .filter(|a| seen.insert(*a))
            .collect();
        if !new.is_empty() {
            out.push(r);
        }
        if seen.len() == attacks.len() {
            return out;
        }
    }
    panic!(
        "attacks that reach no report: {:?}",
        attacks
            .iter()
            .filter(|a| !seen.contains(a.as_str()))
            .collect::<Vec<_>>()
    );
}

fn cover_with(attack: &str) -> ExportOptions {
    ExportOptions {
        title: format!("{attack} title"),
        customer: format!("{attack} customer"),
        assessor: format!("{attack} assessor"),
        date: format!("{attack} date"),
        redact: false,
    }
}

// ------------------------------------------------------------ 13 Markdown

/// What GitHub Flavored Markdown would turn into a link, HTML or markup,
/// or uses to break a line, a table or a code span.
fn markdown_attacks() -> Vec<String> {
    [
        "https://zqx.example/phish?a=1",
        "www.zqx.example",
        "see www.zqx.example/login now",
        "zqx@evil.example",
        "mailto:zqx@evil.example",
        "xmpp:zqx@evil.example/res",
        "ftp://zqx.example/x",
        "<https://zqx.example>",
        "<zqx@evil.example>",
        "@zqx-team please approve",
        "#1 zqx GH-2 org/repo#3",
        "[zqx](https://evil.example)",
        "![zqx](https://evil.example/pixel.png)",
        "[zqx][ref]\n\n[ref]: https://evil.example",
        "<img src=x onerror=alert(1)> zqx",
        "<script>zqx()</script>",
        "<!-- zqx",
        "<a href=\"https://evil.example\">zqx</a>",
        "&lt;zqx&gt; &copy;",
        "**zqx** __zqx__ *zqx* _zqx_ ~~zqx~~ ~zqx~",
        "`zqx` ``zqx`` ```",
        "zqx`",
        "`zqx",
        "| zqx | cell |\n|---|---|",
        "zqx\n# heading",
        "zqx\n\n## heading\n- item",
        "zqx\r\n> quote",
        "zqx\n```\nfence",
        "zqx\\",
        "zqx [^1]\n\n[^1]: note",
        "- [x] zqx task",
        "  zqx  ",
        "zqx\u{202e}fdp.exe",
        "zqx\u{1b}[31mred",
    ]
    .map(String::from)
    .to_vec()
}

fn gfm() -> MdOptions<'static> {
    let mut o = MdOptions::default();
    o.extension.autolink = true;
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o
}

/// What a GFM renderer makes of the Markdown: the code spans' contents, and
/// every problem — a link, image, HTML, footnote, or tenant text outside a
/// code span (where GitHub would link an address, `@mention` or `#1`).
fn rendered(md: &str) -> (Vec<String>, Vec<String>) {
    let arena = Arena::new();
    let doc = parse_document(&arena, md, &gfm());
    let mut code = Vec::new();
    let mut problems = Vec::new();
    for n in doc.descendants() {
        let value = n.data.borrow().value.clone();
        match value {
            NodeValue::Code(c) => code.push(c.literal),
            NodeValue::Text(t) if t.to_lowercase().contains(MARK) => {
                problems.push(format!("tenant text outside a code span: {t:?}"))
            }
            NodeValue::Link(_)
            | NodeValue::Image(_)
            | NodeValue::HtmlInline(_)
            | NodeValue::HtmlBlock(_)
            | NodeValue::FootnoteReference(_)
            | NodeValue::FootnoteDefinition(_)
            | NodeValue::TaskItem(_)
            | NodeValue::CodeBlock(_)
            | NodeValue::BlockQuote => problems.push(format!("{value:?}: {:?}", text_of(n))),
            _ => {}
        }
    }
    (code, problems)
}

/// The text of a node and everything in it.
fn text_of<'a>(n: &'a AstNode<'a>) -> String {
    n.descendants()
        .filter_map(|d| match &d.data.borrow().value {
            NodeValue::Text(t) => Some(t.to_string()),
            NodeValue::Code(c) => Some(c.literal.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_renders_no_tenant_string_as_a_link_html_or_markup() {
    let attacks = markdown_attacks();
    let reports = hostile_reports(&attacks, &["www.zqx-corp.example", "zqx.shop"]);
    let covers = [
        "https://zqx.example/x",
        "<b>zqx</b>",
        "[zqx](https://e.example)",
        "@zqx",
    ];
    for (i, r) in reports.iter().enumerate() {
        let attack = covers[i % covers.len()];
        let md = export::render(Format::Markdown, r, &cover_with(attack));
        let (code, problems) = rendered(&md);
        assert!(
            problems.is_empty(),
            "{} problems, e.g.:\n{}",
            problems.len(),
            problems[..problems.len().min(8)].join("\n")
        );
        // Shown, not dropped: each attack is the content of some code span
        // (control characters and line breaks as visible escapes).
        for a in reached(r, &attacks)
            .into_iter()
            .chain([attack, "www.zqx-corp.example"])
        {
            let shown = escaped(a.trim());
            assert!(
                code.iter().any(|c| c.contains(&shown)),
                "{a:?} is not shown in a code span"
            );
        }
        // The structure is the tool's alone: one title; a heading per
        // failing rule, plus the action plan, scope and (when there are
        // any) accepted risks, provenance and (when evaluated) the attack
        // paths; a table row per failing rule, per finding in the plan, per
        // accepted risk, per input file and per attack-path result, each
        // table with its header row.
        let arena = Arena::new();
        let doc = parse_document(&arena, &md, &gfm());
        let headings = |level: u8| {
            doc.descendants()
                .filter(
                    |n| matches!(&n.data.borrow().value, NodeValue::Heading(h) if h.level == level),
                )
                .count()
        };
        assert_eq!(headings(1), 1);
        let findings: Vec<_> = r.results.iter().flat_map(|x| &x.findings).collect();
        let risks = findings.iter().filter(|f| f.acceptance.is_some()).count();
        let paths = &r.attack_paths;
        assert_eq!(
            headings(2),
            r.summary.failed + 3 + usize::from(risks > 0) + usize::from(paths.evaluated)
        );
        let rows = doc
            .descendants()
            .filter(|n| matches!(n.data.borrow().value, NodeValue::TableRow(_)))
            .count();
        let table = |n: usize| if n == 0 { 0 } else { n + 1 };
        assert_eq!(
            rows,
            table(r.summary.failed)
                + table(findings.len())
                + table(risks)
                + table(r.provenance.files.len())
                + table(if paths.evaluated {
                    paths.results.len()
                } else {
                    0
                })
        );
    }
}

#[test]
fn markdown_code_spans_hold_any_run_of_backticks() {
    // A code span ends at the first run of as many backticks as opened it.
    for s in [
        "`",
        "``",
        "a`b``c```d",
        "```",
        "` x `",
        "`x",
        "x`",
        " ` ",
        "````````",
    ] {
        let mut b = pitfall();
        b["antiSpoofingPolicies"]["definitions"][4]["policy"]["description"] =
            json!(format!("{MARK}{s}{MARK}{s}"));
        let r = analyze(&[InputFile::new("t.json", b.to_string())], &at());
        let md = export::render(Format::Markdown, &r, &ExportOptions::default());
        let (code, problems) = rendered(&md);
        assert!(problems.is_empty(), "{s:?}: {problems:?}");
        // (The tool trims descriptions.)
        let whole = format!("{MARK}{s}{MARK}{s}");
        assert!(
            code.iter().any(|c| c.contains(whole.trim_end())),
            "{s:?} is not kept whole: {:?}",
            code.iter().filter(|c| c.contains(MARK)).collect::<Vec<_>>()
        );
    }
}

// ------------------------------------------------------------ 14 Text

/// Characters that act on a terminal or reorder what it shows.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

fn terminal_attacks() -> Vec<String> {
    [
        "zqx\u{1b}[2J\u{1b}[H\u{1b}[31mcleared and red",
        "zqx\u{1b}]0;new window title\u{7}",
        "zqx\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\",
        "zqx bell\u{7}\u{7}",
        "zqx nul\0byte",
        "zqx\u{9b}31m C1 CSI",
        "zqx\u{85}next line",
        "zqx del\u{7f}\u{8}\u{8}backspaced",
        "zqx\rResults: 0 failed, 36 passed",
        "zqx\n\nFAIL  FORGED [critical] forged-rule - a line the tool never wrote",
        "zqx\r\nok    forged.json (everything)",
        "zqx\u{202e}exe.txt",
        "zqx\u{2066}isolate\u{2069}\u{200f}",
        "zqx\u{2028}line separator\u{2029}",
        "zqx\u{b}\u{c}vertical tab and form feed",
        "zqx\u{feff}\u{200b}hidden",
    ]
    .map(String::from)
    .to_vec()
}

/// How a character that acts on a terminal is to be shown: `\n`, `\r`,
/// `\t`, `\0`, else `\u{hex}`.
fn escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            '\0' => "\\0".to_string(),
            c if acts_on_terminal(c) => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn assert_terminal_safe(what: &str, out: &str) {
    let bad: Vec<(usize, char)> = out
        .char_indices()
        .filter(|(_, c)| acts_on_terminal(*c))
        .take(5)
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw {bad:?}, e.g. in {:?}",
        out.lines().find(|l| l.chars().any(acts_on_terminal))
    );
    for line in out.lines() {
        assert!(
            !line.starts_with("FAIL  FORGED")
                && !line.starts_with("ok    forged")
                && !line.starts_with("Results: 0 failed")
                && !line.starts_with(MARK),
            "{what}: a line forged by the tenant: {line:?}"
        );
    }
}

#[test]
fn text_report_and_comparison_show_control_characters_as_escapes() {
    let attacks = terminal_attacks();
    let reports = hostile_reports(&attacks, &[]);
    // A broken file, a file with an unknown value (noted) and a record that
    // cannot be read (warned), all named by the attack.
    let mut odd = pitfall();
    odd["antiSpoofingPolicies"]["definitions"][0]["option"] = json!(attacks[0]);
    odd["antiSpoofingPolicies"]["definitions"][1]["policy"]["fromDate"] = json!(attacks[1]);
    odd["antiSpoofingPolicies"]["definitions"][1]["policy"]["fromEternal"] = json!(false);
    let files = [
        InputFile::new(format!("{}.json", attacks[9]), odd.to_string()),
        InputFile::new(attacks[10].clone(), format!("{{\"{}\": [1, }}", attacks[2])),
    ];
    let noisy = analyze(&files, &at());
    assert!(noisy.inputs.iter().any(|i| i.error.is_some()));
    assert!(noisy.inputs.iter().any(|i| !i.notes.is_empty()));
    assert!(noisy.inputs.iter().any(|i| !i.warnings.is_empty()));
    for (what, report) in reports
        .iter()
        .map(|r| ("hostile tenant", r))
        .chain([("broken inputs", &noisy)])
    {
        let text = render_text(report);
        assert!(text.contains(MARK));
        assert_terminal_safe(what, &text);
        assert_terminal_safe(
            what,
            &export::render(Format::Text, report, &ExportOptions::default()),
        );
    }
    // Escaped, not dropped.
    let all: String = reports.iter().map(render_text).collect();
    for shown in [
        "zqx\\u{1b}[2J\\u{1b}[H",
        "zqx\\u{1b}]0;new window title\\u{7}",
        "\\n\\nFAIL  FORGED",
        "zqx\\rResults",
        "zqx\\u{202e}exe.txt",
        "zqx nul\\0byte",
        "zqx\\u{9b}31m",
        "zqx del\\u{7f}\\u{8}",
        "zqx\\u{2028}line separator\\u{2029}",
        "zqx\\u{feff}\\u{200b}hidden",
    ] {
        assert!(all.contains(shown), "{shown} is not shown");
    }
    let r = &reports[0];

    // The comparison lists new, fixed and accepted findings with their
    // keys, messages and acceptances: both directions.
    let clean = analyze(
        &[InputFile::new("clean.json", pitfall().to_string())],
        &at(),
    );
    for (before, after) in [(&clean, r), (r, &clean), (r, r)] {
        let c = render_comparison(&compare(before, after));
        assert!(c.contains(MARK));
        assert_terminal_safe("comparison", &c);
    }
}

#[test]
fn markdown_and_csv_printed_on_a_terminal_carry_no_control_characters() {
    let attacks = terminal_attacks();
    for r in hostile_reports(&attacks, &[]) {
        let md = export::render(Format::Markdown, &r, &cover_with(&attacks[0]));
        assert_terminal_safe("markdown", &md);
        // CSV keeps line breaks and tabs inside quoted cells, and ends rows
        // with CRLF; after the byte-order mark that opens the file, nothing
        // else may act on a terminal.
        let csv = export::render(Format::Csv, &r, &cover_with(&attacks[0]));
        let body = csv
            .strip_prefix(engine::export::csv::BOM)
            .expect("the CSV opens with its byte-order mark");
        let bad: Vec<char> = body
            .chars()
            .filter(|c| acts_on_terminal(*c) && !matches!(c, '\r' | '\t'))
            .collect();
        assert!(bad.is_empty(), "csv: {bad:?}");
    }
}

// ------------------------------------------------------------ 15 CSV

/// What a spreadsheet may skip before a formula: whitespace, controls and
/// characters that show nothing.
fn blank(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// `=`, `+`, `-`, `@` in every width.
fn formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\u{FF1D}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF20}'
            | '\u{FE66}'
            | '\u{FE62}'
            | '\u{FE63}'
            | '\u{FE6B}'
            | '\u{2212}'
    )
}

const PREFIXES: [&str; 24] = [
    "\u{FEFF}",
    "\u{FEFF}\u{FEFF}",
    " ",
    "   ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    " \t\r\n ",
    "\u{A0}",
    "\u{2003}",
    "\u{3000}",
    "\u{200B}",
    "\u{200D}",
    "\u{2060}",
    "\u{202E}",
    "\u{2066}",
    "\u{AD}",
    "\u{1B}",
    "\u{85}",
    "\u{FE0F}",
    "\u{3164}",
    "\u{FEFF} \u{200B}\t",
    "",
];

const STARTS: [&str; 13] = [
    "=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "−",
];

#[test]
fn csv_neutralises_formulas_behind_any_invisible_prefix_and_in_any_width() {
    let domains: Vec<String> = PREFIXES
        .iter()
        .zip(STARTS.iter().cycle())
        .map(|(p, s)| format!("{p}{s}cmd{MARK}.example"))
        .collect();
    let bundle = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": domains.iter().map(|d| json!({"domain": d})).collect::<Vec<_>>(),
        "antiSpoofingPolicies": []
    })
    .to_string();
    let mut checked = 0;
    for (i, p) in PREFIXES.iter().enumerate() {
        for s in STARTS {
            let name = format!("{p}{s}HYPERLINK(\"https://evil.example\",\"{MARK}\") {i}.json");
            let r = analyze(&[InputFile::new(name.clone(), bundle.clone())], &at());
            let rows = parse_csv(&export::render(Format::Csv, &r, &ExportOptions::default()));
            assert!(rows.len() > 1, "{name:?}: no findings");
            for row in &rows {
                for cell in row {
                    if cell.starts_with('\'') {
                        continue;
                    }
                    assert!(
                        !cell.starts_with(['\t', '\r', '\n']),
                        "{name:?}: {cell:?} starts with a control"
                    );
                    let first = cell.chars().find(|c| !blank(*c));
                    assert!(
                        !first.is_some_and(formula_start),
                        "{name:?}: {cell:?} would be a formula"
                    );
                }
            }
            // The file cell, and every object whose formula start survived
            // the tool's own cleaning of domain names, is marked as text.
            for row in &rows[1..] {
                let evidence = &row[col("evidence")];
                assert!(evidence.starts_with('\''), "{name:?}: file {evidence:?}");
                let object = &row[col("object")];
                assert!(
                    object.starts_with('\'') || object.starts_with("cmd"),
                    "{name:?}: object {object:?} is not neutralised"
                );
                checked += usize::from(object.starts_with('\''));
            }
        }
    }
    assert!(checked > PREFIXES.len() * STARTS.len() * 10, "{checked}");
}

#[test]
fn csv_leaves_harmless_cells_alone() {
    let bundle = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "a=b.example"}, {"domain": "\u{feff}plain.example"}],
        "antiSpoofingPolicies": []
    })
    .to_string();
    let r = analyze(&[InputFile::new(" report 1-2.json", bundle)], &at());
    let rows = parse_csv(&export::render(Format::Csv, &r, &ExportOptions::default()));
    let objects: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[col("object")].as_str())
        .collect();
    assert_eq!(objects, ["a=b.example", "\\u{feff}plain.example"]);
    assert!(rows[1..]
        .iter()
        .all(|r| r[col("evidence")].starts_with(" report 1-2.json at ")));
}

// ------------------------------------------------------------ 16 Small

#[test]
fn json_syntax_errors_carry_the_json_path() {
    for (text, path) in [
        ("{\"data\": [{\"id\": \"a\"}, {\"id\": tru}]}", "data[1].id"),
        ("{\"data\": [1, 2, x]}", "data[2]"),
        (
            "{\"internalDomains\": {\"data\": [{\"domain\": \"a.example\"",
            "internalDomains.data[0]",
        ),
        (
            "{\"internalDomains\": {\"data\": [{\"domain\": \"a.exa",
            "internalDomains.data[0].domain",
        ),
        (
            "{\"antiSpoofingPolicies\": {\"data\": [{\"policy\": {\"description\": \"cut",
            "antiSpoofingPolicies.data[0].policy.description",
        ),
        ("{\"data\": [{\"id\" 1}]}", "data[0]"),
        ("{\"a\": {\"b\": [[{\"c\": 01}]]}}", "a.b[0][0].c"),
        ("not json", "."),
        ("{} []", "."),
    ] {
        let r = analyze(&[InputFile::new("broken.json", text)], &at());
        let input = &r.inputs[0];
        let loc = input
            .error_location
            .as_ref()
            .unwrap_or_else(|| panic!("{text}: no location"));
        assert_eq!(loc.path.as_deref(), Some(path), "{text}");
        assert!(loc.line.is_some() && loc.column.is_some(), "{text}");
        let error = input.error.as_deref().unwrap();
        if path != "." {
            assert!(error.contains(&format!("(in {path})")), "{text}: {error}");
        }
        let json: Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(json["inputs"][0]["errorLocation"]["path"], path, "{text}");
    }
}

fn utf32(text: &str, bom: bool, little: bool) -> Vec<u8> {
    let bom = bom.then_some(0xFEFF_u32);
    bom.into_iter()
        .chain(text.chars().map(u32::from))
        .flat_map(|c| {
            if little {
                c.to_le_bytes()
            } else {
                c.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn utf32_files_are_named_as_such() {
    let bundle =
        std::fs::read_to_string(root().join("samples/pitfall-tenant.bundle.json")).unwrap();
    for text in [bundle.as_str(), "{}", "[{\"domain\": \"münchen.example\"}]"] {
        for bom in [true, false] {
            for little in [true, false] {
                let r = analyze(
                    &[InputFile::new("wide.json", utf32(text, bom, little))],
                    &at(),
                );
                let error = r.inputs[0].error.as_deref().unwrap_or_default();
                assert!(
                    error.contains("UTF-32 is not supported"),
                    "bom {bom}, little-endian {little}: {error}"
                );
            }
        }
    }
}

#[test]
fn dates_outside_four_digit_years_are_refused_naming_the_bounds() {
    for bad in [
        "-0001-01-01",
        "-0001-01-01T00:00:00",
        "+10000-01-01",
        "+12345-06-07 08:09:10+0000",
        "0999-12-31",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:00:00-02:00",
    ] {
        let err = parse_date(bad).expect_err(bad);
        assert!(
            err.0.contains("1000") && err.0.contains("9999"),
            "{bad}: {err}"
        );
    }
    // Whatever a file says, every date in the report is RFC 3339.
    let mut b = pitfall();
    b["assessment"] = json!({"analysisDate": "-0001-01-01"});
    b["antiSpoofingPolicies"]["definitions"][1]["policy"]["fromDate"] = json!("+20000-01-01");
    b["antiSpoofingPolicies"]["definitions"][1]["policy"]["fromEternal"] = json!(false);
    let r = analyze(
        &[InputFile::new("dates.json", b.to_string())],
        &engine::Options::default(),
    );
    assert!(
        chrono::DateTime::parse_from_rfc3339(&r.analysis_date).is_ok(),
        "{}",
        r.analysis_date
    );
    let warnings = r.inputs[0].warnings.join("\n");
    assert!(warnings.contains("1000 to 9999"), "{warnings}");
}
