//! The Public Suffix List, for the registrable part of a domain.
//!
//! The list (https://publicsuffix.org/list/, MPL 2.0; ICANN and PRIVATE
//! sections) is embedded as text in `public_suffixes.txt`, written by
//! `scripts/public-suffixes.py`: the rules as a tree of labels, right to
//! left. One line per last label, then the labels under it, each followed
//! by the labels under it in parentheses (`jp kyoto(ayabe) …` for
//! `kyoto.jp`, `ayabe.kyoto.jp` …); a label that is only a parent, not a
//! rule, starts with `?`; `*` and `!` keep their wildcard and exception
//! meaning. The text writes each shared label once, gzips to less than a
//! data trie's tables, and is read into sets once, on the first lookup
//! (redaction, and DMARC alignment in the explainer).

use std::collections::HashSet;
use std::sync::OnceLock;

/// The list's rules of two labels or more, split by kind.
#[derive(Default)]
struct Rules {
    /// Normal rules (`co.uk`).
    normal: HashSet<String>,
    /// The parents of wildcard rules (`ck` for `*.ck`).
    wildcard: HashSet<String>,
    /// Exception rules, without their `!` (`www.ck`).
    exception: HashSet<String>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r = Rules::default();
        for line in include_str!("public_suffixes.txt").lines() {
            r.read_line(line);
        }
        r
    })
}

impl Rules {
    /// One line of the list: a top-level label, then the labels under it,
    /// each followed by its own in parentheses (`jp kyoto(ayabe) ?s(*)`).
    fn read_line(&mut self, line: &str) {
        let Some((tld, rest)) = line.split_once(' ') else {
            return;
        };
        // The names whose children are being read, innermost last.
        let mut parents = vec![tld.to_string()];
        // The name of the label read last: the parent of a `(` after it.
        let mut last = String::new();
        for token in rest.split_inclusive([' ', '(', ')']) {
            let (label, end) = match token.strip_suffix([' ', '(', ')']) {
                Some(label) => (label, token.chars().last()),
                None => (token, None),
            };
            if !label.is_empty() {
                let parent = parents.last().map_or("", String::as_str);
                last = self.add(label, parent);
            }
            match end {
                Some('(') => parents.push(std::mem::take(&mut last)),
                Some(')') => {
                    parents.pop();
                }
                _ => {}
            }
        }
    }

    /// Records `label` under the name `parent` and returns its full name.
    fn add(&mut self, label: &str, parent: &str) -> String {
        if label == "*" {
            self.wildcard.insert(parent.to_string());
            return format!("*.{parent}");
        }
        if let Some(name) = label.strip_prefix('?') {
            return format!("{name}.{parent}");
        }
        if let Some(name) = label.strip_prefix('!') {
            let full = format!("{name}.{parent}");
            self.exception.insert(full.clone());
            return full;
        }
        let full = format!("{label}.{parent}");
        self.normal.insert(full.clone());
        full
    }
}

/// The number of labels of the public suffix of `host` (a lowercase ASCII
/// or `xn--` host name, as redaction keys domains), by the list's
/// algorithm: an exception rule wins (its suffix is the rule less its first
/// label), else the matching rule of most labels, else the last label.
/// `None` for an empty host or one with an empty label.
fn suffix_labels(host: &str) -> Option<usize> {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() || host.split('.').any(str::is_empty) {
        return None;
    }
    let rules = rules();
    let starts = label_starts(host);
    let labels = starts.len();
    // The last k + 1 labels, for k = 1, 2, …: a rule of one label changes
    // nothing (the last label is a suffix anyway).
    let mut best = 1;
    for k in 1..labels {
        let candidate = &host[starts[labels - 1 - k]..];
        if rules.exception.contains(candidate) {
            return Some(k);
        }
        let parent = &host[starts[labels - k]..];
        if rules.normal.contains(candidate) || rules.wildcard.contains(parent) {
            best = k + 1;
        }
    }
    Some(best)
}

/// The byte offsets where the labels of `host` start, left to right.
fn label_starts(host: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(host.match_indices('.').map(|(i, _)| i + 1))
        .collect()
}

/// The registrable domain of `host`: its public suffix and one label more
/// (`example.co.uk` of `a.example.co.uk`); `None` when `host` is itself a
/// public suffix or not a host name.
pub fn registrable_domain(host: &str) -> Option<&str> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let n = suffix_labels(host)?;
    let starts = label_starts(host);
    let labels = starts.len();
    (n < labels).then(|| &host[starts[labels - n - 1]..])
}

/// Whether `host` is a public suffix (`co.uk`, `com`, any `x.ck` but
/// `www.ck`).
pub fn is_public_suffix(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    suffix_labels(host) == Some(host.split('.').count())
}

#[cfg(test)]
mod tests {
    use super::{is_public_suffix, registrable_domain, Rules};

    #[test]
    fn a_line_reads_as_the_rules_it_nests() {
        let mut r = Rules::default();
        r.read_line("app brave(?s(*)) ?hosted(*) expo(on staging(on)) x(!www)");
        let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            r.normal,
            set(&[
                "brave.app",
                "expo.app",
                "on.expo.app",
                "staging.expo.app",
                "on.staging.expo.app",
                "x.app",
            ])
        );
        assert_eq!(r.wildcard, set(&["s.brave.app", "hosted.app"]));
        assert_eq!(r.exception, set(&["www.x.app"]));
        // A line with no label under its first one holds no rule.
        let mut empty = Rules::default();
        empty.read_line("com");
        assert!(empty.normal.is_empty() && empty.wildcard.is_empty());
    }

    #[test]
    fn registrable_domains_follow_the_list() {
        assert_eq!(
            registrable_domain("a.b.example.co.uk"),
            Some("example.co.uk")
        );
        assert_eq!(registrable_domain("northwind.com."), Some("northwind.com"));
        assert_eq!(
            registrable_domain("mail.contoso.example"),
            Some("contoso.example")
        );
        // A private-section rule: each site is its own registrable domain.
        assert_eq!(
            registrable_domain("x.contoso.github.io"),
            Some("contoso.github.io")
        );
        // A wildcard (`*.ck`) and its exception (`!www.ck`).
        assert_eq!(registrable_domain("a.shop.ck"), Some("a.shop.ck"));
        assert_eq!(registrable_domain("a.www.ck"), Some("www.ck"));
        // Japanese city suffixes (three labels) and a punycode rule.
        assert_eq!(registrable_domain("x.y.kyoto.jp"), Some("y.kyoto.jp"));
        assert_eq!(
            registrable_domain("shop.xn--55qx5d.cn"),
            Some("shop.xn--55qx5d.cn")
        );
        assert_eq!(registrable_domain("co.uk"), None);
        assert_eq!(registrable_domain("com"), None);
        assert_eq!(registrable_domain(""), None);
        assert_eq!(registrable_domain("a..com"), None);
    }

    #[test]
    fn public_suffixes_follow_the_list() {
        for s in [
            "com",
            "co.uk",
            "github.io",
            "anything.ck",
            "xn--55qx5d.cn",
            "unknowntld",
        ] {
            assert!(is_public_suffix(s), "{s}");
        }
        for s in [
            "example.com",
            "www.ck",
            "northwind.co.uk",
            "a.github.io",
            "",
        ] {
            assert!(!is_public_suffix(s), "{s}");
        }
    }
}
