//! Rule documentation: the doc comment, split into its fixed sections, and a
//! small Markdown reader (paragraphs, lists, `code`, **strong**, *emphasis*)
//! so the UI and the text report render the same text without HTML.

/// A rule's documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    /// The summary: the first non-empty line before the first heading.
    pub summary: String,
    /// `(heading, markdown body)` in order.
    pub sections: Vec<(String, String)>,
}

impl RuleDoc {
    /// Splits a rule's doc text into its summary and its `## ` sections.
    pub fn parse(raw: &str) -> RuleDoc {
        let lines: Vec<&str> = raw
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        let mut summary = String::new();
        let mut sections: Vec<(String, String)> = Vec::new();
        for line in lines {
            if let Some(h) = line.strip_prefix("## ") {
                sections.push((h.trim().to_string(), String::new()));
            } else if let Some((_, body)) = sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            } else if !line.trim().is_empty() && summary.is_empty() {
                summary = line.trim().to_string();
            }
        }
        for (_, body) in &mut sections {
            *body = body.trim().to_string();
        }
        RuleDoc { summary, sections }
    }

    /// The body of the section with this heading, if there is one.
    pub fn section(&self, heading: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(h, _)| h == heading)
            .map(|(_, b)| b.as_str())
    }
}

/// A span of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Code, written between backticks.
    Code(String),
    /// Strong text, written between `**`.
    Strong(String),
    /// Emphasised text, written between `*`.
    Em(String),
}

/// A block of Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (its lines joined by spaces).
    Paragraph(Vec<Inline>),
    /// A bullet list: one list of spans per item.
    List(Vec<Vec<Inline>>),
}

/// Splits Markdown into paragraphs and bullet lists.
pub fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush = |para: &mut Vec<&str>, items: &mut Vec<String>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(inlines(&para.join(" "))));
            para.clear();
        }
        if !items.is_empty() {
            out.push(Block::List(items.iter().map(|i| inlines(i)).collect()));
            items.clear();
        }
    };
    for line in md.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut items, &mut out);
        } else if let Some(item) = t.strip_prefix("- ") {
            if !para.is_empty() {
                let mut none = Vec::new();
                flush(&mut para, &mut none, &mut out);
            }
            items.push(item.to_string());
        } else if !items.is_empty() && line.starts_with("  ") {
            let last = items.last_mut().expect("non-empty");
            last.push(' ');
            last.push_str(t);
        } else {
            if !items.is_empty() {
                let mut none = Vec::new();
                flush(&mut none, &mut items, &mut out);
            }
            para.push(t);
        }
    }
    flush(&mut para, &mut items, &mut out);
    out
}

/// Splits one paragraph into inline spans.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = [("`", "`"), ("**", "**"), ("*", "*")]
            .iter()
            .filter_map(|(open, close)| {
                let start = rest.find(open)?;
                let end = rest[start + open.len()..].find(close)? + start + open.len();
                (end > start + open.len()).then_some((start, end, *open))
            })
            .min_by_key(|(start, _, open)| (*start, std::cmp::Reverse(open.len())));
        let Some((start, end, open)) = next else {
            out.push(Inline::Text(rest.to_string()));
            break;
        };
        if start > 0 {
            out.push(Inline::Text(rest[..start].to_string()));
        }
        let inner = rest[start + open.len()..end].to_string();
        out.push(match open {
            "`" => Inline::Code(inner),
            "**" => Inline::Strong(inner),
            _ => Inline::Em(inner),
        });
        rest = &rest[end + open.len()..];
    }
    out
}

/// Plain text of Markdown (marks removed), for the text report.
pub fn plain(md: &str) -> String {
    blocks(md)
        .iter()
        .map(|b| match b {
            Block::Paragraph(i) => plain_inlines(i),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}", plain_inlines(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn plain_inlines(spans: &[Inline]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Inline::Text(t) | Inline::Code(t) | Inline::Strong(t) | Inline::Em(t) => t.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_summary_and_sections() {
        let d = RuleDoc::parse(
            " Summary line.\n\n ## Why it matters\n\n It matters.\n ## How to fix it\n Fix it.\n",
        );
        assert_eq!(d.summary, "Summary line.");
        assert_eq!(d.section("Why it matters"), Some("It matters."));
        assert_eq!(d.section("How to fix it"), Some("Fix it."));
        assert_eq!(d.section("Nope"), None);
    }

    #[test]
    fn reads_inline_marks_and_lists() {
        assert_eq!(
            inlines("set `apply` on **Policies > X** or *Both*."),
            vec![
                Inline::Text("set ".into()),
                Inline::Code("apply".into()),
                Inline::Text(" on ".into()),
                Inline::Strong("Policies > X".into()),
                Inline::Text(" or ".into()),
                Inline::Em("Both".into()),
                Inline::Text(".".into()),
            ]
        );
        let b = blocks("Intro\nmore.\n\n- one\n  cont\n- two\nafter");
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[1],
            Block::List(vec![
                vec![Inline::Text("one cont".into())],
                vec![Inline::Text("two".into())]
            ])
        );
        assert_eq!(plain("a `b` **c**\n\n- d"), "a b c\n\n- d");
    }

    #[test]
    fn unbalanced_marks_stay_text() {
        assert_eq!(
            inlines("5 * 3 and `x"),
            vec![Inline::Text("5 * 3 and `x".into())]
        );
    }
}
