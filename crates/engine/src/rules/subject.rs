//! What a finding is about, as a stable identity: the one place that builds
//! the object part of every finding key.
//!
//! A [`Subject`] can only be made by the constructors below, so every rule
//! names its objects the same way: a policy or record by its id (else by a
//! content id, see [`crate::model::identity`]), a domain by its name, a
//! section or a fixed setting by its key. Never a list position, never
//! empty. A subject also remembers the names earlier versions of this tool
//! gave the same object (a policy's narrative or list path), so risks
//! accepted under those keys are carried over (see [`crate::report`]).

use crate::model::identity::{content_id, is_content_id, policy_id};
use crate::model::{Origin, Policy, Section};

/// The object of a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    key: String,
    /// Names earlier versions gave this object (for carrying acceptances).
    legacy: Vec<String>,
}

impl Subject {
    fn of(key: String, legacy: Vec<String>) -> Subject {
        let key = if key.trim().is_empty() {
            // Only reachable through an empty name given to `named`/`domain`;
            // an empty key would match every empty acceptance.
            content_id(&["empty"])
        } else {
            key
        };
        let mut legacy: Vec<String> = legacy
            .into_iter()
            .filter(|l| !l.trim().is_empty() && *l != key)
            .collect();
        legacy.dedup();
        Subject { key, legacy }
    }

    /// A policy of `section`: its id, else a content id. Earlier versions
    /// named an id-less policy by its narrative, its list path or a text of
    /// its scope; those names are kept as legacy names.
    pub fn policy(section: Section, p: &Policy) -> Subject {
        let legacy = vec![
            p.description.clone(),
            p.description.trim().to_string(),
            p.origin.path.clone(),
            format!(
                "{} {} from {} to {}",
                section.key(),
                p.option.as_str(),
                p.from.describe(),
                p.to.describe()
            ),
        ];
        Subject::of(policy_id(section, p), legacy)
    }

    /// A record with an id (definitions, incidents, groups, connectors): the
    /// id, which the input layer made from the record's content when the
    /// export gave none (earlier versions used the list path then).
    pub fn record(id: &str, origin: &Origin) -> Subject {
        let legacy = if is_content_id(id) {
            vec![origin.path.clone()]
        } else {
            Vec::new()
        };
        Subject::of(id.to_string(), legacy)
    }

    /// A record that another record names by id (a policy's definition or
    /// group) when the record itself was not loaded.
    pub fn reference(id: &str) -> Subject {
        Subject::of(id.trim().to_string(), Vec::new())
    }

    /// A record known by its name (a monitor's description, a task's
    /// name): the name, else a content id of `content`.
    pub fn named(name: &str, content: &[&str]) -> Subject {
        match name.trim() {
            "" => Subject::of(content_id(content), Vec::new()),
            n => Subject::of(n.to_string(), vec![name.to_string()]),
        }
    }

    /// A domain, as written.
    pub fn domain(domain: &str) -> Subject {
        Subject::of(domain.to_string(), Vec::new())
    }

    /// A whole section of the input (a protection missing altogether).
    pub fn section(section: Section) -> Subject {
        Subject::of(section.key().to_string(), Vec::new())
    }

    /// A fixed setting or place: `threatRemediation.settings`, a platform.
    pub fn fixed(name: &str) -> Subject {
        Subject::of(name.to_string(), Vec::new())
    }

    /// One managed-senders entry, by sender.
    pub fn managed_sender(sender: &str) -> Subject {
        Subject::of(format!("managed:{sender}"), Vec::new())
    }

    /// A part of this object: `<object>#<detail>` (a domain of a policy, a
    /// range of a bypass).
    pub fn detail(self, detail: &str) -> Subject {
        let legacy = self
            .legacy
            .iter()
            .map(|l| format!("{l}#{detail}"))
            .collect();
        Subject::of(format!("{}#{detail}", self.key), legacy)
    }

    /// Two objects together (a pair of duplicate policies): `a+b`, the two
    /// in sorted order, so the pair is the same whichever comes first.
    pub fn pair(a: Subject, b: Subject) -> Subject {
        let (a, b) = if a.key <= b.key { (a, b) } else { (b, a) };
        let mut legacy = Vec::new();
        for la in std::iter::once(&a.key).chain(&a.legacy) {
            for lb in std::iter::once(&b.key).chain(&b.legacy) {
                legacy.push(format!("{la}+{lb}"));
                legacy.push(format!("{lb}+{la}"));
            }
        }
        Subject::of(format!("{}+{}", a.key, b.key), legacy)
    }

    /// Several objects together (a group of duplicates): their keys in
    /// sorted order joined by `+`, the first three only and the count of
    /// the rest when there are more than four.
    pub fn group(mut members: Vec<Subject>) -> Subject {
        members.sort_by(|a, b| a.key.cmp(&b.key));
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        let key = if keys.len() > 4 {
            format!("{}+{} more", keys[..3].join("+"), keys.len() - 3)
        } else {
            keys.join("+")
        };
        Subject::of(key, Vec::new())
    }

    /// The object part of the finding key, as an owned string.
    pub fn into_key(self) -> String {
        self.key
    }

    /// The object part of the finding key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Names earlier versions of this tool gave the same object.
    pub fn legacy(&self) -> &[String] {
        &self.legacy
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key)
    }
}

impl PartialEq<&str> for Subject {
    fn eq(&self, other: &&str) -> bool {
        self.key == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FromPart, PolicyOption, Target, Validity};

    fn policy(id: Option<&str>, description: &str, path: &str) -> Policy {
        Policy {
            id: id.map(str::to_string),
            description: description.into(),
            comment: String::new(),
            option: PolicyOption::EnableBypass,
            definition_id: None,
            from_part: FromPart::EnvelopeFrom,
            from: Target::Everyone,
            to: Target::InternalAddresses,
            enabled: true,
            enforced: false,
            override_: false,
            bidirectional: false,
            validity: Validity::default(),
            source_ips: Vec::new(),
            hostnames: Vec::new(),
            spf_domains: vec!["spf.protection.outlook.com".into()],
            origin: Origin {
                file: "f.json".into(),
                path: path.into(),
                conditions_path: path.into(),
            },
        }
    }

    #[test]
    fn a_policy_is_its_id_else_its_content_never_its_position() {
        let s = Section::AntiSpoofingBypassPolicies;
        assert_eq!(
            Subject::policy(s, &policy(Some("p1"), "A", "data[0]")).key(),
            "p1"
        );
        let first = Subject::policy(s, &policy(None, "A", "data[0]"));
        let moved = Subject::policy(s, &policy(None, "A", "data[7]"));
        assert_eq!(first.key(), moved.key(), "the position does not count");
        assert!(is_content_id(first.key()), "{first}");
        assert_ne!(
            first.key(),
            Subject::policy(s, &policy(None, "B", "data[0]")).key()
        );
        assert!(first.legacy().contains(&"A".to_string()));
        assert!(first.legacy().contains(&"data[0]".to_string()));
        // An empty id is no id.
        assert!(is_content_id(
            Subject::policy(s, &policy(Some(" "), "A", "d")).key()
        ));
    }

    #[test]
    fn details_and_pairs_carry_their_legacy_names() {
        let s = Section::AntiSpoofingBypassPolicies;
        let d = Subject::policy(s, &policy(None, "A", "data[0]")).detail("x.example");
        assert!(d.key().ends_with("#x.example"));
        assert!(d.legacy().contains(&"A#x.example".to_string()));
        let pair = Subject::pair(Subject::fixed("b"), Subject::fixed("a"));
        assert_eq!(pair.key(), "a+b");
        assert!(
            pair.legacy().contains(&"b+a".to_string()),
            "the order saved before"
        );
    }

    #[test]
    fn no_subject_is_empty() {
        assert!(!Subject::named("  ", &["monitor", "x"]).key().is_empty());
        assert!(!Subject::domain("").key().is_empty());
        assert_eq!(Subject::named(" Mon ", &[]).key(), "Mon");
    }
}
