//! The licence signal: whether the account's packages (`account.packages`,
//! strings or objects with `name` / `code` / `id`) name a Targeted Threat
//! Protection feature. Package names were never seen in a captured answer,
//! so the phrases are data and the signal only ever turns a would-be
//! finding into "not assessed", never the reverse.

use serde_json::Value;

use crate::model::Config;

/// A feature the signal is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// URL Protect.
    UrlProtect,
    /// Attachment Protect.
    AttachmentProtect,
}

/// What the packages say about a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    /// No package list was loaded (or it is empty).
    Unknown,
    /// A package names the feature.
    Licensed,
    /// Packages were loaded and none names the feature.
    NotLicensed,
    /// The checklist answers "yes, licensed" (wins over the packages).
    AnsweredLicensed,
    /// The checklist answers "not licensed" (wins over the packages).
    AnsweredNotLicensed,
}

/// The phrase a package name contains when it is the feature.
fn phrase(f: Feature) -> &'static str {
    match f {
        Feature::UrlProtect => "url protect",
        Feature::AttachmentProtect => "attachment protect",
    }
}

/// The umbrella product name, counted for every feature when it names no
/// sub-feature.
const UMBRELLA: &str = "targeted threat protection";

/// Sub-features an umbrella package name may single out.
const SUB_FEATURES: &[&str] = &[
    "url protect",
    "attachment protect",
    "impersonation protect",
    "internal email protect",
];

impl Feature {
    /// The feature's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Feature::UrlProtect => "URL Protect",
            Feature::AttachmentProtect => "Attachment Protect",
        }
    }
}

impl Licence {
    /// For evidence: "licence signal: …".
    pub fn describe(self, f: Feature) -> String {
        match self {
            Licence::Unknown => {
                "licence signal: unknown (the account's packages were not loaded)".into()
            }
            Licence::Licensed => format!(
                "licence signal: {} appears among the account's packages",
                f.name()
            ),
            Licence::NotLicensed => format!(
                "licence signal: {} does not appear among the account's packages",
                f.name()
            ),
            Licence::AnsweredLicensed => {
                format!("licence: the checklist says {} is licensed", f.name())
            }
            Licence::AnsweredNotLicensed => {
                format!("licence: the checklist says {} is not licensed", f.name())
            }
        }
    }
}

/// The names a package entry carries: the string, or `name`, `code`, `id`.
fn names(p: &Value) -> Vec<String> {
    match p {
        Value::String(s) => vec![s.to_lowercase()],
        Value::Object(o) => ["name", "code", "id"]
            .iter()
            .filter_map(|k| o.get(*k).and_then(Value::as_str))
            .map(str::to_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn names_feature(name: &str, f: Feature) -> bool {
    name.contains(phrase(f))
        || name.contains(UMBRELLA) && !SUB_FEATURES.iter().any(|s| name.contains(s))
}

impl Licence {
    /// Not licensed, by the checklist's answer or by the packages.
    pub fn is_not_licensed(self) -> bool {
        matches!(self, Licence::NotLicensed | Licence::AnsweredNotLicensed)
    }

    /// Where the signal comes from, as a path for evidence.
    pub fn path(self, f: Feature) -> &'static str {
        match (self, f) {
            (Licence::AnsweredLicensed | Licence::AnsweredNotLicensed, Feature::UrlProtect) => {
                "licences.urlProtect"
            }
            (Licence::AnsweredLicensed | Licence::AnsweredNotLicensed, _) => {
                "licences.attachmentProtect"
            }
            _ => "account.packages",
        }
    }
}

/// The licence signal for `f`: the checklist's answer when there is one
/// (`licences`), else what the loaded account's packages suggest.
pub fn licence(cfg: &Config, f: Feature) -> Licence {
    let answer = cfg.licences.as_ref().and_then(|l| match f {
        Feature::UrlProtect => l.url_protect,
        Feature::AttachmentProtect => l.attachment_protect,
    });
    match answer {
        Some(true) => return Licence::AnsweredLicensed,
        Some(false) => return Licence::AnsweredNotLicensed,
        None => {}
    }
    let packages = cfg
        .account
        .as_ref()
        .and_then(|a| a.get("packages"))
        .and_then(Value::as_array)
        .filter(|p| !p.is_empty());
    let Some(packages) = packages else {
        return Licence::Unknown;
    };
    if packages
        .iter()
        .flat_map(names)
        .any(|n| names_feature(&n, f))
    {
        Licence::Licensed
    } else {
        Licence::NotLicensed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with(account: Value) -> Config {
        Config {
            account: Some(account),
            ..Config::default()
        }
    }

    #[test]
    fn packages_as_strings_or_objects() {
        let c = with(json!({"packages": [
            "Email Security Cloud Gateway",
            "Targeted Threat Protection - URL Protect",
            {"id": "1003", "name": "Targeted Threat Protection - Impersonation Protect"}]}));
        assert_eq!(licence(&c, Feature::UrlProtect), Licence::Licensed);
        assert_eq!(
            licence(&c, Feature::AttachmentProtect),
            Licence::NotLicensed
        );
        let c = with(json!({"packages": [{"code": "ATTACHMENT PROTECT"}]}));
        assert_eq!(licence(&c, Feature::AttachmentProtect), Licence::Licensed);
        // The umbrella name alone counts for every feature.
        let c = with(json!({"packages": [{"name": "Targeted Threat Protection"}]}));
        assert_eq!(licence(&c, Feature::UrlProtect), Licence::Licensed);
        assert_eq!(licence(&c, Feature::AttachmentProtect), Licence::Licensed);
    }

    #[test]
    fn no_packages_is_unknown() {
        assert_eq!(
            licence(&Config::default(), Feature::UrlProtect),
            Licence::Unknown
        );
        for a in [json!({}), json!({"packages": []}), json!({"packages": "x"})] {
            assert_eq!(licence(&with(a), Feature::UrlProtect), Licence::Unknown);
        }
    }
}
