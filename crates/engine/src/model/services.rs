//! Outbound DKIM definitions, journaling services and address alterations
//! (catalog wave 2): the records behind the OUT, JRN and ADR rules.

use super::Origin;

/// Everything loaded for the outbound DKIM, journaling and address
/// alteration sections (their policies are in [`super::Config::policies`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GatewayServices {
    /// DNS Authentication - Outbound definitions (`dnsAuthOutboundDefinitions`).
    pub dkim_definitions: Vec<DkimDefinition>,
    /// Journaling services (`journalingServices`).
    pub journaling: Vec<JournalingService>,
    /// Address Alteration Sets, nested folders flattened (`addressAlterationSets`).
    pub alteration_sets: Vec<AlterationSet>,
    /// Address alteration definitions (`addressAlterationDefinitions`).
    pub alteration_definitions: Vec<AlterationDefinition>,
}

/// One DNS Authentication - Outbound definition: how Mimecast signs
/// outbound mail with DKIM.
#[derive(Debug, Clone, PartialEq)]
pub struct DkimDefinition {
    /// The definition's id (a content id when the export gave none).
    pub id: String,
    /// Its name.
    pub description: String,
    /// The signing domain (DKIM `d=`), lowercase.
    pub domain: Option<String>,
    /// The DKIM selector.
    pub selector: Option<String>,
    /// DKIM signing switched on; `None` when not given.
    pub sign_dkim: Option<bool>,
    /// RSA key length in bits; `None` when not given or not a number.
    pub key_length: Option<u32>,
    /// Where the public key is to be published (`<selector>._domainkey.<domain>`).
    pub dns_address: Option<String>,
    /// Mimecast found the published key; `None` when not given.
    pub validated: Option<bool>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// How a journaling service receives the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalProtocol {
    /// Mimecast receives journal reports by SMTP.
    Smtp,
    /// Mimecast collects the journal from a mailbox by POP3.
    Pop3,
    /// A value this tool does not know (kept as given).
    Unknown(String),
}

/// One journaling service.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalingService {
    /// The service's id (a content id when the export gave none).
    pub id: String,
    /// Its name.
    pub description: String,
    /// `false` only when the record says so.
    pub enabled: bool,
    /// The transport; `None` when neither given nor implied by a connection block.
    pub protocol: Option<JournalProtocol>,
    /// SMTP: the sending side uses TLS (`usesTls` / `useTls`).
    pub smtp_uses_tls: Option<bool>,
    /// SMTP: clear text is preferred (`prefersClearText` / `preferClearText`).
    pub smtp_prefers_clear_text: Option<bool>,
    /// POP3: the mailbox host.
    pub pop3_host: Option<String>,
    /// POP3: the port.
    pub pop3_port: Option<u64>,
    /// POP3: collected over POP3S (`usesPOP3S`).
    pub pop3_secure: Option<bool>,
    /// POP3: certificate checks relaxed (`encryptionIsRelaxed` / `relaxedEncryption`).
    pub pop3_relaxed: Option<bool>,
    /// `statusInfo.status`, as given.
    pub status: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// One Address Alteration Set (a folder; sets may nest).
#[derive(Debug, Clone, PartialEq)]
pub struct AlterationSet {
    /// The set's id.
    pub id: String,
    /// Its name.
    pub description: String,
    /// The set it sits in, for a nested one.
    pub parent_id: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// One address alteration: an address rewritten into another.
#[derive(Debug, Clone, PartialEq)]
pub struct AlterationDefinition {
    /// The definition's id (a content id when the export gave none).
    pub id: String,
    /// Which address is rewritten (`envelope_to`, `reply_to`, `all` …),
    /// lowercase; unknown values kept.
    pub address_type: Option<String>,
    /// The address (or pattern such as `*@old.example`) rewritten.
    pub original_address: String,
    /// What it is rewritten to.
    pub new_address: String,
    /// Which mail (`inbound`, `outbound`, `all`), lowercase; unknown values kept.
    pub routing: Option<String>,
    /// The set it belongs to; `None` when the export did not say (set unknown).
    pub folder_id: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

impl GatewayServices {
    /// Forgets what was loaded for one of this group's sections.
    pub fn clear(&mut self, section: super::Section) {
        use super::Section as S;
        match section {
            S::DnsAuthOutboundDefinitions => self.dkim_definitions.clear(),
            S::JournalingServices => self.journaling.clear(),
            S::AddressAlterationSets => self.alteration_sets.clear(),
            S::AddressAlterationDefinitions => self.alteration_definitions.clear(),
            _ => {}
        }
    }

    /// The set `id` and every set nested below it (per the loaded sets).
    pub fn set_and_descendants<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() && out.len() <= self.alteration_sets.len() + 1 {
            let parent = out[i];
            for s in &self.alteration_sets {
                if s.parent_id.as_deref() == Some(parent) && !out.contains(&s.id.as_str()) {
                    out.push(&s.id);
                }
            }
            i += 1;
        }
        out
    }

    /// The set named `id`, if loaded.
    pub fn set(&self, id: &str) -> Option<&AlterationSet> {
        self.alteration_sets.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(id: &str, parent: Option<&str>) -> AlterationSet {
        AlterationSet {
            id: id.into(),
            description: String::new(),
            parent_id: parent.map(str::to_string),
            origin: Origin::default(),
        }
    }

    #[test]
    fn descendants_follow_parent_ids_and_stop_on_cycles() {
        let g = GatewayServices {
            alteration_sets: vec![
                set("a", None),
                set("b", Some("a")),
                set("c", Some("b")),
                set("d", None),
                set("x", Some("y")),
                set("y", Some("x")),
            ],
            ..Default::default()
        };
        assert_eq!(g.set_and_descendants("a"), ["a", "b", "c"]);
        assert_eq!(g.set_and_descendants("d"), ["d"]);
        assert_eq!(g.set_and_descendants("x"), ["x", "y"]);
        assert_eq!(g.set_and_descendants("unknown"), ["unknown"]);
    }
}
