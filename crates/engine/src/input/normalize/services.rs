//! Records of the outbound DKIM, journaling and address alteration
//! sections (catalog wave 2) → the model. Read from the value tree with
//! tolerant helpers: each field may come under more than one spelling
//! (API 2.0 read and update shapes), booleans may be text, enums any case.

use serde_json::{Map, Value};

use super::super::detect::shown;
use super::super::{FileStatus, Skipped};
use super::join;
use crate::model::{
    AlterationDefinition, AlterationSet, Config, DkimDefinition, JournalProtocol,
    JournalingService, Origin, Section,
};

/// Address types of an address alteration definition.
pub const ADDRESS_TYPES: &[&str] = &[
    "all",
    "envelope_from",
    "envelope_to",
    "from",
    "reply_to",
    "to_cc_bcc",
    "sender",
];
/// Routings of an address alteration definition.
pub const ROUTINGS: &[&str] = &["all", "inbound", "outbound"];

/// One record being read.
struct Reader<'a> {
    item: &'a Value,
    obj: &'a Map<String, Value>,
    path: &'a str,
    file: &'a std::sync::Arc<str>,
    status: &'a mut FileStatus,
}

impl<'a> Reader<'a> {
    fn new(
        item: &'a Value,
        path: &'a str,
        file: &'a std::sync::Arc<str>,
        status: &'a mut FileStatus,
    ) -> Result<Self, Skipped> {
        let obj = item.as_object().ok_or_else(|| {
            Skipped(format!(
                "record at {} skipped: expected an object, found {}",
                shown(path),
                super::kind_of(item)
            ))
        })?;
        Ok(Reader {
            item,
            obj,
            path,
            file,
            status,
        })
    }

    fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            path: self.path.into(),
            conditions_path: String::new(),
        }
    }

    /// The first of `names` present (not null), in `obj`, with its name.
    fn get_in<'v>(
        obj: &'v Map<String, Value>,
        names: &[&'static str],
    ) -> Option<(&'static str, &'v Value)> {
        names
            .iter()
            .find_map(|n| obj.get(*n).filter(|v| !v.is_null()).map(|v| (*n, v)))
    }

    fn text(&self, names: &[&'static str]) -> Option<String> {
        text_of(Self::get_in(self.obj, names)?.1)
    }

    /// A flag from `obj` (at `base`), given as a boolean, `"true"`/`"false"`
    /// or 1/0; anything else is a warning and no value.
    fn flag_in(
        &mut self,
        obj: &Map<String, Value>,
        base: &str,
        names: &[&'static str],
    ) -> Option<bool> {
        let (name, v) = Self::get_in(obj, names)?;
        let read = match v {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Value::Number(n) if n.as_u64() == Some(1) => Some(true),
            Value::Number(n) if n.as_u64() == Some(0) => Some(false),
            _ => None,
        };
        if read.is_none() {
            self.status.warnings.push(format!(
                "{}: expected true or false, found {}; not judged",
                join(base, name),
                super::kind_of(v)
            ));
        }
        read
    }

    fn flag(&mut self, names: &[&'static str]) -> Option<bool> {
        let (obj, path) = (self.obj, self.path);
        self.flag_in(obj, path, names)
    }

    fn number_in(
        &mut self,
        obj: &Map<String, Value>,
        base: &str,
        names: &[&'static str],
    ) -> Option<u64> {
        let (name, v) = Self::get_in(obj, names)?;
        let read = match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        if read.is_none() {
            self.status.warnings.push(format!(
                "{}: expected a whole number, found {}; not judged",
                join(base, name),
                super::kind_of(v)
            ));
        }
        read
    }

    /// A value of a closed list, lowercase with spaces and dashes as `_`;
    /// an unknown value is kept and noted.
    fn known(&mut self, names: &[&'static str], allowed: &[&str]) -> Option<String> {
        let (name, v) = Self::get_in(self.obj, names)?;
        let t = text_of(v)?;
        let norm = t.to_ascii_lowercase().replace([' ', '-'], "_");
        if !allowed.contains(&norm.as_str()) {
            self.status.notes.push(format!(
                "{}: unknown value \"{t}\" kept as is",
                join(self.path, name)
            ));
        }
        Some(norm)
    }

    fn id(&self) -> String {
        self.text(&["id"])
            .unwrap_or_else(|| crate::model::identity::record_id(self.item))
    }

    fn missing(&self, field: &str) -> Skipped {
        Skipped(format!(
            "record at {} skipped: {} is missing",
            shown(self.path),
            join(self.path, field)
        ))
    }
}

/// Text of a string or number value, trimmed; `None` when empty.
fn text_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Reads one record of a group-B section into the model.
pub fn record(
    s: Section,
    item: &Value,
    path: &str,
    file: &std::sync::Arc<str>,
    c: &mut Config,
    status: &mut FileStatus,
) -> Result<(), Skipped> {
    let g = &mut c.gateway_services;
    match s {
        Section::DnsAuthOutboundDefinitions => g
            .dkim_definitions
            .push(dkim_definition(Reader::new(item, path, file, status)?)),
        Section::JournalingServices => g
            .journaling
            .push(journaling_service(Reader::new(item, path, file, status)?)),
        Section::AddressAlterationSets => {
            alteration_sets(item, path, None, file, &mut g.alteration_sets, status)?
        }
        Section::AddressAlterationDefinitions => {
            alteration_definitions(item, path, file, &mut g.alteration_definitions, status)?
        }
        other => return Err(Skipped(format!("{}: not a list section", other.key()))),
    }
    Ok(())
}

fn dkim_definition(mut r: Reader) -> DkimDefinition {
    let key_length = r
        .number_in(r.obj, r.path, &["keyLength", "keySize"])
        .map(|n| n.min(u32::MAX as u64) as u32);
    DkimDefinition {
        id: r.id(),
        description: r.text(&["description"]).unwrap_or_default(),
        domain: r
            .text(&["domain"])
            .map(|d| crate::model::domain_key(d.trim_start_matches('@'))),
        selector: r.text(&["selector"]),
        sign_dkim: r.flag(&["signDkim", "signDKIM"]),
        key_length,
        dns_address: r.text(&["dnsAddress"]),
        validated: r.flag(&["validated", "isValidated"]),
        origin: r.origin(),
    }
}

fn journaling_service(mut r: Reader) -> JournalingService {
    let smtp = r
        .obj
        .get("smtpJournalingConnection")
        .and_then(Value::as_object);
    let pop3 = r
        .obj
        .get("pop3JournalingConnection")
        .and_then(Value::as_object);
    let protocol = match r.text(&["transferProtocol"]) {
        Some(t) => Some(match t.to_ascii_lowercase().as_str() {
            "smtp" => JournalProtocol::Smtp,
            "pop3" | "pop" => JournalProtocol::Pop3,
            _ => {
                r.status.notes.push(format!(
                    "{}: unknown value \"{t}\" kept as is",
                    join(r.path, "transferProtocol")
                ));
                JournalProtocol::Unknown(t)
            }
        }),
        None => match r.flag(&["usePop3", "usesPop3"]) {
            Some(true) => Some(JournalProtocol::Pop3),
            Some(false) => Some(JournalProtocol::Smtp),
            None if pop3.is_some() && smtp.is_none() => Some(JournalProtocol::Pop3),
            None if smtp.is_some() && pop3.is_none() => Some(JournalProtocol::Smtp),
            None => None,
        },
    };
    // Each setting is read from its connection block, else from the record
    // itself (the update request's flat spellings).
    let (path, obj) = (r.path.to_string(), r.obj);
    let smtp_base = join(&path, "smtpJournalingConnection");
    let pop3_base = join(&path, "pop3JournalingConnection");
    let from =
        |r: &mut Reader, block: Option<&Map<String, Value>>, base: &str, names: &[&'static str]| {
            block
                .and_then(|b| r.flag_in(b, base, names))
                .or_else(|| r.flag_in(obj, &path, names))
        };
    let smtp_uses_tls = from(&mut r, smtp, &smtp_base, &["usesTls", "useTls"]);
    let smtp_prefers_clear_text = from(
        &mut r,
        smtp,
        &smtp_base,
        &["prefersClearText", "preferClearText"],
    );
    let pop3_secure = from(
        &mut r,
        pop3,
        &pop3_base,
        &["usesPOP3S", "usesPop3s", "usePop3s"],
    );
    let pop3_relaxed = from(
        &mut r,
        pop3,
        &pop3_base,
        &["encryptionIsRelaxed", "relaxedEncryption"],
    );
    let pop3_port = pop3.and_then(|b| r.number_in(b, &pop3_base, &["port"]));
    let pop3_host = pop3.and_then(|b| Reader::get_in(b, &["host"]).and_then(|(_, v)| text_of(v)));
    let status = r
        .obj
        .get("statusInfo")
        .and_then(|s| s.get("status"))
        .and_then(text_of);
    JournalingService {
        id: r.id(),
        description: r.text(&["description"]).unwrap_or_default(),
        enabled: r.flag(&["enabled"]).unwrap_or(true),
        protocol,
        smtp_uses_tls,
        smtp_prefers_clear_text,
        pop3_host,
        pop3_port,
        pop3_secure,
        pop3_relaxed,
        status,
        origin: r.origin(),
    }
}

/// A set and the sets nested in its `folders[]` (children get the parent's
/// id as `parentId` when they do not name one). A wrapper with only
/// `folders` (no id of its own) gives its children alone.
fn alteration_sets(
    item: &Value,
    path: &str,
    parent: Option<&str>,
    file: &std::sync::Arc<str>,
    out: &mut Vec<AlterationSet>,
    status: &mut FileStatus,
) -> Result<(), Skipped> {
    let children = item.get("folders");
    let id = {
        let r = Reader::new(item, path, file, status)?;
        let id = r.text(&["id"]);
        if id.is_none() && children.is_none() {
            return Err(r.missing("id"));
        }
        if let Some(id) = &id {
            out.push(AlterationSet {
                id: id.clone(),
                description: r.text(&["description", "name"]).unwrap_or_default(),
                parent_id: r.text(&["parentId"]).or(parent.map(str::to_string)),
                origin: r.origin(),
            });
        }
        id
    };
    match children {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, child) in list.iter().enumerate() {
                let at = join(path, &format!("folders[{i}]"));
                if let Err(e) = alteration_sets(child, &at, id.as_deref(), file, out, status) {
                    status.warnings.push(e.0);
                }
            }
        }
        Some(other) => status.warnings.push(format!(
            "{}: expected a list of sets, found {}; nothing was read from it",
            join(path, "folders"),
            super::kind_of(other)
        )),
    }
    Ok(())
}

/// A definition, or a `get-definition` wrapper (`data[0].items[]`) of
/// them. A definition without `folderId` is kept with its set unknown.
fn alteration_definitions(
    item: &Value,
    path: &str,
    file: &std::sync::Arc<str>,
    out: &mut Vec<AlterationDefinition>,
    status: &mut FileStatus,
) -> Result<(), Skipped> {
    if let Some(items) = item.get("items") {
        let Some(list) = items.as_array() else {
            return Err(Skipped(format!(
                "record at {} skipped: {}: expected a list of definitions, found {}",
                shown(path),
                join(path, "items"),
                super::kind_of(items)
            )));
        };
        // The wrapper may name the set for all of its items.
        let folder = item.get("folderId").and_then(text_of);
        for (i, d) in list.iter().enumerate() {
            let at = join(path, &format!("items[{i}]"));
            match Reader::new(d, &at, file, status).and_then(alteration_definition) {
                Ok(mut def) => {
                    if def.folder_id.is_none() {
                        def.folder_id = folder.clone();
                    }
                    out.push(def)
                }
                Err(e) => status.warnings.push(e.0),
            }
        }
        return Ok(());
    }
    out.push(alteration_definition(Reader::new(
        item, path, file, status,
    )?)?);
    Ok(())
}

fn alteration_definition(mut r: Reader) -> Result<AlterationDefinition, Skipped> {
    let original_address = r
        .text(&["originalAddress"])
        .ok_or_else(|| r.missing("originalAddress"))?;
    let new_address = r
        .text(&["newAddress"])
        .ok_or_else(|| r.missing("newAddress"))?;
    Ok(AlterationDefinition {
        id: r.id(),
        address_type: r.known(&["addressType"], ADDRESS_TYPES),
        original_address,
        new_address,
        routing: r.known(&["routing"], ROUTINGS),
        folder_id: r.text(&["folderId", "addressAlterationSetId"]),
        origin: r.origin(),
    })
}

#[cfg(test)]
mod tests {
    use crate::input::load_all;
    use crate::model::{Config, JournalProtocol, Section};
    use crate::InputFile;

    fn load(name: &str, text: &str) -> (Config, crate::input::FileStatus) {
        let mut l = load_all(&[InputFile::new(name, text.as_bytes().to_vec())]);
        (l.config, l.statuses.remove(0))
    }

    #[test]
    fn dkim_definitions_from_either_list_key() {
        let text = r#"{"dnsOutboundDefinitions": [
            {"id": "d1", "domain": "Example.COM", "selector": "s1", "signDkim": true, "keyLength": 2048, "dnsAddress": "s1._domainkey.example.com", "validated": true},
            {"id": "d2", "domain": "example.co.uk", "selector": "s2", "signDkim": "true", "keyLength": "1024", "validated": "false"}],
            "meta": {}}"#;
        let (c, st) = load("dns-outbound.json", text);
        assert!(st.error.is_none(), "{:?}", st.error);
        let d = &c.gateway_services.dkim_definitions;
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].domain.as_deref(), Some("example.com"));
        assert_eq!(
            (d[1].sign_dkim, d[1].key_length, d[1].validated),
            (Some(true), Some(1024), Some(false))
        );
        assert_eq!(d[1].origin.path, "dnsOutboundDefinitions[1]");
        let (c, _) = load(
            "x.json",
            r#"{"definitions": [{"id": "d3", "selector": "s", "keyLength": 2048}]}"#,
        );
        assert_eq!(c.gateway_services.dkim_definitions.len(), 1);
    }

    #[test]
    fn bad_flag_is_a_warning_naming_the_path() {
        let (c, st) = load(
            "x.json",
            r#"{"definitions": [{"id": "d", "signDkim": true, "keyLength": "long", "validated": "maybe"}]}"#,
        );
        let d = &c.gateway_services.dkim_definitions[0];
        assert_eq!((d.key_length, d.validated), (None, None));
        let w = st.warnings.join("\n");
        assert!(w.contains("definitions[0].keyLength"), "{w}");
        assert!(w.contains("definitions[0].validated"), "{w}");
    }

    #[test]
    fn journaling_services_with_update_spellings() {
        let text = r#"{"services": [
            {"id": "j1", "enabled": true, "transferProtocol": "POP3",
             "pop3JournalingConnection": {"host": "mail.example.com", "port": 110, "usesPOP3S": false, "password": "x"}},
            {"id": "j2", "usePop3": false, "preferClearText": true, "useTls": "false"},
            {"id": "j3", "pop3JournalingConnection": {"usesPOP3S": true, "relaxedEncryption": true}},
            {"id": "j4", "transferProtocol": "imap"}], "meta": {}}"#;
        let (c, st) = load("journaling.json", text);
        assert!(st.error.is_none(), "{:?}", st.error);
        let j = &c.gateway_services.journaling;
        assert_eq!(j.len(), 4);
        assert_eq!(j[0].protocol, Some(JournalProtocol::Pop3));
        assert_eq!(
            (j[0].pop3_secure, j[0].pop3_port, j[0].pop3_host.as_deref()),
            (Some(false), Some(110), Some("mail.example.com"))
        );
        assert_eq!(j[1].protocol, Some(JournalProtocol::Smtp));
        assert_eq!(
            (j[1].smtp_prefers_clear_text, j[1].smtp_uses_tls),
            (Some(true), Some(false))
        );
        assert_eq!(j[2].protocol, Some(JournalProtocol::Pop3));
        assert_eq!(j[2].pop3_relaxed, Some(true));
        assert_eq!(j[3].protocol, Some(JournalProtocol::Unknown("imap".into())));
        assert!(st
            .notes
            .iter()
            .any(|n| n.contains("services[3].transferProtocol")));
    }

    #[test]
    fn nested_sets_are_flattened_with_their_parent() {
        let text = r#"{"meta": {"status": 200}, "fail": [], "data": [
            {"id": "s1", "description": "Address Alterations", "folderCount": 1, "folders": [
               {"id": "s2", "description": "Leavers", "folderCount": 1, "folders": [{"id": "s3", "description": "2026"}]}]}]}"#;
        let (c, st) = load("address-alteration-sets.json", text);
        assert!(st.error.is_none(), "{:?}", st.error);
        let s = &c.gateway_services.alteration_sets;
        let got: Vec<_> = s
            .iter()
            .map(|s| {
                (
                    s.id.as_str(),
                    s.parent_id.as_deref(),
                    s.origin.path.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("s1", None, "data[0]"),
                ("s2", Some("s1"), "data[0].folders[0]"),
                ("s3", Some("s2"), "data[0].folders[0].folders[0]")
            ]
        );
        assert_eq!(
            c.gateway_services.set_and_descendants("s1"),
            ["s1", "s2", "s3"]
        );
    }

    #[test]
    fn definitions_nested_in_items_and_without_set() {
        let text = r#"{"meta": {"status": 200}, "fail": [], "data": [{"items": [
            {"id": "a1", "addressType": "ENVELOPE_TO", "originalAddress": "j@example.com", "newAddress": "j@gmail.com", "routing": "Inbound", "folderId": "s2"},
            {"id": "a2", "addressType": "weird", "originalAddress": "k@example.com", "newAddress": "k@example.org", "routing": "all"},
            {"id": "a3", "addressType": "all"}]}]}"#;
        let (c, st) = load("address-alteration-definitions.json", text);
        assert!(st.error.is_none(), "{:?}", st.error);
        let d = &c.gateway_services.alteration_definitions;
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].address_type.as_deref(), Some("envelope_to"));
        assert_eq!(d[0].routing.as_deref(), Some("inbound"));
        assert_eq!(d[0].origin.path, "data[0].items[0]");
        assert_eq!(d[1].folder_id, None);
        assert!(st
            .notes
            .iter()
            .any(|n| n.contains("data[0].items[1].addressType")));
        assert!(st
            .warnings
            .iter()
            .any(|w| w.contains("data[0].items[2].originalAddress is missing")));
    }

    fn detected(name: &str, v: &serde_json::Value) -> Result<Section, Vec<Section>> {
        use crate::input::detect::{detect, Detected};
        match detect(v, name) {
            Ok(Detected::Section(s)) => Ok(s),
            Ok(other) => panic!("{name}: {other:?}"),
            Err(e) => Err(e.candidates),
        }
    }

    #[test]
    fn loose_files_are_recognised_by_content_or_name() {
        use serde_json::json;
        let dkim = json!({"dnsOutboundDefinitions": [{"id": "d", "selector": "s", "keyLength": 1024}], "meta": {}});
        assert_eq!(
            detected("x.json", &dkim),
            Ok(Section::DnsAuthOutboundDefinitions)
        );
        let jrn = json!({"services": [{"id": "j", "smtpJournalingConnection": {}}], "meta": {}});
        assert_eq!(detected("x.json", &jrn), Ok(Section::JournalingServices));
        let defs = json!({"meta": {"status": 200}, "fail": [], "data": [{"items": []}]});
        assert_eq!(
            detected("x.json", &defs),
            Ok(Section::AddressAlterationDefinitions)
        );
        let pols = json!({"meta": {"status": 200}, "fail": [], "data": [
            {"id": "p", "addressAlterationSetId": "s", "policy": {"from": {"type": "everyone"}, "to": {"type": "everyone"}, "fromPart": "envelope_from"}}]});
        assert_eq!(
            detected("response.json", &pols),
            Ok(Section::AddressAlterationPolicies)
        );
        // Sets look like profile groups: the file name decides.
        let sets = json!({"meta": {"status": 200}, "fail": [], "data": [{"id": "a", "description": "x", "folderCount": 1, "folders": []}]});
        assert_eq!(
            detected("get-address-alteration-set.json", &sets),
            Ok(Section::AddressAlterationSets)
        );
        assert_eq!(detected("response.json", &sets), Ok(Section::Groups));
        let chosen = InputFile::new("response.json", sets.to_string())
            .with_section(Some(Section::AddressAlterationSets));
        let l = load_all(&[chosen]);
        assert_eq!(l.statuses[0].sections, [Section::AddressAlterationSets]);
        assert_eq!(l.config.gateway_services.alteration_sets.len(), 1);
        // Greylisting shares `apply` / `no_action` with anti-spoofing.
        let grey = json!({"policies": [{"id": "g", "option": "apply", "from": {"type": "everyone"}, "to": {"type": "everyone"}, "fromDate": "2026-01-01T00:00:00+0000"}], "meta": {}});
        assert_eq!(
            detected("greylisting-policies.json", &grey),
            Ok(Section::GreylistingPolicies)
        );
        let ask = detected("response.json", &grey).unwrap_err();
        assert!(
            ask.contains(&Section::GreylistingPolicies)
                && ask.contains(&Section::AntiSpoofingPolicies)
        );
        // Outbound DKIM policies look like every definition-based policy.
        let dp = json!({"policies": [{"id": "p", "definitionId": "d", "from": {"type": "everyone"}, "to": {"type": "everyone"}}], "meta": {}});
        assert_eq!(
            detected("dns-authentication-outbound-policies.json", &dp),
            Ok(Section::DnsAuthOutboundPolicies)
        );
        assert_eq!(
            detected("dns-authentication-inbound-policies.json", &dp),
            Ok(Section::DnsAuthInboundPolicies)
        );
    }

    #[test]
    fn greylisting_dates_at_the_top_level_bound_the_policy() {
        let text = r#"{"format": "mimecast-config-bundle", "version": 1, "greylistingPolicies": {"policies": [
            {"id": "g1", "option": "no_action", "from": {"type": "everyone"}, "to": {"type": "everyone"},
             "fromDate": "2026-01-01T00:00:00+0000", "toDate": "2026-03-31"},
            {"id": "g2", "option": "apply", "from": {"type": "everyone"}, "to": {"type": "everyone"},
             "fromDate": "1900-01-01T00:00:00+0000", "toDate": "2100-01-01T23:59:59+0000"}], "meta": {}}}"#;
        let (c, st) = load("b.json", text);
        assert!(st.error.is_none(), "{:?}", st.error);
        let p = c.policies(Section::GreylistingPolicies);
        assert_eq!(
            p[0].validity.from.unwrap().to_rfc3339(),
            "2026-01-01T00:00:00+00:00"
        );
        assert_eq!(
            p[0].validity.to.unwrap().to_rfc3339(),
            "2026-03-31T23:59:59+00:00"
        );
        assert_eq!((p[1].validity.from, p[1].validity.to), (None, None));
    }

    #[test]
    fn an_address_alteration_policy_names_its_set_as_its_definition() {
        let text = r#"{"meta": {"status": 200}, "fail": [], "data": [
            {"id": "p1", "addressAlterationSetId": "set-9", "policy": {"description": "Leavers", "from": {"type": "everyone"}, "to": {"type": "everyone"}, "fromPart": "envelope_from", "enabled": true}}]}"#;
        let (c, st) = load("address-alteration-policies.json", text);
        assert!(st.error.is_none(), "{:?}", st.error);
        let p = &c.policies(Section::AddressAlterationPolicies)[0];
        assert_eq!(p.definition_id.as_deref(), Some("set-9"));
        assert_eq!(p.id.as_deref(), Some("p1"));
    }

    #[test]
    fn a_list_of_no_readable_record_names_file_path() {
        let (_, st) = load("x.json", r#"{"journalingServices": [42], "meta": {}}"#);
        let e = st.error.expect("error");
        assert!(e.message.contains("journalingServices[0]"), "{}", e.message);
    }
}
