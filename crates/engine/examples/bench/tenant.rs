//! A deterministic synthetic tenant of a chosen size, built on the pitfall
//! sample (so every planted pitfall of the sample is in it) and grown with
//! the lists that make real tenants big: internal domains with their
//! anti-spoofing policies and DNS records, thousands of permitted-sender
//! policies, hundreds of thousands of managed senders, and group members.
//! New pitfalls are planted at fixed strides among the generated records.

use std::fmt::Write;

use serde_json::Value;

/// The sample every synthetic tenant starts from.
const BASE: &str = include_str!("../../../../samples/pitfall-tenant.bundle.json");

/// Counts of generated records per MB of output (about 50 MB gives 500
/// domains, 5,000 permitted-sender policies, 300,000 managed senders).
struct Counts {
    domains: usize,
    permits: usize,
    managed: usize,
    groups: usize,
    members: usize,
}

impl Counts {
    fn per_mb(mb: f64) -> Counts {
        let n = |per: f64, min: usize| ((per * mb) as usize).max(min);
        Counts {
            domains: n(10.0, 5),
            permits: n(100.0, 20),
            managed: n(5_600.0, 50),
            groups: n(1.0, 2),
            members: n(900.0, 20),
        }
    }
}

/// A bundle of about `mb` megabytes (10^6 bytes), the same for the same
/// size on every run.
pub fn tenant(mb: f64) -> Vec<u8> {
    // One trial at the nominal counts, then one scaled to the target.
    let trial = build(&Counts::per_mb(mb));
    let target = mb * 1e6;
    let scaled = mb * target / trial.len() as f64;
    build(&Counts::per_mb(scaled))
}

fn build(c: &Counts) -> Vec<u8> {
    let mut base: Value = serde_json::from_str(BASE).expect("the sample bundle is JSON");
    let doc = base
        .as_object_mut()
        .expect("the sample bundle is an object");
    doc.remove("x-planted");
    doc.remove("x-not-planted");
    let mut lists: Vec<(&str, String)> = Vec::new();
    let mut grow_list = |key: &'static str, extra: String| {
        let old = doc.insert(key.into(), Value::String(format!("@@{key}@@")));
        let mut items: Vec<String> = old
            .as_ref()
            .map(records_of)
            .unwrap_or_default()
            .iter()
            .map(Value::to_string)
            .collect();
        if !extra.is_empty() {
            items.push(extra);
        }
        lists.push((key, format!("[{}]", items.join(","))));
    };
    grow_list("internalDomains", domains(c.domains));
    grow_list("antiSpoofingPolicies", anti_spoofing(c.domains));
    grow_list("permittedSenderPolicies", permits(c.permits, c.domains));
    grow_list("managedSenders", managed(c.managed, c.domains));
    grow_list("groups", groups(c.groups));
    for (key, extra) in [
        (
            "groupMembers",
            group_members(c.groups, c.members, c.domains),
        ),
        ("dnsRecords", dns_records(c.domains)),
    ] {
        let old = doc.insert(key.into(), Value::String(format!("@@{key}@@")));
        let mut text = old.map(|v| v.to_string()).unwrap_or_else(|| "{}".into());
        text.pop();
        if text.len() == 1 {
            text.push_str(extra.trim_start_matches(','));
        } else {
            text.push_str(&extra);
        }
        text.push('}');
        lists.push((key, text));
    }

    let mut out = base.to_string();
    for (key, text) in lists {
        out = out.replacen(&format!("\"@@{key}@@\""), &text, 1);
    }
    out.into_bytes()
}

/// The records of a list section in any of the sample's shapes.
fn records_of(v: &Value) -> Vec<Value> {
    let list = match v {
        Value::Array(a) => a.clone(),
        Value::Object(m) => ["data", "definitions", "policies", "domains"]
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_array).cloned())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    // API 1.0 groups: `data[0].folders[]`.
    list.iter()
        .flat_map(|r| match r.get("folders").and_then(Value::as_array) {
            Some(inner) => inner.clone(),
            None => vec![r.clone()],
        })
        .collect()
}

fn domain(i: usize) -> String {
    format!("d{i}.tenant.example")
}

/// A small deterministic mixer, so entries vary without a random crate.
fn mix(i: usize) -> usize {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x ^ (x >> 29)) as usize
}

fn comma(out: &mut String, i: usize) {
    if i > 0 {
        out.push(',');
    }
}

fn domains(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        comma(&mut out, i);
        let send_only = i % 25 == 24;
        let _ = write!(
            out,
            r#"{{"id":"dom{i}","domain":"{}","sendOnly":{send_only},"local":false,"inboundType":"any"}}"#,
            domain(i)
        );
    }
    out
}

/// One apply policy per domain; every tenth domain has none and every
/// seventeenth policy is disabled (both leave the domain unprotected).
fn anti_spoofing(n: usize) -> String {
    let mut out = String::new();
    for (k, i) in (0..n).filter(|i| i % 10 != 3).enumerate() {
        comma(&mut out, k);
        let enabled = i % 17 != 5;
        let _ = write!(
            out,
            r#"{{"id":"asp{i}","description":"Anti-Spoofing - {d}","option":"apply_non_mimecast","fromPart":"both","from":{{"type":"email_domain","domain":"{d}"}},"to":{{"type":"internal_addresses"}},"enabled":{enabled},"enforced":false,"override":false,"bidirectional":false,"fromEternal":true,"toEternal":true,"sourceIPs":[],"hostnames":[]}}"#,
            d = domain(i)
        );
    }
    out
}

/// Permit-sender policies for single vendor addresses, with pitfalls:
/// whole third-party domains, shared providers, the tenant's own domains,
/// everyone, and broad source ranges.
fn permits(n: usize, domains: usize) -> String {
    const PROVIDERS: [&str; 4] = ["sendgrid.net", "gmail.com", "outlook.com", "mailchimp.com"];
    let mut out = String::new();
    for i in 0..n {
        comma(&mut out, i);
        let from = match i {
            _ if i % 211 == 7 => r#"{"type":"everyone"}"#.to_string(),
            _ if i % 97 == 5 => format!(
                r#"{{"type":"email_domain","domain":"{}"}}"#,
                domain(mix(i) % domains)
            ),
            _ if i % 61 == 3 => format!(
                r#"{{"type":"email_domain","domain":"{}"}}"#,
                PROVIDERS[mix(i) % PROVIDERS.len()]
            ),
            _ if i % 23 == 1 => {
                format!(r#"{{"type":"email_domain","domain":"vendor{i}.example"}}"#)
            }
            _ => {
                format!(r#"{{"type":"email_address","emailAddress":"noreply@vendor{i}.example"}}"#)
            }
        };
        let ip = if i % 53 == 11 {
            "10.0.0.0/8".to_string()
        } else {
            format!("198.51.{}.{}/32", i / 256 % 256, i % 256)
        };
        let _ = write!(
            out,
            r#"{{"id":"psp{i}","description":"Vendor {i} notifications","option":"permit_sender","fromPart":"envelope_from","from":{from},"to":{{"type":"internal_addresses"}},"enabled":true,"enforced":false,"override":false,"bidirectional":false,"fromEternal":true,"toEternal":true,"sourceIPs":["{ip}"]}}"#
        );
    }
    out
}

/// Managed senders: mostly single-address permits and blocks, with
/// auto-allow entries (some lapsed), whole-domain permits of free-mail and
/// partner domains, and permits of the tenant's own domains.
fn managed(n: usize, domains: usize) -> String {
    let mut out = String::with_capacity(n * 150);
    for i in 0..n {
        comma(&mut out, i);
        let to = format!("user{}@{}", mix(i) % 5_000, domain(mix(i + 1) % domains));
        let sender = match i {
            _ if i % 997 == 13 => "gmail.com".to_string(),
            _ if i % 613 == 17 => format!("@partner{}.example", i % 50),
            _ if i % 1_409 == 19 => format!("ceo@{}", domain(mix(i) % domains)),
            _ => format!("contact{}@partner{}.example", mix(i) % 100_000, i % 3_000),
        };
        let (kind, extra) = match i % 10 {
            1 | 2 => ("Block", String::new()),
            3 => (
                "AutoAllow",
                format!(
                    r#","expires":"202{}-0{}-15T00:00:00Z""#,
                    5 + i % 3,
                    1 + i % 9
                ),
            ),
            _ => ("Permit", String::new()),
        };
        let source = ["digest", "outlook-addin", "console"][i % 3];
        let _ = write!(
            out,
            r#"{{"id":"ms{i}","to":"{to}","sender":"{sender}","type":"{kind}","source":"{source}"{extra}}}"#
        );
    }
    out
}

fn groups(n: usize) -> String {
    let mut out = String::new();
    for g in 0..n {
        comma(&mut out, g);
        let _ = write!(
            out,
            r#"{{"id":"grp{g}","description":"Team {g}","source":"cloud","parentId":"root","folderCount":0,"userCount":0}}"#
        );
    }
    out
}

/// Members spread over the groups; every fiftieth an outside address.
fn group_members(groups: usize, members: usize, domains: usize) -> String {
    let mut out = String::with_capacity(members * 170);
    let per = members.div_ceil(groups);
    for g in 0..groups {
        let _ = write!(out, r#","grp{g}":["#);
        for m in 0..per {
            comma(&mut out, m);
            let i = g * per + m;
            let (addr, dom, internal) = if i % 50 == 49 {
                let d = format!("partner{}.example", i % 300);
                (format!("guest{i}@{d}"), d, false)
            } else {
                let d = domain(mix(i) % domains);
                (format!("user{i}@{d}"), d, true)
            };
            let _ = write!(
                out,
                r#"{{"emailAddress":"{addr}","domain":"{dom}","name":"User {i}","internal":{internal},"type":"created_manually","notes":""}}"#
            );
        }
        out.push(']');
    }
    out
}

/// SPF and DMARC per domain: every seventh SPF is `+all`, every third
/// domain publishes no DMARC record, every fifth one at `p=none`.
fn dns_records(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let spf = if i % 7 == 0 {
            "v=spf1 +all"
        } else {
            "v=spf1 include:eu._netblocks.mimecast.com -all"
        };
        let dmarc = match i % 15 {
            0 | 3 | 6 | 9 | 12 => "null".to_string(),
            5 | 10 => "\"v=DMARC1; p=none\"".to_string(),
            _ => "\"v=DMARC1; p=reject\"".to_string(),
        };
        let _ = write!(out, r#","{}":{{"spf":"{spf}","dmarc":{dmarc}}}"#, domain(i));
    }
    out
}
