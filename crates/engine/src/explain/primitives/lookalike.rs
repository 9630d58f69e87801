//! Look-alike domains: the Damerau–Levenshtein distance and the similar
//! internal domain identifier (spec R4.7.2), the scenario look-alike `L(D)`
//! (R6.2) and the VIP impersonation local part (SC4).

use std::collections::HashMap;

use super::address::{normalise_display_name, normalise_domain};
use crate::model::Config;

/// The unrestricted Damerau–Levenshtein distance between two strings,
/// character by character: insertions, deletions, substitutions and
/// transpositions of adjacent characters, each costing 1, with edits
/// allowed between transposed characters (so `ca` → `abc` is 2, where the
/// optimal-string-alignment distance says 3). Case-sensitive: callers
/// normalise first. Time and memory grow with the product of the lengths:
/// callers bound them (as [`similar_internal_domain`] does).
pub fn damerau_levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return n.max(m);
    }
    // Lowrance–Wagner: a (n+2) x (m+2) table with a sentinel row and column.
    let width = m + 2;
    let max = n + m;
    let mut d = vec![0usize; (n + 2) * width];
    let at = |i: usize, j: usize| i * width + j;
    d[at(0, 0)] = max;
    for i in 0..=n {
        d[at(i + 1, 0)] = max;
        d[at(i + 1, 1)] = i;
    }
    for j in 0..=m {
        d[at(0, j + 1)] = max;
        d[at(1, j + 1)] = j;
    }
    // The last row where each character was seen in `a`.
    let mut last_row: HashMap<char, usize> = HashMap::new();
    for (i, ca) in a.iter().enumerate().map(|(i, c)| (i + 1, c)) {
        // The last column in this row where `a[i]` matched `b`.
        let mut last_match_col = 0;
        for (j, cb) in b.iter().enumerate().map(|(j, c)| (j + 1, c)) {
            let i1 = last_row.get(cb).copied().unwrap_or(0);
            let j1 = last_match_col;
            let cost = if ca == cb {
                last_match_col = j;
                0
            } else {
                1
            };
            let substitution = d[at(i, j)] + cost;
            let insertion = d[at(i + 1, j)] + 1;
            let deletion = d[at(i, j + 1)] + 1;
            let transposition = d[at(i1, j1)] + (i - i1 - 1) + 1 + (j - j1 - 1);
            d[at(i + 1, j + 1)] = substitution.min(insertion).min(deletion).min(transposition);
        }
        last_row.insert(*ca, i);
    }
    d[at(n + 1, m + 1)]
}

/// The largest distance at which a domain counts as similar to an internal
/// domain `i`: 1 when `i` (the whole domain name, dots included) has at
/// most 8 characters, else 2.
pub fn max_similar_distance(internal: &str) -> usize {
    if internal.chars().count() <= 8 {
        1
    } else {
        2
    }
}

/// The `similar_internal_domain` identifier (R4.7.2): when `domain` is not
/// internal and lies at a Damerau–Levenshtein distance between 1 and the
/// maximum ([`max_similar_distance`]) of some internal domain, that domain
/// and the distance — the smallest distance, then the alphabetically first
/// domain. Both sides are compared normalised (lower-case, no trailing dot).
pub fn similar_internal_domain(cfg: &Config, domain: &str) -> Option<(String, usize)> {
    let d = normalise_domain(domain);
    if d.is_empty() || cfg.internal_domain_containing(&d).is_some() {
        return None;
    }
    let len = d.chars().count();
    cfg.internal_domains
        .iter()
        .map(|i| normalise_domain(&i.domain))
        .filter(|i| !i.is_empty())
        .filter_map(|i| {
            // The distance is at least the difference in length: skip the
            // table (quadratic in the lengths) when that already exceeds the
            // maximum, so a very long sender domain costs nothing.
            let max = max_similar_distance(&i);
            if len.abs_diff(i.chars().count()) > max {
                return None;
            }
            let distance = damerau_levenshtein(&d, &i);
            (1..=max).contains(&distance).then_some((i, distance))
        })
        .min_by(|(da, xa), (db, xb)| xa.cmp(xb).then_with(|| da.cmp(db)))
}

/// The substitutions of `L(D)`, in priority order.
const SUBSTITUTIONS: &[(char, &str)] = &[
    ('l', "1"),
    ('o', "0"),
    ('i', "1"),
    ('m', "rn"),
    ('e', "3"),
    ('a', "4"),
    ('s', "5"),
];

/// The scenario look-alike `L(D)` (R6.2): in the first label of the
/// (normalised) domain, the first applicable substitution of `l→1`, `o→0`,
/// `i→1`, `m→rn`, `e→3`, `a→4`, `s→5`, at its first occurrence; when none
/// applies, the label's last character doubled; the rest of the domain
/// kept. `example.com` → `examp1e.com`; `xyz.example` → `xyzz.example`. An
/// empty first label is left as it is.
pub fn lookalike_of(domain: &str) -> String {
    let d = normalise_domain(domain);
    let (label, rest) = match d.split_once('.') {
        Some((label, rest)) => (label, Some(rest)),
        None => (d.as_str(), None),
    };
    let changed = SUBSTITUTIONS
        .iter()
        .find_map(|(from, to)| {
            label
                .find(*from)
                .map(|pos| format!("{}{to}{}", &label[..pos], &label[pos + from.len_utf8()..]))
        })
        .or_else(|| label.chars().last().map(|c| format!("{label}{c}")))
        .unwrap_or_else(|| label.to_string());
    match rest {
        Some(rest) => format!("{changed}.{rest}"),
        None => changed,
    }
}

/// The local part an attacker would pick to impersonate a VIP (SC4): the
/// name normalised ([`normalise_display_name`]: lower-cased, full-width
/// forms to ASCII), common accented Latin letters folded to ASCII, every
/// run of other characters made one `.`, leading and trailing dots
/// removed, then `.office` appended: "Jane Doe" → `jane.doe.office`. A name
/// with no letter or digit gives `office`.
pub fn vip_local_part(name: &str) -> String {
    let mut folded = String::new();
    for c in normalise_display_name(name).chars() {
        match fold_char(c) {
            Some(ascii) => folded.push_str(ascii),
            None if c.is_ascii_alphanumeric() => folded.push(c),
            None => folded.push('.'),
        }
    }
    let words: Vec<&str> = folded.split('.').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        "office".to_string()
    } else {
        format!("{}.office", words.join("."))
    }
}

/// The ASCII letters a lower-case accented Latin letter folds to.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_config::config;
    use super::*;

    /// Plain Levenshtein distance, to compare against.
    fn levenshtein(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }

    #[test]
    fn distances_of_single_edits() {
        assert_eq!(damerau_levenshtein("example.com", "example.com"), 0);
        assert_eq!(damerau_levenshtein("examp1e.com", "example.com"), 1);
        assert_eq!(damerau_levenshtein("exmaple.com", "example.com"), 1);
        assert_eq!(damerau_levenshtein("examplee.com", "example.com"), 1);
        assert_eq!(damerau_levenshtein("exampe.com", "example.com"), 1);
        assert_eq!(damerau_levenshtein("exarnple.com", "example.com"), 2);
        assert_eq!(damerau_levenshtein("", "abc"), 3);
        assert_eq!(damerau_levenshtein("abc", ""), 3);
        assert_eq!(damerau_levenshtein("", ""), 0);
    }

    #[test]
    fn the_distance_is_the_unrestricted_one_not_optimal_string_alignment() {
        // OSA gives 3 here: it cannot edit between transposed characters.
        assert_eq!(damerau_levenshtein("ca", "abc"), 2);
        assert_eq!(damerau_levenshtein("abc", "ca"), 2);
        assert_eq!(levenshtein("ca", "abc"), 3);
        assert_eq!(damerau_levenshtein("abcdef", "badcfe"), 3);
        assert_eq!(damerau_levenshtein("a.cb", "abc"), 2);
    }

    #[test]
    fn the_distance_is_case_sensitive_and_counts_characters() {
        assert_eq!(damerau_levenshtein("Example", "example"), 1);
        assert_eq!(damerau_levenshtein("bücher", "bucher"), 1);
    }

    #[test]
    fn similar_domains_are_near_an_internal_domain_but_not_internal() {
        let cfg = config(&["example.com", "example.org", "ab.io"], &[]);
        assert_eq!(
            similar_internal_domain(&cfg, "examp1e.com"),
            Some(("example.com".to_string(), 1))
        );
        assert_eq!(
            similar_internal_domain(&cfg, "EXAMP1E.COM."),
            Some(("example.com".to_string(), 1))
        );
        // Long internal domain (11 characters): up to distance 2.
        assert_eq!(
            similar_internal_domain(&cfg, "exarnple.com"),
            Some(("example.com".to_string(), 2))
        );
        assert_eq!(similar_internal_domain(&cfg, "exarnp1e.com"), None);
        // Internal domains and their subdomains are anti-spoofing's job.
        assert_eq!(similar_internal_domain(&cfg, "example.com"), None);
        assert_eq!(similar_internal_domain(&cfg, "mail.example.com"), None);
        // Short internal domain (5 characters): distance 1 only.
        assert_eq!(
            similar_internal_domain(&cfg, "ab.iq"),
            Some(("ab.io".to_string(), 1))
        );
        assert_eq!(similar_internal_domain(&cfg, "ba.iq"), None);
        assert_eq!(similar_internal_domain(&cfg, "partner.example"), None);
        assert_eq!(similar_internal_domain(&cfg, ""), None);
        let huge = format!("{}.example", "a".repeat(1_000_000));
        assert_eq!(similar_internal_domain(&cfg, &huge), None);
    }

    #[test]
    fn the_smallest_distance_wins_then_the_alphabetically_first_domain() {
        let cfg = config(&["example.org", "example.com", "example.net"], &[]);
        // examplx.co: 2 from example.com; 3 from the others.
        assert_eq!(
            similar_internal_domain(&cfg, "examplx.co"),
            Some(("example.com".to_string(), 2))
        );
        // example.co is at distance 1 from .com, 2 from .org.
        assert_eq!(
            similar_internal_domain(&cfg, "example.co"),
            Some(("example.com".to_string(), 1))
        );
        // example.ne: 1 from .net, 2 from .com.
        assert_eq!(
            similar_internal_domain(&cfg, "example.ne"),
            Some(("example.net".to_string(), 1))
        );
        // Equal distances: the alphabetically first internal domain.
        let tie = config(&["exampla.com", "example.com"], &[]);
        assert_eq!(
            similar_internal_domain(&tie, "examplo.com"),
            Some(("exampla.com".to_string(), 1))
        );
    }

    #[test]
    fn max_distance_depends_on_the_internal_domain_s_length() {
        assert_eq!(max_similar_distance("abcd.com"), 1);
        assert_eq!(max_similar_distance("abcde.com"), 2);
        assert_eq!(max_similar_distance(""), 1);
    }

    #[test]
    fn lookalikes_take_the_first_applicable_substitution() {
        assert_eq!(lookalike_of("example.com"), "examp1e.com");
        assert_eq!(lookalike_of("example.org"), "examp1e.org");
        assert_eq!(lookalike_of("contoso.co.uk"), "c0ntoso.co.uk");
        assert_eq!(lookalike_of("fabrikam.com"), "fabr1kam.com");
        assert_eq!(lookalike_of("mfg.example"), "rnfg.example");
        assert_eq!(lookalike_of("ezz.example"), "3zz.example");
        assert_eq!(lookalike_of("bank.example"), "b4nk.example");
        assert_eq!(lookalike_of("bus.example"), "bu5.example");
        assert_eq!(lookalike_of("xyz.example"), "xyzz.example");
        assert_eq!(lookalike_of("Example.COM."), "examp1e.com");
        // Only the first label changes, at the first occurrence.
        assert_eq!(lookalike_of("lolly.local"), "1olly.local");
        assert_eq!(lookalike_of("localhost"), "1ocalhost");
        assert_eq!(lookalike_of(""), "");
        assert_eq!(lookalike_of(".com"), ".com");
    }

    #[test]
    fn lookalikes_are_near_and_never_equal() {
        for d in [
            "example.com",
            "mfg.example",
            "xyz.example",
            "qq.com",
            "bücher.example",
        ] {
            let l = lookalike_of(d);
            let dist = damerau_levenshtein(&l, d);
            assert!((1..=2).contains(&dist), "{d} -> {l}: {dist}");
        }
    }

    #[test]
    fn vip_local_parts_are_dotted_ascii_with_office() {
        assert_eq!(vip_local_part("Jane Doe"), "jane.doe.office");
        assert_eq!(vip_local_part("  \"Doe, Jane\" "), "doe.jane.office");
        assert_eq!(
            vip_local_part("José Müller-Lüdenscheidt"),
            "jose.muller.ludenscheidt.office"
        );
        assert_eq!(vip_local_part("Ｊａｎｅ Ｄｏｅ"), "jane.doe.office");
        assert_eq!(
            vip_local_part("Anne-Marie O'Neil (CEO)"),
            "anne.marie.o.neil.ceo.office"
        );
        assert_eq!(vip_local_part("Straße 2"), "strasse.2.office");
        assert_eq!(vip_local_part("王 芳"), "office");
        assert_eq!(vip_local_part(""), "office");
    }
}
