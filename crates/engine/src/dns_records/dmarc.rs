//! The DMARC parser (RFC 7489): finding the `v=DMARC1` record among the TXT
//! records of `_dmarc.<domain>` and reading its tags. What makes the record
//! unusable is reported as an error, what receivers would ignore as a warning.

use super::txt::txt_records;
use super::Lookup;

/// A DMARC policy (`p=` / `sp=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DmarcPolicy {
    /// `none`: monitor only.
    None,
    /// `quarantine`: treat failing mail as suspicious.
    Quarantine,
    /// `reject`: refuse failing mail.
    Reject,
}

impl DmarcPolicy {
    /// The value as written in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            DmarcPolicy::None => "none",
            DmarcPolicy::Quarantine => "quarantine",
            DmarcPolicy::Reject => "reject",
        }
    }

    fn parse(v: &str) -> Option<DmarcPolicy> {
        match v.to_ascii_lowercase().as_str() {
            "none" => Some(DmarcPolicy::None),
            "quarantine" => Some(DmarcPolicy::Quarantine),
            "reject" => Some(DmarcPolicy::Reject),
            _ => None,
        }
    }
}

/// A parsed DMARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DmarcRecord {
    /// The record as found.
    pub text: String,
    /// The domain's policy (`p=`), when valid.
    pub p: Option<DmarcPolicy>,
    /// The subdomain policy (`sp=`), when valid.
    pub sp: Option<DmarcPolicy>,
    /// `pct` when it is a whole number from 0 to 100.
    pub pct: Option<u8>,
    /// Where aggregate reports go (`rua=`, one URI per entry).
    pub rua: Vec<String>,
    /// Where failure reports go (`ruf=`, one URI per entry).
    pub ruf: Vec<String>,
    /// Every tag as written (name lower-cased, value trimmed), in order.
    pub tags: Vec<(String, String)>,
    /// What makes the record invalid (receivers then do not apply it as
    /// written): a missing or unknown `p`, a record not starting with `v=DMARC1`.
    pub errors: Vec<String>,
    /// What receivers ignore (defaults apply instead): unknown tags, a bad
    /// `sp` or `pct`, repeated tags.
    pub warnings: Vec<String>,
}

impl DmarcRecord {
    /// Nothing in `errors`.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The policy for subdomains: `sp`, else `p`.
    pub fn subdomain_policy(&self) -> Option<DmarcPolicy> {
        self.sp.or(self.p)
    }

    /// The share of failing mail the policy applies to (default 100).
    pub fn effective_pct(&self) -> u8 {
        self.pct.unwrap_or(100)
    }
}

/// Does this TXT record declare itself a DMARC record (`v=DMARC1` first,
/// any case, spaces allowed around `=`)?
pub fn is_dmarc(record: &str) -> bool {
    let first = record.split(';').next().unwrap_or("");
    match first.split_once('=') {
        Some((k, v)) => {
            k.trim().eq_ignore_ascii_case("v") && v.trim().eq_ignore_ascii_case("DMARC1")
        }
        None => false,
    }
}

/// Finds and parses the DMARC record among the TXT records of `_dmarc.<domain>`.
pub fn find_dmarc(txt: &str) -> Lookup<DmarcRecord> {
    let mut found: Vec<String> = txt_records(txt)
        .into_iter()
        .filter(|r| is_dmarc(r))
        .collect();
    match found.len() {
        0 => Lookup::Missing,
        1 => Lookup::One(parse_dmarc(&found.remove(0))),
        _ => Lookup::Multiple(found),
    }
}

/// Parses one DMARC record. Problems go to `errors` or `warnings`.
pub fn parse_dmarc(record: &str) -> DmarcRecord {
    let text = record.trim().to_string();
    let mut d = DmarcRecord {
        text: text.clone(),
        p: None,
        sp: None,
        pct: None,
        rua: Vec::new(),
        ruf: Vec::new(),
        tags: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let first = text.split(';').next().unwrap_or("");
    if !is_dmarc(&text) {
        d.errors
            .push("the record does not start with v=DMARC1".into());
    } else if first.split_once('=').map(|(k, v)| (k.trim(), v.trim())) != Some(("v", "DMARC1")) {
        d.warnings
            .push("the version tag should be written exactly v=DMARC1".into());
    }
    for (i, part) in text.split(';').map(str::trim).enumerate() {
        if part.is_empty() {
            continue;
        }
        let Some((name, value)) = part.split_once('=') else {
            d.warnings
                .push(format!("\"{part}\" is not a tag=value pair; ignored"));
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim().to_string();
        if i == 0 && name == "v" {
            d.tags.push((name, value));
            continue;
        }
        if d.tags.iter().any(|(n, _)| *n == name) {
            d.warnings.push(format!(
                "{name}= appears more than once; the first one is used"
            ));
            continue;
        }
        match name.as_str() {
            "v" => d
                .warnings
                .push("v= must be the first tag; ignored here".into()),
            "p" => match DmarcPolicy::parse(&value) {
                Some(p) => d.p = Some(p),
                None => d
                    .errors
                    .push(format!("p={value} is not none, quarantine or reject")),
            },
            "sp" => match DmarcPolicy::parse(&value) {
                Some(p) => d.sp = Some(p),
                None => d.warnings.push(format!(
                    "sp={value} is not none, quarantine or reject; ignored"
                )),
            },
            "pct" => match value
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= 100 && !value.starts_with('+'))
            {
                Some(n) => d.pct = Some(n),
                None => d.warnings.push(format!(
                    "pct={value} is not a whole number from 0 to 100; ignored (100 applies)"
                )),
            },
            "rua" | "ruf" => {
                let uris: Vec<String> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                    .map(str::to_string)
                    .collect();
                if name == "rua" {
                    d.rua = uris;
                } else {
                    d.ruf = uris;
                }
            }
            "adkim" | "aspf" | "fo" | "rf" | "ri" | "np" | "psd" | "t" => {}
            other => d.warnings.push(format!("unknown tag {other}=; ignored")),
        }
        d.tags.push((name, value));
    }
    if d.p.is_none() && !d.errors.iter().any(|e| e.starts_with("p=")) {
        d.errors.push("the record has no p= tag".into());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_dmarc(txt: &str) -> DmarcRecord {
        match find_dmarc(txt) {
            Lookup::One(r) => r,
            other => panic!("expected one DMARC record in {txt:?}, got {other:?}"),
        }
    }

    #[test]
    fn dmarc_missing() {
        assert_eq!(find_dmarc(""), Lookup::Missing);
        assert_eq!(find_dmarc("v=spf1 -all"), Lookup::Missing);
        assert_eq!(find_dmarc("p=reject; v=DMARC1"), Lookup::Missing);
        assert_eq!(find_dmarc("v=DMARC2; p=reject"), Lookup::Missing);
    }

    #[test]
    fn dmarc_basic_tags() {
        let d = one_dmarc(
            "\"v=DMARC1; p=quarantine; sp=reject; pct=50; \
             rua=mailto:a@example.com, mailto:b@example.net; ruf=mailto:f@example.com; \
             adkim=s; fo=1\"",
        );
        assert!(d.is_valid(), "{:?}", d.errors);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert_eq!(d.p, Some(DmarcPolicy::Quarantine));
        assert_eq!(d.sp, Some(DmarcPolicy::Reject));
        assert_eq!(d.subdomain_policy(), Some(DmarcPolicy::Reject));
        assert_eq!(d.pct, Some(50));
        assert_eq!(d.effective_pct(), 50);
        assert_eq!(d.rua, vec!["mailto:a@example.com", "mailto:b@example.net"]);
        assert_eq!(d.ruf, vec!["mailto:f@example.com"]);
        assert_eq!(d.tags.len(), 8);
    }

    #[test]
    fn dmarc_case_and_spaces() {
        let d = one_dmarc("  v = DMARC1 ;P = None;  SP=QUARANTINE ; ; ");
        assert!(d.is_valid(), "{:?}", d.errors);
        assert_eq!(d.p, Some(DmarcPolicy::None));
        assert_eq!(d.sp, Some(DmarcPolicy::Quarantine));
        let d = one_dmarc("v=dmarc1; p=reject");
        assert!(d.is_valid());
        assert!(d.warnings.iter().any(|w| w.contains("exactly v=DMARC1")));
        assert_eq!(d.subdomain_policy(), Some(DmarcPolicy::Reject));
        assert_eq!(d.effective_pct(), 100);
    }

    #[test]
    fn dmarc_without_p_is_invalid() {
        let d = one_dmarc("v=DMARC1; rua=mailto:d@example.com");
        assert!(!d.is_valid());
        assert!(d.errors[0].contains("no p= tag"));
        let d = one_dmarc("v=DMARC1; p=monitor");
        assert_eq!(
            d.errors,
            vec!["p=monitor is not none, quarantine or reject"]
        );
        assert_eq!(d.p, None);
        let d = one_dmarc("v=DMARC1; p=");
        assert!(!d.is_valid());
    }

    #[test]
    fn dmarc_pct_out_of_range_is_ignored() {
        for v in ["150", "-1", "abc", "", "+50", "100.0", "256"] {
            let d = one_dmarc(&format!("v=DMARC1; p=reject; pct={v}"));
            assert!(d.is_valid(), "pct={v}");
            assert_eq!(d.pct, None, "pct={v}");
            assert_eq!(d.effective_pct(), 100);
            assert!(
                d.warnings.iter().any(|w| w.starts_with("pct=")),
                "pct={v}: {:?}",
                d.warnings
            );
        }
        assert_eq!(one_dmarc("v=DMARC1; p=reject; pct=0").pct, Some(0));
        assert_eq!(one_dmarc("v=DMARC1; p=reject; pct=100").pct, Some(100));
    }

    #[test]
    fn dmarc_duplicates_unknowns_and_junk() {
        let d = one_dmarc("v=DMARC1; p=reject; p=none; sp=maybe; foo=bar; junk; v=DMARC1");
        assert!(d.is_valid(), "{:?}", d.errors);
        assert_eq!(d.p, Some(DmarcPolicy::Reject));
        assert_eq!(d.sp, None);
        assert_eq!(d.subdomain_policy(), Some(DmarcPolicy::Reject));
        assert_eq!(d.warnings.len(), 5, "{:#?}", d.warnings);
    }

    #[test]
    fn duplicate_dmarc_records_are_an_error() {
        assert!(matches!(
            find_dmarc("v=DMARC1; p=none\nv=DMARC1; p=reject"),
            Lookup::Multiple(v) if v.len() == 2
        ));
    }

    #[test]
    fn parse_dmarc_on_non_dmarc_text_reports_it() {
        let d = parse_dmarc("p=reject");
        assert!(d
            .errors
            .iter()
            .any(|e| e.contains("does not start with v=DMARC1")));
        assert!(!parse_dmarc("").is_valid());
    }
}
