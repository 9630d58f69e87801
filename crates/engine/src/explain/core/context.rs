//! Everything about one message that no world changes, computed once:
//! every policy of every type evaluated (R3.12.1), the atoms raised, the
//! authentication facts (R4.6.1) and the known internal names (R4.7.2).

use std::collections::BTreeMap;

use super::super::primitives::{
    dmarc_policy_for, normalise_display_name, spf_eval, DmarcLookup, SpfResult,
};
use super::atoms::{Atoms, World};
use super::input::{Msg, Signal};
use super::matching::internal;
use super::pre::{evaluate, Pre};
use crate::dns_records::DmarcPolicy;
use crate::model::{Config, PolicyOption, Section, Target};
use crate::scope::{definition_of, is_effective};

/// The policy sections the pipeline reads, in step order.
pub const SECTIONS: &[Section] = &[
    Section::AntiSpoofingBypassPolicies,
    Section::AntiSpoofingPolicies,
    Section::BlockedSenderPolicies,
    Section::PermittedSenderPolicies,
    Section::DnsAuthInboundPolicies,
    Section::ImpersonationBypassPolicies,
    Section::ImpersonationPolicies,
    Section::SpamScanningPolicies,
];

/// A fact that is known, or an atom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// Known value.
    Known(String),
    /// The atom with this index (its values are the possible ones).
    Atom(usize),
}

/// What the DMARC lookup found (R4.6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DmarcFact {
    /// The sender's policy is known (`none`, `quarantine`, `reject`), or
    /// `None` when no record is published.
    Known(Option<DmarcPolicy>),
    /// The atom `dmarcRecord(h)`: none, quarantine, reject.
    Atom(usize),
}

/// The per-message context.
pub struct Context<'a> {
    /// The tenant.
    pub cfg: &'a Config,
    /// The message.
    pub msg: Msg,
    /// Every policy evaluated, by section.
    pub pres: BTreeMap<Section, Vec<Pre<'a>>>,
    /// The atoms raised.
    pub atoms: Atoms,
    /// Option atoms by (section, index).
    pub option_atoms: BTreeMap<(Section, usize), usize>,
    /// Definition atoms by (section, index).
    pub definition_atoms: BTreeMap<(Section, usize), usize>,
    /// SPF result of the envelope domain.
    pub spf: Fact,
    /// How the SPF result was found (for texts).
    pub spf_via: String,
    /// DKIM result.
    pub dkim: Fact,
    /// The DMARC record of the header From domain.
    pub dmarc_record: DmarcFact,
    /// Signals (newly observed, dictionary, internal user).
    pub signals: [Fact; 3],
    /// Internal names known from the bundle, normalised.
    pub known_names: Vec<String>,
    /// The managed-sender entries that concern the recipient (index in
    /// the section, entry).
    pub entries: Vec<(usize, &'a crate::model::ManagedSender)>,
}

fn option_values(section: Section) -> &'static [&'static str] {
    match section {
        Section::AntiSpoofingPolicies => &["apply", "apply_non_mimecast", "no_action"],
        Section::AntiSpoofingBypassPolicies => &["disable_bypass", "enable_bypass"],
        Section::BlockedSenderPolicies => &["block_sender", "no_action"],
        Section::PermittedSenderPolicies => &["no_action", "permit_sender"],
        Section::ImpersonationBypassPolicies => &["no_action", "disable_impersonation_protect"],
        _ => &[],
    }
}

/// True when the section's option is a value the explainer knows.
fn option_known(section: Section, o: &PolicyOption) -> bool {
    let v = option_values(section);
    v.is_empty() || v.contains(&o.as_str())
}

fn definition_exists(cfg: &Config, section: Section, p: &crate::model::Policy) -> Option<bool> {
    match section {
        Section::DnsAuthInboundPolicies => {
            Some(definition_of(p, &cfg.dns_auth_definitions).is_some())
        }
        Section::ImpersonationPolicies => {
            Some(definition_of(p, &cfg.impersonation_definitions).is_some())
        }
        Section::SpamScanningPolicies => Some(definition_of(p, &cfg.spam_definitions).is_some()),
        _ => None,
    }
}

fn signal(atoms: &mut Atoms, s: Signal, name: &str) -> Fact {
    match s {
        Signal::Yes => Fact::Known("true".into()),
        Signal::No => Fact::Known("false".into()),
        Signal::Derive => Fact::Known("derive".into()),
        Signal::Unknown => Fact::Atom(atoms.raise(
            format!("signal({name})"),
            "given as unknown",
            &["false", "true"],
        )),
    }
}

impl<'a> Context<'a> {
    /// Evaluates everything world-independent for `msg`.
    pub fn new(cfg: &'a Config, msg: Msg) -> Context<'a> {
        let mut atoms = Atoms::default();
        let mut pres = BTreeMap::new();
        let mut option_atoms = BTreeMap::new();
        let mut definition_atoms = BTreeMap::new();
        for &s in SECTIONS {
            let list: Vec<Pre<'a>> = cfg
                .policies(s)
                .iter()
                .enumerate()
                .map(|(i, p)| evaluate(cfg, &msg, s, i, p, &mut atoms))
                .collect();
            for (i, pre) in list.iter().enumerate() {
                let p = pre.policy;
                if !is_effective(p, msg.date) {
                    continue;
                }
                let label = pre.reference.id.clone();
                let label = if label.is_empty() { p.label() } else { label };
                if !option_known(s, &p.option) {
                    let a = atoms.raise(
                        format!("option({label})"),
                        format!("option \"{}\" is not known to this tool", p.option.as_str()),
                        option_values(s),
                    );
                    option_atoms.insert((s, i), a);
                }
                if definition_exists(cfg, s, p) == Some(false) {
                    let a = atoms.raise(
                        format!("definition({label})"),
                        "the policy's definition is not in the bundle",
                        &["no effect", "most severe action"],
                    );
                    definition_atoms.insert((s, i), a);
                }
            }
            pres.insert(s, list);
        }
        let dns_auth = cfg
            .policies(Section::DnsAuthInboundPolicies)
            .iter()
            .any(|p| is_effective(p, msg.date));
        let spf_values = &["neutral", "pass", "softfail", "fail"];
        let env_domain = msg.envelope.as_ref().map(|a| a.domain.clone());
        let (spf, spf_via) = match (msg.spf.as_str(), &env_domain) {
            ("derive", None) => (Fact::Known("none".into()), "null sender".to_string()),
            ("derive", Some(d)) => {
                let e = spf_eval(cfg, d, msg.ip);
                if e.result == SpfResult::Unknown && dns_auth {
                    let a = atoms.raise(
                        format!("spfResult({d})"),
                        "SPF record not in the bundle",
                        spf_values,
                    );
                    (Fact::Atom(a), e.via)
                } else {
                    (Fact::Known(e.result.as_str().to_string()), e.via)
                }
            }
            ("unknown", d) if dns_auth => {
                let d = d.clone().unwrap_or_else(|| "<>".into());
                let a = atoms.raise(format!("spfResult({d})"), "given as unknown", spf_values);
                (Fact::Atom(a), "given".to_string())
            }
            (v, _) => (Fact::Known(v.to_string()), "given".to_string()),
        };
        let dkim = if msg.dkim == "unknown" && dns_auth {
            Fact::Atom(atoms.raise("dkim".into(), "given as unknown", &["none", "pass", "fail"]))
        } else {
            Fact::Known(msg.dkim.clone())
        };
        let needs_record = matches!(msg.dmarc.as_str(), "derive" | "unknown" | "fail");
        let dmarc_record = if needs_record {
            match dmarc_policy_for(cfg, &msg.header.domain) {
                DmarcLookup::Record { policy, .. } => DmarcFact::Known(Some(policy)),
                DmarcLookup::NoRecord => DmarcFact::Known(None),
                DmarcLookup::Unknown if dns_auth => DmarcFact::Atom(atoms.raise(
                    format!("dmarcRecord({})", msg.header.domain),
                    "DMARC record not in the bundle",
                    &["none", "quarantine", "reject"],
                )),
                DmarcLookup::Unknown => DmarcFact::Known(None),
            }
        } else {
            DmarcFact::Known(None)
        };
        let signals = [
            signal(&mut atoms, msg.newly_observed, "newlyObservedDomain"),
            signal(&mut atoms, msg.dictionary, "threatDictionaryHit"),
            signal(&mut atoms, msg.internal_user, "displayNameIsInternalUser"),
        ];
        let mut known_names: Vec<String> = Vec::new();
        for p in cfg.policies(Section::ImpersonationPolicies) {
            for t in [&p.from, &p.to] {
                if let Target::HeaderDisplayName(v) = t {
                    known_names.push(normalise_display_name(v));
                }
            }
        }
        for members in cfg.group_members.values() {
            for m in members {
                let internal_member = super::super::primitives::parse_address(&m.email_address)
                    .ok()
                    .flatten()
                    .is_some_and(|a| internal(cfg, Some(&a)));
                if internal_member && !m.name.trim().is_empty() {
                    known_names.push(normalise_display_name(&m.name));
                }
            }
        }
        known_names.sort();
        known_names.dedup();
        Context {
            cfg,
            msg,
            pres,
            atoms,
            option_atoms,
            definition_atoms,
            spf,
            spf_via,
            dkim,
            dmarc_record,
            signals,
            known_names,
            entries: Vec::new(),
        }
    }

    /// The policies of a section, evaluated.
    pub fn pres(&self, s: Section) -> &[Pre<'a>] {
        self.pres.get(&s).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A fact's value in `w`.
    pub fn value(&self, f: &Fact, w: &World) -> String {
        match f {
            Fact::Known(v) => v.clone(),
            Fact::Atom(i) => self
                .atoms
                .list
                .get(*i)
                .and_then(|a| a.values.get(w.get(*i)))
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// The option of policy `i` of `s` in `w` (an unknown option read from
    /// its atom).
    pub fn option(&self, s: Section, i: usize, w: &World) -> String {
        match self.option_atoms.get(&(s, i)) {
            Some(a) => self.value(&Fact::Atom(*a), w),
            None => self
                .pres(s)
                .get(i)
                .map(|p| p.policy.option.as_str().to_string())
                .unwrap_or_default(),
        }
    }

    /// For a policy whose definition is missing: true when the world gives
    /// it the type's most severe action.
    pub fn missing_definition_severe(&self, s: Section, i: usize, w: &World) -> Option<bool> {
        self.definition_atoms.get(&(s, i)).map(|a| w.get(*a) == 1)
    }

    /// Is the sender (header or envelope From) internal?
    pub fn sender_internal(&self) -> bool {
        internal(self.cfg, Some(&self.msg.header)) || internal(self.cfg, self.msg.envelope.as_ref())
    }
}
