//! The inferred steps (no Mimecast source states them) an explanation can
//! rely on, each in one plain sentence (issue item 5).

use super::super::output::Inferred;

/// Every inferred step: key, spec rule, text.
pub const INFERRED: &[(&str, &str, &str)] = &[
    ("S0-order", "S0", "The check that the recipient's domain receives mail (not send-only) is taken as the first step."),
    ("R3.2-null", "R3.2", "A message with an empty return address (a bounce) matches only policies that apply to Everyone or External Addresses."),
    ("R3.4-mirrored", "R3.4", "A bi-directional policy is also read with its sender and recipient scopes swapped; the sender address it then reads is the one its Addresses Based On setting names, and its specificity is taken from the swapped scopes."),
    ("R3.5-filter", "R3.5", "A policy whose source IP, host name or SPF condition does not match is not a candidate at all, so the next policy down applies."),
    ("R3.5-hostname", "R3.5", "A host name condition matches the sending host or any host below it, and either a matching source IP or a matching host name satisfies the policy."),
    ("R3.7-rank", "R3.7", "Mimecast publishes only part of its specificity order; the explainer ranks Everyone < Internal and External Addresses < Email Domain and Free Mail Domains < Address Attribute < Profile Group < Individual Email Address and Header Display Name."),
    ("R3.8-cond", "R3.8", "A policy restricted by source IPs, host names or SPF domains that match outranks an equally specific policy without such a restriction."),
    ("R3.8-override", "R3.8", "Policy Override is read as outranking more specific policies; the reading where it only breaks ties between equally specific policies is evaluated as an alternative."),
    ("R3.9-tie", "R3.9", "Mimecast does not document which of two equally specific policies it applies; the one first in policy id order is shown and the other is evaluated as an alternative."),
    ("R4.2-uncovered", "R4.2", "When no anti-spoofing policy reads a sender in an internal domain, Impersonation Protect is taken not to examine the message, as for a spoof that got past anti-spoofing."),
    ("R4.5-envelope", "R4.5.2", "The recipient's managed-sender entries are compared with the envelope sender (the return address), not the header From; an entry without a recipient applies to every recipient."),
    ("R4.5-level", "R4.5.4", "Among the recipient's own entries, an address entry wins over a domain entry, and a block wins over a permit at the same level."),
    ("S4-order", "S4", "DNS authentication is checked after the blocked and permitted sender lists, because it can cancel their permits; Mimecast does not document its position."),
    ("R4.6-rows", "R4.6.2", "Only an SPF fail or soft fail, a DKIM fail and a DMARC fail trigger a DNS authentication action; other results (neutral, none, errors) trigger none."),
    ("R4.7.2-similar", "R4.7.2", "A sender domain counts as similar to an internal domain when it differs by one character (internal domains of up to 8 characters) or by up to two (longer ones)."),
    ("R4.7.2-names", "R4.7.2", "The display name counts as an internal user's name when it equals, or has the same words as, a name known from display-name policies or from profile-group members in internal domains."),
    ("R4.7-bypass", "R4.7", "A definition's Bypass Managed & Permitted Senders setting skips it for senders permitted by a policy, a user's entry or auto-allow."),
    ("S5-order", "S5/S6", "Impersonation Protect and spam scanning both look at the content; the more severe of their results counts, Impersonation Protect's on equal severity."),
    ("R4.8-permitted", "R4.8.2", "For a permitted or auto-allowed sender, a spam score within the definition's band applies the definition's permitted-sender (or auto-allow) action, and a score of 28 or more is not rejected."),
];

/// The entries for `keys`, in table order.
pub fn list(keys: &std::collections::BTreeSet<&'static str>) -> Vec<Inferred> {
    INFERRED
        .iter()
        .filter(|(k, _, _)| keys.contains(k))
        .map(|(_, rule, text)| Inferred {
            rule: rule.to_string(),
            text: text.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = include_str!("../../../../../docs/explainer.md");

    #[test]
    fn every_inferred_step_and_approximation_is_in_the_user_documentation() {
        for (_, rule, text) in INFERRED {
            assert!(DOC.contains(text), "docs/explainer.md lacks {rule}: {text}");
        }
        for text in super::super::super::primitives::APPROXIMATIONS {
            assert!(DOC.contains(text), "docs/explainer.md lacks: {text}");
        }
    }

    #[test]
    fn keys_are_unique_and_listed_in_table_order() {
        let mut keys: Vec<&str> = INFERRED.iter().map(|(k, _, _)| *k).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
        let used: std::collections::BTreeSet<&'static str> = ["S4-order", "R3.2-null"].into();
        let rules: Vec<String> = list(&used).into_iter().map(|i| i.rule).collect();
        assert_eq!(rules, vec!["R3.2", "S4"]);
    }
}
