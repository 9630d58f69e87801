//! Finding known strings (the tenant's names, ids and file names) in text:
//! whole words only, case-insensitively, the longest match first, in time
//! linear in the text (a trie over words, not a scan per name).

use std::collections::HashMap;

use super::scan::{unit_key, units};

/// A set of strings to find, each with a value of type `T`.
#[derive(Debug)]
pub(super) struct Names<T> {
    /// (node, unit) → child node; node 0 is the root.
    edges: HashMap<(u32, String), u32>,
    /// The value of the string that ends at a node.
    ends: HashMap<u32, T>,
    nodes: u32,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names {
            edges: HashMap::new(),
            ends: HashMap::new(),
            nodes: 1,
        }
    }
}

impl<T: Clone> Names<T> {
    /// Adds `text` (trimmed) with `value`, unless it is already there (the
    /// first value stays). False when it was there.
    pub(super) fn insert(&mut self, text: &str, value: T) -> bool {
        let text = text.trim();
        let mut node = 0;
        for (a, b) in units(text) {
            let key = (node, unit_key(&text[a..b]));
            node = match self.edges.get(&key) {
                Some(&n) => n,
                None => {
                    let n = self.nodes;
                    self.nodes += 1;
                    self.edges.insert(key, n);
                    n
                }
            };
        }
        if node == 0 || self.ends.contains_key(&node) {
            return false;
        }
        self.ends.insert(node, value);
        true
    }

    /// The value of `text` when it is one of the strings.
    pub(super) fn get(&self, text: &str) -> Option<&T> {
        let text = text.trim();
        let mut node = 0;
        for (a, b) in units(text) {
            node = *self.edges.get(&(node, unit_key(&text[a..b])))?;
        }
        self.ends.get(&node)
    }

    /// The longest string starting at each word of `s`: (start, end, value).
    pub(super) fn find(&self, s: &str) -> Vec<(usize, usize, T)> {
        let us = units(s);
        let keys: Vec<String> = us.iter().map(|&(a, b)| unit_key(&s[a..b])).collect();
        let mut out = Vec::new();
        for i in 0..us.len() {
            let mut node = 0;
            let mut best = None;
            for (j, key) in keys.iter().enumerate().skip(i) {
                // Keys are owned strings; look up without building a tuple
                // of borrowed parts.
                match self.edges.get(&(node, key.clone())) {
                    Some(&n) => node = n,
                    None => break,
                }
                if let Some(v) = self.ends.get(&node) {
                    best = Some((j, v));
                }
            }
            if let Some((j, v)) = best {
                out.push((us[i].0, us[j].1, v.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_longest_first_ignoring_case() {
        let mut n = Names::default();
        assert!(n.insert("VIP - Executives", 1));
        assert!(n.insert("VIP", 2));
        assert!(n.insert(" Finance team ", 3));
        assert!(!n.insert("finance  TEAM", 4), "the first value stays");
        let s = "group vip - executives and VIPs, FINANCE TEAM.";
        let got: Vec<(&str, i32)> = n
            .find(s)
            .into_iter()
            .map(|(a, b, v)| (&s[a..b], v))
            .collect();
        assert_eq!(got, [("vip - executives", 1), ("FINANCE TEAM", 3)]);
        assert_eq!(n.get("Finance Team"), Some(&3));
        assert_eq!(n.get("Finance"), None);
    }
}
