//! Which tenant loaded data is about, so that two customers' exports are
//! never mixed into one report without anyone noticing.

use std::collections::BTreeSet;

use super::{domain_key, Config};

/// What identifies the tenant behind some loaded data (sent from the
/// analysis worker to the page: [`crate::session`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tenant {
    /// The Mimecast account code (`account.accountCode`), when loaded.
    pub account_code: Option<String>,
    /// The account's name (`account.accountName`), when loaded.
    pub account_name: Option<String>,
    /// The internal domains, as lookups compare them.
    pub domains: BTreeSet<String>,
}

impl Tenant {
    /// The tenant of a loaded model.
    pub fn of(cfg: &Config) -> Tenant {
        let field = |k: &str| {
            cfg.account
                .as_ref()
                .and_then(|a| a.get(k))
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Tenant {
            account_code: field("accountCode"),
            account_name: field("accountName"),
            domains: cfg
                .internal_domains
                .iter()
                .map(|d| domain_key(&d.domain))
                .filter(|d| !d.is_empty())
                .collect(),
        }
    }

    /// True when nothing identifies the tenant (then it matches any).
    pub fn is_unknown(&self) -> bool {
        self.account_code.is_none() && self.domains.is_empty()
    }

    /// How to name the tenant for people: its account, else a few domains.
    pub fn describe(&self) -> String {
        match (&self.account_code, &self.account_name) {
            (Some(code), Some(name)) => format!("account {name} ({code})"),
            (Some(code), None) => format!("account {code}"),
            _ => {
                let shown: Vec<&str> = self.domains.iter().take(3).map(String::as_str).collect();
                let more = self.domains.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!("internal domains {}{more}", shown.join(", "))
            }
        }
    }

    /// Why `other` looks like another customer than `self`, if it does:
    /// another account code, or (when the account is not known on both
    /// sides) internal domains with none in common.
    pub fn differs_from(&self, other: &Tenant) -> Option<String> {
        if self.is_unknown() || other.is_unknown() {
            return None;
        }
        if let (Some(a), Some(b)) = (&self.account_code, &other.account_code) {
            return (!a.eq_ignore_ascii_case(b))
                .then(|| format!("it names {}, not {}", other.describe(), self.describe()));
        }
        if self.domains.is_empty() || other.domains.is_empty() {
            return None;
        }
        self.domains.is_disjoint(&other.domains).then(|| {
            format!(
                "its {} share none with the {} already loaded",
                other.describe(),
                self.describe()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(code: Option<&str>, domains: &[&str]) -> Tenant {
        Tenant {
            account_code: code.map(str::to_string),
            account_name: None,
            domains: domains.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn another_account_or_disjoint_domains_is_another_tenant() {
        let a = tenant(Some("C1"), &["a.example"]);
        assert!(
            a.differs_from(&tenant(Some("c1"), &["z.example"]))
                .is_none(),
            "same account"
        );
        let why = a.differs_from(&tenant(Some("C2"), &["a.example"])).unwrap();
        assert!(
            why.contains("account C2") && why.contains("account C1"),
            "{why}"
        );
        let b = tenant(None, &["a.example", "b.example"]);
        assert!(
            b.differs_from(&tenant(None, &["b.example"])).is_none(),
            "a domain in common"
        );
        let why = b.differs_from(&tenant(None, &["x.example"])).unwrap();
        assert!(why.contains("x.example"), "{why}");
        // Nothing to go by on one side: no judgement.
        assert!(b.differs_from(&Tenant::default()).is_none());
        assert!(tenant(Some("C1"), &[])
            .differs_from(&tenant(None, &["x.example"]))
            .is_none());
    }
}
