//! The strings of the attack-path section that may name the tenant: its
//! domains, the VIP name, the permitted domain and managed-sender entry,
//! the messages, the explainer's texts (which quote policy names, domains
//! and addresses) and the policies' ids, labels, files and paths.

use super::Field;
use crate::explain::output::{PolicyRef, StepRef};
use crate::explain::scenarios::AttackPaths;

/// Visits every string of the section that may name the tenant. The
/// finding links are keyed by finding key: the map is rebuilt with the
/// keys rewritten.
pub(super) fn walk(p: &mut AttackPaths, f: &mut impl FnMut(Field, &mut String)) {
    let params = &mut p.parameters;
    for d in &mut params.domains {
        f(Field::Text, d);
    }
    for s in params
        .vip_name
        .iter_mut()
        .chain(&mut params.permitted_domain)
        .chain(&mut params.managed_entry)
    {
        f(Field::Text, s);
    }
    for r in &mut p.results {
        f(Field::Text, &mut r.id);
        f(Field::Text, &mut r.attack);
        for d in &mut r.domains {
            f(Field::Text, d);
        }
        let m = &mut r.message;
        for s in [
            &mut m.envelope_from,
            &mut m.header_from,
            &mut m.header_display_name,
            &mut m.sending_ip,
            &mut m.recipient,
            &mut m.auth,
        ] {
            f(Field::Text, s);
        }
        step_ref(&mut r.decided_by, f);
        for s in &mut r.opened_by {
            step_ref(s, f);
        }
        f(Field::Text, &mut r.because);
        for d in &mut r.deciding_factors {
            f(Field::Text, &mut d.factor);
            f(Field::Text, &mut d.value);
        }
        for i in &mut r.inferred {
            f(Field::Text, &mut i.text);
        }
        for s in &mut r.trace {
            f(Field::Text, &mut s.text);
            for t in &mut s.policies {
                policy(&mut t.policy, f);
                f(Field::Text, &mut t.reason);
            }
        }
        for k in &mut r.findings {
            f(Field::Key, k);
        }
    }
    for n in &mut p.not_applicable {
        f(Field::Text, &mut n.why);
    }
    for n in &mut p.not_evaluated {
        f(Field::Text, &mut n.why);
    }
    let links = std::mem::take(&mut p.by_finding);
    for (mut key, mut list) in links {
        f(Field::Key, &mut key);
        for l in &mut list {
            f(Field::Text, &mut l.id);
            f(Field::Text, &mut l.domain);
            for d in &mut l.domains {
                f(Field::Text, d);
            }
            f(Field::Text, &mut l.text);
        }
        p.by_finding.entry(key).or_default().extend(list);
    }
}

fn step_ref(s: &mut StepRef, f: &mut impl FnMut(Field, &mut String)) {
    if let Some(p) = &mut s.policy {
        policy(p, f);
    }
    f(Field::Text, &mut s.summary);
}

fn policy(p: &mut PolicyRef, f: &mut impl FnMut(Field, &mut String)) {
    f(Field::Text, &mut p.id);
    f(Field::Text, &mut p.label);
    f(Field::File, &mut p.file);
    f(Field::Path, &mut p.path);
}
