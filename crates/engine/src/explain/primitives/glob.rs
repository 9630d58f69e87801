//! Glob matching of policy values (spec R3.3): `*` stands for any run of
//! characters, dots included; everything else is literal; case is ignored.

/// True when `text` matches `pattern`, where `*` matches any run of
/// characters (dots included, possibly none) and every other character
/// matches itself, ignoring case. `*salesforce.com` matches
/// `evilsalesforce.com`; `*.vendor.com` matches `mail.vendor.com` but not
/// `vendor.com`. Linear memory, quadratic time at worst; never panics.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    // Classic wildcard matching with one backtrack point: the last `*`
    // seen and the text position it was tried at.
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if t.get(ti) == Some(c) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_star_matches_any_prefix_including_a_word() {
        assert!(glob_match("*salesforce.com", "evilsalesforce.com"));
        assert!(glob_match("*salesforce.com", "salesforce.com"));
        assert!(glob_match("*salesforce.com", "mail.salesforce.com"));
        assert!(!glob_match(
            "*salesforce.com",
            "salesforce.com.evil.example"
        ));
    }

    #[test]
    fn a_star_dot_prefix_matches_subdomains_only() {
        assert!(glob_match("*.vendor.com", "mail.vendor.com"));
        assert!(glob_match("*.vendor.com", "a.b.vendor.com"));
        assert!(!glob_match("*.vendor.com", "vendor.com"));
        assert!(!glob_match("*.vendor.com", "evilvendor.com"));
    }

    #[test]
    fn case_is_ignored_and_other_characters_are_literal() {
        assert!(glob_match("*@Example.COM", "CEO@example.com"));
        assert!(glob_match("ceo@example.com", "CEO@EXAMPLE.COM"));
        assert!(!glob_match("c?o@example.com", "ceo@example.com"));
        assert!(glob_match("c?o@example.com", "c?o@example.com"));
        assert!(!glob_match("ceo@example.com", "ceo@example.co"));
        assert!(!glob_match("ceo@example.co", "ceo@example.com"));
    }

    #[test]
    fn stars_anywhere_and_repeated() {
        assert!(glob_match("*", ""));
        assert!(glob_match("*", "anything.at.all"));
        assert!(glob_match("**", "x"));
        assert!(glob_match("a*b*c", "aXXbYYc"));
        assert!(glob_match("a*b*c", "abc"));
        assert!(!glob_match("a*b*c", "acb"));
        assert!(glob_match("mail*.example.com", "mail2.example.com"));
        assert!(glob_match("*a*a*a*", "banana.a"));
        assert!(!glob_match("*aaa*", "aabaa"));
        assert!(!glob_match("", "x"));
        assert!(glob_match("", ""));
    }

    #[test]
    fn non_ascii_text_is_matched_by_characters() {
        assert!(glob_match("*.bücher.example", "www.BÜCHER.example"));
        assert!(!glob_match("b?cher.example", "bücher.example"));
    }
}
