//! Parsers for the SPF (RFC 7208) and DMARC (RFC 7489) TXT records a domain
//! publishes.
//!
//! Input is what an administrator collected: a single record, or everything
//! `dig +short TXT example.com` printed (several TXT records, one a line,
//! possibly quoted and split into several character strings). The parsers
//! never panic and never reject input: what is wrong is reported as text.
//!
//! The code is split by concern: `txt.rs` turns pasted text into TXT
//! records, `spf.rs` and `dmarc.rs` hold the two parsers. Everything public
//! is re-exported here, so callers name it `crate::dns_records::…`.

mod dmarc;
mod spf;
mod suffixes;
mod txt;

pub use dmarc::{find_dmarc, is_dmarc, parse_dmarc, DmarcPolicy, DmarcRecord};
pub use spf::{
    find_spf, is_spf, parse_spf, Directive, Ending, Mechanism, Qualifier, SpfRecord,
    SPF_DNS_LOOKUP_LIMIT,
};
pub use suffixes::{is_public_suffix, registrable_domain};
pub use txt::txt_records;

/// The outcome of looking for one kind of record among a domain's TXT records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<T> {
    /// No record of that kind.
    Missing,
    /// More than one: receivers treat this as an error (SPF: permanent
    /// error; DMARC: no policy at all). The records as found.
    Multiple(Vec<String>),
    /// Exactly one, parsed.
    One(T),
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---- Robustness of every entry point (TXT handling feeds both parsers)

    #[test]
    fn odd_escapes_never_panic() {
        for s in [
            "\"\\",
            "\"\\9",
            "\"\\99\"",
            "\"\\999\"",
            "\"é\\",
            "\"\\é\"",
            "\"\"\"\"",
            "\\\"",
            "\"\\0000\"",
        ] {
            let _ = txt_records(s);
            let _ = find_spf(s);
            let _ = find_dmarc(s);
        }
        assert_eq!(txt_records("\"\\999\""), vec!["999"]);
    }

    #[test]
    fn arbitrary_text_never_panics() {
        let alphabet: Vec<char> = "v=spf1DMARC; :/+-~?%{}_.\"\\\n\t 0123456789aimxpé€🙂"
            .chars()
            .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let _ = find_spf(&s);
            let _ = parse_spf(&format!("v=spf1 {s}"));
            let _ = find_dmarc(&s);
            let _ = parse_dmarc(&format!("v=DMARC1; {s}"));
        }
    }
}
