//! `mimecast-audit collect` against a fake Mimecast API: a small HTTP
//! server on 127.0.0.1 (a random port) that this file starts itself. No
//! test contacts anything outside the machine.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ID: &str = "cid-7f3a9e1c-fake-id";
const SECRET: &str = "sec-Q2hhbmdlTWUhIQ-fake";
/// Every token the fake issues starts with this (then a number).
const TOKEN: &str = "tok-eyJhbGciOiJSUzI1NiJ9-";

#[derive(Debug, Clone)]
struct Req {
    method: String,
    path: String,
    query: HashMap<String, String>,
    headers: HashMap<String, String>,
    body: String,
}

impl Req {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
    /// The page token, from the query (API 2.0) or the body (API 1.0).
    fn page_token(&self) -> Option<String> {
        self.query.get("pageToken").cloned().or_else(|| {
            self.json()["meta"]["pagination"]["pageToken"]
                .as_str()
                .map(str::to_string)
        })
    }
    fn bearer(&self) -> Option<&str> {
        self.headers.get("authorization")?.strip_prefix("Bearer ")
    }
}

#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    delay: Duration,
    /// Announce more bytes than are sent, then hang up.
    truncate: bool,
}

fn reply(status: u16, v: Value) -> Reply {
    Reply {
        status,
        headers: vec![],
        body: v.to_string(),
        delay: Duration::ZERO,
        truncate: false,
    }
}

/// A scenario's change to the fake tenant: `Some(reply)` replaces the
/// normal answer. It sees the request and how many requests came before.
type Override = Box<dyn Fn(&Req, usize) -> Option<Reply> + Send + Sync>;

struct Fake {
    base: String,
    seen: Arc<Mutex<Vec<Req>>>,
}

fn fixture(name: &str) -> Value {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/e2e"
    ))
    .join(name);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The fake tenant: the acceptance fixtures (two internal domains, an
/// anti-spoofing policy, an SPF-based bypass of it), served over several
/// pages in every pagination variant the collector must follow.
fn tenant(req: &Req, issued: &AtomicUsize) -> Reply {
    let path = req.path.as_str();
    if path == "/oauth/token" {
        let form: HashMap<&str, &str> = req
            .body
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        if req.method != "POST"
            || form.get("grant_type") != Some(&"client_credentials")
            || form.get("client_id") != Some(&ID)
            || form.get("client_secret") != Some(&SECRET)
        {
            return reply(401, json!({"error": "invalid_client"}));
        }
        let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
        return reply(
            200,
            json!({"access_token": format!("{TOKEN}{n}"), "token_type": "Bearer", "expires_in": 1799}),
        );
    }
    let n = issued.load(Ordering::SeqCst);
    let valid = req
        .bearer()
        .and_then(|t| t.strip_prefix(TOKEN))
        .and_then(|t| t.parse::<usize>().ok())
        .is_some_and(|t| t >= 1 && t <= n);
    if !valid {
        return reply(401, json!({"fault": "unauthorized"}));
    }
    let page = req.page_token();
    let page = page.as_deref();
    let domains = fixture("internal-domains.json")["data"].clone();
    let legacy = |data: Value, next: Option<&str>| {
        let mut meta = json!({"status": 200, "pagination": {"pageSize": 100}});
        if let Some(n) = next {
            meta["pagination"]["next"] = n.into();
        }
        reply(200, json!({"meta": meta, "data": data, "fail": []}))
    };
    match (req.method.as_str(), path) {
        ("POST", "/api/account/get-account") => legacy(
            json!([{"accountName": "Example Ltd", "accountCode": "CUSA00A000", "region": "us",
                    "packages": ["Email Security Cloud Gateway"], "userCount": 40}]),
            None,
        ),
        // meta.nextPage, list under `domains`.
        ("GET", "/domain/cloud-gateway/v1/internal-domains") => match page {
            None => reply(
                200,
                json!({"meta": {"nextPage": "d2"}, "domains": [domains[0]]}),
            ),
            Some("d2") => reply(200, json!({"meta": {}, "domains": [domains[1]]})),
            _ => reply(400, json!({})),
        },
        // meta.nextPageToken, an empty first page, list under `definitions`.
        ("GET", "/policy-management/cloud-gateway/v1/anti-spoofing/policies") => match page {
            None => reply(
                200,
                json!({"meta": {"nextPageToken": "a2"}, "definitions": []}),
            ),
            Some("a2") => reply(200, fixture("anti-spoofing.json")),
            _ => reply(400, json!({})),
        },
        // Not on this tenant: the collector falls back to API 1.0, whose
        // pages follow meta.pagination.next.
        ("GET", "/policy-management/cloud-gateway/v1/anti-spoofing-bypass/policies") => {
            reply(404, json!({"message": "not found"}))
        }
        ("POST", "/api/policy/antispoofing-bypass/get-policy") => match page {
            None => legacy(fixture("spf-bypass.json")["data"].clone(), Some("b2")),
            Some("b2") => legacy(json!([]), None),
            _ => reply(400, json!({})),
        },
        // meta.pagination.nextPage, list under `policies`.
        ("GET", "/policy-management/cloud-gateway/v1/blocked-senders/policies") => match page {
            None => reply(
                200,
                json!({"meta": {"pagination": {"nextPage": "s2"}}, "policies": []}),
            ),
            Some("s2") => reply(200, json!({"meta": {"pagination": {}}, "policies": []})),
            _ => reply(400, json!({})),
        },
        // meta.pagination.nextPageToken, list under `groups`.
        ("GET", "/directory/cloud-gateway/v1/groups") => match page {
            None => reply(
                200,
                json!({"meta": {"pagination": {"nextPageToken": "g2"}},
                       "groups": [{"id": "grp/1", "description": "VIP", "source": "cloud"}]}),
            ),
            Some("g2") => reply(
                200,
                json!({"meta": {}, "groups": [{"id": "grp2", "description": "Finance", "source": "cloud"}]}),
            ),
            _ => reply(400, json!({})),
        },
        // The id `grp/1` arrives percent-encoded; members over two pages.
        ("GET", "/directory/cloud-gateway/v1/groups/grp%2F1/members") => match page {
            None => reply(
                200,
                json!({"meta": {"pagination": {"next": "m2"}}, "groupMembers": [
                    {"emailAddress": "ceo@example.com", "domain": "example.com", "internal": true, "type": "email_address"}]}),
            ),
            Some("m2") => reply(
                200,
                json!({"meta": {}, "groupMembers": [
                    {"emailAddress": "cfo@example.com", "domain": "example.com", "internal": true, "type": "email_address"}]}),
            ),
            _ => reply(400, json!({})),
        },
        ("GET", "/directory/cloud-gateway/v1/groups/grp2/members") => {
            reply(200, json!({"groupMembers": []}))
        }
        ("GET", "/connector/cloud-gateway/v1/connectors") => reply(
            200,
            json!({"connectors": [{"id": "c1", "name": "M365", "provider": "microsoft", "status": "active"}]}),
        ),
        // A list key the engine does not know: the collector still reads it.
        ("GET", "/directory/cloud-gateway/v1/integrations") => {
            reply(200, json!({"meta": {}, "integrations": []}))
        }
        ("POST", "/api/ttp/remediation/find-incidents") => {
            let d = &req.json()["data"][0];
            if d["start"].as_str().is_none() || d["end"].as_str().is_none() {
                return reply(
                    200,
                    json!({"meta": {"status": 400}, "data": [],
                    "fail": [{"errors": [{"code": "err_validation_missing", "message": "start"}]}]}),
                );
            }
            legacy(json!([]), None)
        }
        ("POST", "/api/audit/get-audit-events") => match page {
            None => legacy(
                json!([{"id": "e1", "auditType": "Logon Authentication Failed", "category": "authentication_logs",
                        "eventInfo": "x", "eventTime": "2026-11-01T10:00:00+0000", "user": "admin@example.com"}]),
                Some("e2"),
            ),
            Some("e2") => legacy(json!([]), None),
            _ => reply(400, json!({})),
        },
        // Catalog wave 2 (group B): see `wave2_sections_are_collected_and_assessed`.
        ("GET", "/email/cloud-gateway/v1/gateway-details") => reply(
            200,
            json!({"accountCode": "CUSA00A000", "region": "us", "protectionMode": "full", "status": "active",
                   "inboundMxRecords": [{"hostname": "us-smtp-inbound-1.mimecast.com", "priority": 10}],
                   "outboundHostnames": ["us-smtp-o365-outbound-1.mimecast.com"], "outboundEnabled": true}),
        ),
        // The list under `dnsOutboundDefinitions`, over two pages.
        ("GET", "/policy-management/cloud-gateway/v1/dns-authentication-outbound/definitions") => {
            match page {
                None => reply(
                    200,
                    json!({"meta": {"nextPage": "k2"}, "dnsOutboundDefinitions": [
                        {"id": "dk1", "description": "DKIM example.com", "domain": "example.com", "selector": "mc2026",
                         "signDkim": true, "keyLength": 2048, "dnsAddress": "mc2026._domainkey.example.com", "validated": true}]}),
                ),
                Some("k2") => reply(
                    200,
                    json!({"meta": {}, "dnsOutboundDefinitions": [
                        {"id": "dk2", "description": "DKIM example.org", "domain": "example.org", "selector": "old",
                         "signDkim": true, "keyLength": 1024, "dnsAddress": "old._domainkey.example.org", "validated": false}]}),
                ),
                _ => reply(400, json!({})),
            }
        }
        ("GET", "/policy-management/cloud-gateway/v1/dns-authentication-outbound/policies") => {
            reply(
                200,
                json!({"meta": {}, "policies": [
                {"id": "dp1", "description": "Sign example.com", "definitionId": "dk1", "from": {"type": "email_domain", "domain": "example.com"},
                 "to": {"type": "everyone"}, "enabled": true, "fromEternal": true, "toEternal": true},
                {"id": "dp2", "description": "Sign example.org", "definitionId": "dk2", "from": {"type": "email_domain", "domain": "example.org"},
                 "to": {"type": "everyone"}, "enabled": true, "fromEternal": true, "toEternal": true}]}),
            )
        }
        ("GET", "/policy-management/cloud-gateway/v1/greylisting/policies") => reply(
            200,
            json!({"meta": {}, "policies": [
                {"id": "gr1", "description": "No delays", "option": "no_action", "from": {"type": "everyone"}, "to": {"type": "everyone"},
                 "enabled": true, "fromDate": "1900-01-01T00:00:00+0000", "toDate": "2100-01-01T23:59:59+0000", "sourceIPs": []}]}),
        ),
        // The list under `services`; the mailbox password must not reach the bundle.
        ("GET", "/journaling/cloud-gateway/v1/services") => reply(
            200,
            json!({"meta": {}, "services": [
                {"id": "jr1", "description": "Journal mailbox", "enabled": true, "transferProtocol": "pop3",
                 "pop3JournalingConnection": {"host": "mail.example.com", "port": 110, "usesPOP3S": false,
                   "password": "journal-pa55-fake"}}]}),
        ),
        ("POST", "/api/policy/address-alteration/get-address-alteration-set") => legacy(
            json!([{"id": "as1", "description": "Address Alterations", "folders": [
                {"id": "as2", "description": "Leavers", "parentId": "as1"}]}]),
            None,
        ),
        // The answer does not name the set: the collector adds `folderId`.
        ("POST", "/api/policy/address-alteration/get-definition") => {
            match req.json()["data"][0]["folderId"].as_str() {
                Some("as2") => legacy(
                    json!([{"items": [{"id": "ad1", "addressType": "envelope_to", "originalAddress": "leaver@example.com",
                                       "newAddress": "leaver.private@gmail.com", "routing": "inbound"}]}]),
                    None,
                ),
                Some("as1") => legacy(json!([{"items": []}]), None),
                _ => reply(400, json!({})),
            }
        }
        ("POST", "/api/policy/address-alteration/get-policy") => legacy(
            json!([{"id": "ap1", "addressAlterationSetId": "as1", "policy": {
                "description": "Leavers", "from": {"type": "everyone"}, "to": {"type": "everyone"},
                "fromEternal": true, "toEternal": true, "enabled": true}}]),
            None,
        ),
        // Request-body cursor pagination.
        ("POST", "/api/ttp/url/get-all-managed-urls") => match page {
            None => legacy(
                json!([{"id": "mu1", "url": "https://drive.google.com", "matchType": "domain", "action": "permit"}]),
                Some("u2"),
            ),
            Some("u2") => legacy(
                json!([{"id": "mu2", "url": "https://bad.example", "matchType": "explicit", "action": "block"}]),
                None,
            ),
            _ => reply(400, json!({})),
        },
        ("POST", "/api/provisioning/get-packages") => legacy(
            json!([{"products": [{"id": "1", "name": "Targeted Threat Protection - URL Protect"},
                                 {"id": "2", "name": "Email Security Cloud Gateway"}]}]),
            None,
        ),
        _ => reply(404, json!({"message": "no such call"})),
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Req> {
    let mut r = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    let (path, q) = target.split_once('?').unwrap_or((&target, ""));
    let query = q
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Some(Req {
        method,
        path: path.to_string(),
        query,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn start(over: Override) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Mutex<Vec<Req>>> = Arc::default();
    let issued = Arc::new(AtomicUsize::new(0));
    let over = Arc::new(over);
    let s = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (seen, issued, over) = (s.clone(), issued.clone(), over.clone());
            std::thread::spawn(move || {
                let Some(req) = read_request(&mut stream) else {
                    return;
                };
                let count = {
                    let mut v = seen.lock().unwrap();
                    v.push(req.clone());
                    v.len() - 1
                };
                let r = over(&req, count).unwrap_or_else(|| tenant(&req, &issued));
                std::thread::sleep(r.delay);
                let announced = if r.truncate {
                    r.body.len() + 100
                } else {
                    r.body.len()
                };
                let mut head = format!(
                    "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {announced}\r\nConnection: close\r\n",
                    r.status
                );
                for (k, v) in &r.headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(r.body.as_bytes());
                let _ = stream.flush();
            });
        }
    });
    Fake { base, seen }
}

fn none() -> Override {
    Box::new(|_, _| None)
}

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
    bundle_bytes: Vec<u8>,
    bundle: Value,
    file: PathBuf,
}

fn temp(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "mimecast-collect-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn command(fake: &Fake, dir: &std::path::Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"));
    c.arg("collect")
        .arg("--out")
        .arg(dir.join("tenant.bundle.json"))
        .args([
            "--base-url",
            &fake.base,
            "--timeout",
            "1",
            "--retries",
            "2",
            "--retry-wait",
            "10",
        ])
        .args(extra)
        .env("MIMECAST_CLIENT_ID", ID)
        .env("MIMECAST_CLIENT_SECRET", SECRET)
        .stdin(Stdio::null());
    c
}

fn collect(fake: &Fake, extra: &[&str]) -> Out {
    let dir = temp("run");
    let o = command(fake, &dir, extra).output().unwrap();
    let file = dir.join("tenant.bundle.json");
    assert_only_reads(fake);
    let bundle_bytes = std::fs::read(&file).unwrap_or_default();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: o.stdout,
        stderr: String::from_utf8(o.stderr).unwrap(),
        bundle: serde_json::from_slice(&bundle_bytes).unwrap_or(Value::Null),
        bundle_bytes,
        file,
    }
}

/// The analyzer's JSON report of a bundle file.
fn analyse(file: &std::path::Path) -> (i32, Value) {
    let o = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .args(["--format", "json"])
        .arg(file)
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        serde_json::from_slice(&o.stdout).unwrap(),
    )
}

fn status<'a>(report: &'a Value, code: &str) -> &'a Value {
    &report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap()["status"]
}

/// The analyzer's coverage state of one section.
fn coverage<'a>(report: &'a Value, key: &str) -> &'a Value {
    &report["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap()["state"]
}

/// Every request the fake saw, as `METHOD path`.
fn calls(fake: &Fake) -> Vec<String> {
    fake.seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn assert_no_secret(o: &Out) {
    for (what, bytes) in [
        ("stdout", &o.stdout),
        ("stderr", &o.stderr.as_bytes().to_vec()),
        ("bundle", &o.bundle_bytes),
    ] {
        let text = String::from_utf8_lossy(bytes);
        for s in [ID, SECRET, TOKEN, "eyJhbGciOiJSUzI1NiJ9"] {
            assert!(!text.contains(s), "{what} holds a secret ({s})");
        }
    }
}

#[test]
fn collect_then_analyse_gives_the_fake_tenants_findings() {
    let fake = start(none());
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let b = &o.bundle;
    assert_eq!(b["format"], "mimecast-config-bundle");
    assert_eq!(b["version"], 1);
    assert_eq!(b["account"]["accountCode"], "CUSA00A000");
    assert_eq!(b["internalDomains"].as_array().unwrap().len(), 2);
    assert_eq!(b["antiSpoofingPolicies"].as_array().unwrap().len(), 1);
    assert_eq!(b["antiSpoofingBypassPolicies"].as_array().unwrap().len(), 1);
    assert_eq!(b["blockedSenderPolicies"], json!([]));
    assert_eq!(b["groups"].as_array().unwrap().len(), 2);
    assert_eq!(b["groupMembers"]["grp/1"].as_array().unwrap().len(), 2);
    assert_eq!(b["groupMembers"]["grp2"], json!([]));
    assert_eq!(b["connectors"].as_array().unwrap().len(), 1);
    assert_eq!(b["directoryIntegrations"], json!([]));
    assert_eq!(b["threatRemediation"]["incidents"], json!([]));
    assert_eq!(b["auditEvents"].as_array().unwrap().len(), 1);
    // Progress and summary on standard error, nothing on standard output.
    assert!(o.stdout.is_empty());
    assert!(
        o.stderr
            .contains("internalDomains: page 2, 1 records (2 so far)"),
        "{}",
        o.stderr
    );
    assert!(o
        .stderr
        .contains("answered 404; trying POST /api/policy/antispoofing-bypass/get-policy"));
    assert!(o.stderr.contains("Incomplete (0)"), "{}", o.stderr);
    assert!(o
        .stderr
        .contains("Permitted senders policies (permittedSenderPolicies): Console only"));
    assert!(o.stderr.contains("Threat Remediation settings"));
    // Config Snapshot is never called.
    assert!(!calls(&fake).iter().any(|c| c.contains("snapshot")));

    let (code, r) = analyse(&o.file);
    assert_eq!(code, 1, "a rule fails");
    for i in r["inputs"].as_array().unwrap() {
        assert_eq!(i["status"], "ok", "{i}");
    }
    assert_eq!(status(&r, "ASP001"), "fail");
    assert_eq!(status(&r, "ASP003"), "fail");
    for key in [
        "internalDomains",
        "antiSpoofingPolicies",
        "antiSpoofingBypassPolicies",
        "blockedSenderPolicies",
        "groups",
        "groupMembers",
        "connectors",
        "directoryIntegrations",
        "auditEvents",
    ] {
        assert_eq!(coverage(&r, key), "collected", "{key}");
    }
    assert_no_secret(&o);
}

/// Every call the fake saw was a read: the token call, a `GET`, or one of
/// the named API 1.0 reads; none but the token call carried the credentials.
fn assert_only_reads(fake: &Fake) {
    let legacy = [
        "/api/account/get-account",
        "/api/domain/get-internal-domain",
        "/api/policy/antispoofing-bypass/get-policy",
        "/api/policy/blockedsenders/get-policy",
        "/api/ttp/remediation/find-incidents",
        "/api/audit/get-audit-events",
        "/api/policy/address-alteration/get-address-alteration-set",
        "/api/policy/address-alteration/get-definition",
        "/api/policy/address-alteration/get-policy",
        "/api/ttp/url/get-all-managed-urls",
        "/api/provisioning/get-packages",
    ];
    for r in fake.seen.lock().unwrap().iter() {
        let ok = r.method == "GET"
            || (r.method == "POST"
                && (r.path == "/oauth/token" || legacy.contains(&r.path.as_str())));
        assert!(ok, "{} {}", r.method, r.path);
        assert!(!r.path.contains("snapshot"));
        if r.path != "/oauth/token" {
            assert!(!r.body.contains(SECRET) && !r.body.contains(ID));
            assert!(!r
                .query
                .values()
                .any(|v| v.contains(SECRET) || v.contains(ID)));
            assert!(
                r.bearer().is_some_and(|t| t.starts_with(TOKEN)),
                "{}",
                r.path
            );
        }
    }
}

#[test]
fn only_read_calls_reach_the_api() {
    let fake = start(none());
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let seen = fake.seen.lock().unwrap().clone();
    assert!(seen.len() > 15, "{}", seen.len());
    assert_only_reads(&fake);
    assert_eq!(seen.iter().filter(|r| r.path == "/oauth/token").count(), 1);
}

#[test]
fn no_credentials_without_a_terminal_is_a_clear_error() {
    let fake = start(none());
    let dir = temp("nocreds");
    let o = command(&fake, &dir, &[])
        .env_remove("MIMECAST_CLIENT_ID")
        .env_remove("MIMECAST_CLIENT_SECRET")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(
        e.contains("MIMECAST_CLIENT_ID") && e.contains("MIMECAST_CLIENT_SECRET"),
        "{e}"
    );
    assert!(calls(&fake).is_empty(), "nothing was sent");
    // Credentials on the command line are refused, and not echoed.
    let o = command(&fake, &dir, &["--client-secret", SECRET])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&o.stderr).contains(SECRET));
}

#[test]
fn wrong_credentials_stop_with_a_message_that_leaks_nothing() {
    let fake = start(none());
    let dir = temp("wrong");
    let o = command(&fake, &dir, &[])
        .env("MIMECAST_CLIENT_SECRET", "other-secret-xyz")
        .output()
        .unwrap();
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("token call was refused (HTTP 401)"), "{e}");
    assert!(!e.contains("other-secret-xyz") && !e.contains(ID), "{e}");
}

#[test]
fn an_expired_token_is_renewed_once() {
    // The first token stops working after five calls.
    let fake = start(Box::new(|r, n| {
        (n > 5 && r.bearer() == Some(&format!("{TOKEN}1")))
            .then(|| reply(401, json!({"fault": "expired"})))
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        calls(&fake)
            .iter()
            .filter(|c| *c == "POST /oauth/token")
            .count(),
        2
    );
    assert_eq!(o.bundle["auditEvents"].as_array().unwrap().len(), 1);
    assert_no_secret(&o);
}

#[test]
fn a_second_401_stops_and_keeps_what_was_collected() {
    let fake = start(Box::new(|r, _| {
        (r.path == "/policy-management/cloud-gateway/v1/anti-spoofing/policies").then(|| {
            reply(
                401,
                json!({"fault": format!("bad token {}", r.bearer().unwrap_or(""))}),
            )
        })
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("HTTP 401 again after a new token"),
        "{}",
        o.stderr
    );
    assert_eq!(
        o.bundle["internalDomains"].as_array().unwrap().len(),
        2,
        "kept"
    );
    assert!(!o.bundle["antiSpoofingPolicies"]["fail"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(
        o.bundle.get("connectors").is_none(),
        "not read after the stop"
    );
    assert!(
        o.stderr
            .contains("connectors: not read (authentication failed"),
        "{}",
        o.stderr
    );
    // One new token was asked for, once; nothing was called after the stop.
    let c = calls(&fake);
    assert_eq!(c.iter().filter(|c| *c == "POST /oauth/token").count(), 2);
    assert_eq!(
        c.iter()
            .filter(|c| c.contains("/anti-spoofing/policies"))
            .count(),
        2
    );
    assert!(!c.iter().any(|c| c.contains("connectors")));
    assert_no_secret(&o);
}

#[test]
fn a_403_marks_one_section_incomplete_naming_the_permission() {
    let fake = start(Box::new(|r, _| {
        (r.path == "/directory/cloud-gateway/v1/integrations")
            .then(|| reply(403, json!({"message": "forbidden"})))
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("directoryIntegrations: HTTP 403: the application's role lacks the permission Services / Directory Sync / Read"),
        "{}",
        o.stderr
    );
    let d = &o.bundle["directoryIntegrations"];
    assert_eq!(d["meta"]["status"], 403);
    assert_eq!(d["fail"][0]["errors"][0]["code"], "http_403");
    // The rest went on.
    assert_eq!(o.bundle["auditEvents"].as_array().unwrap().len(), 1);
    assert_eq!(o.bundle["connectors"].as_array().unwrap().len(), 1);
    // The analyzer still loads the bundle and gives its findings.
    let (_, r) = analyse(&o.file);
    assert_eq!(status(&r, "ASP001"), "fail");
    assert_eq!(coverage(&r, "directoryIntegrations"), "incomplete");
    assert_eq!(coverage(&r, "connectors"), "collected");
    assert_no_secret(&o);
}

#[test]
fn a_429_waits_for_the_reset_then_retries() {
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let fake = start(Box::new(move |r, _| {
        (r.path == "/directory/cloud-gateway/v1/groups" && h.fetch_add(1, Ordering::SeqCst) < 2)
            .then(|| {
                let mut x = reply(429, json!({"message": "slow down"}));
                x.headers = vec![
                    ("X-RateLimit-Limit".into(), "10".into()),
                    ("X-RateLimit-Remaining".into(), "0".into()),
                    ("X-RateLimit-Reset".into(), "300".into()),
                ];
                x
            })
    }));
    let t = Instant::now();
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        t.elapsed() >= Duration::from_millis(600),
        "waited twice 300 ms"
    );
    assert_eq!(o.bundle["groups"].as_array().unwrap().len(), 2);
}

#[test]
fn server_errors_slow_answers_and_cut_bodies_are_retried() {
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let fake = start(Box::new(move |r, _| {
        if r.path != "/connector/cloud-gateway/v1/connectors" {
            return None;
        }
        match h.fetch_add(1, Ordering::SeqCst) {
            0 => Some(reply(503, json!({"message": format!("busy {SECRET}")}))),
            1 => {
                let mut x = reply(200, json!({"connectors": []}));
                x.delay = Duration::from_millis(1500);
                Some(x)
            }
            _ => None,
        }
    }));
    let o = collect(&fake, &["--retries", "3"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.bundle["connectors"].as_array().unwrap().len(), 1);
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    assert_no_secret(&o);

    // A body cut short every time: the section is incomplete after the
    // bounded retries, and the rest is still collected.
    let fake = start(Box::new(|r, _| {
        (r.path == "/connector/cloud-gateway/v1/connectors").then(|| {
            let mut x = reply(200, json!({"connectors": [{"id": "c1"}]}));
            x.truncate = true;
            x
        })
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("connectors: incomplete:") && o.stderr.contains("gave up after 3 tries"),
        "{}",
        o.stderr
    );
    assert_eq!(
        calls(&fake)
            .iter()
            .filter(|c| c.contains("connectors"))
            .count(),
        3
    );
    assert!(o.bundle["connectors"]["fail"].is_array());
    assert_eq!(o.bundle["auditEvents"].as_array().unwrap().len(), 1);
    assert_no_secret(&o);
}

#[test]
fn fail_in_a_200_and_malformed_json_mark_their_sections_incomplete() {
    let fake = start(Box::new(|r, _| match r.path.as_str() {
        "/api/ttp/remediation/find-incidents" => Some(reply(
            200,
            json!({"meta": {"status": 200}, "data": [],
                   "fail": [{"key": {}, "errors": [{"code": "err_xdk_client_not_authorized", "message": "no access", "retryable": false}]}]}),
        )),
        "/directory/cloud-gateway/v1/groups" => {
            let mut x = reply(200, json!({}));
            x.body = "{\"groups\": [".into();
            Some(x)
        }
        _ => None,
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("threatRemediation: the API answered with errors: err_xdk_client_not_authorized (no access)"), "{}", o.stderr);
    assert_eq!(
        o.bundle["threatRemediation"]["incidents"]["fail"][0]["errors"][0]["code"],
        "err_xdk_client_not_authorized"
    );
    assert!(
        o.stderr
            .contains("groups: incomplete: the answer is not valid JSON"),
        "{}",
        o.stderr
    );
    assert!(o.bundle["groups"]["fail"].is_array());
    assert_eq!(o.bundle["auditEvents"].as_array().unwrap().len(), 1);
    let (_, r) = analyse(&o.file);
    assert_eq!(status(&r, "ASP003"), "fail");
    assert_eq!(coverage(&r, "groups"), "incomplete");
    assert_eq!(coverage(&r, "threatRemediation"), "incomplete");
    assert_eq!(coverage(&r, "auditEvents"), "collected");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_writes_what_it_has() {
    // Connectors answer slowly; Ctrl-C arrives meanwhile.
    let fake = start(Box::new(|r, _| {
        (r.path == "/connector/cloud-gateway/v1/connectors").then(|| {
            let mut x = reply(200, json!({"connectors": []}));
            x.delay = Duration::from_millis(700);
            x
        })
    }));
    let dir = temp("int");
    let mut child = command(&fake, &dir, &[])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !calls(&fake).iter().any(|c| c.contains("connectors")) {
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(10));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let code = child.wait().unwrap().code();
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("interrupted (Ctrl-C)"), "{err}");
    let b: Value =
        serde_json::from_slice(&std::fs::read(dir.join("tenant.bundle.json")).unwrap()).unwrap();
    assert_eq!(b["internalDomains"].as_array().unwrap().len(), 2);
    assert!(b.get("auditEvents").is_none());
}

/// A fake DNS server on 127.0.0.1 (UDP, a random port): example.com has
/// SPF, DMARC and MX; example.org answers SERVFAIL.
fn fake_dns() -> std::net::SocketAddr {
    use hickory_proto::op::{Message, MessageType, ResponseCode};
    use hickory_proto::rr::rdata::{MX, TXT};
    use hickory_proto::rr::{Name, RData, Record, RecordType};
    use hickory_proto::serialize::binary::{BinDecodable, BinEncodable};
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = sock.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok((n, from)) = sock.recv_from(&mut buf) {
            let Ok(q) = Message::from_bytes(&buf[..n]) else {
                continue;
            };
            let Some(query) = q.queries().first().cloned() else {
                continue;
            };
            let name = query.name().to_utf8().to_ascii_lowercase();
            let mut r = Message::new();
            r.set_id(q.id())
                .set_message_type(MessageType::Response)
                .set_op_code(q.op_code())
                .set_recursion_desired(true)
                .set_recursion_available(true)
                .add_query(query.clone());
            let qn = query.name().clone();
            let txt = |s: &str| {
                Record::from_rdata(qn.clone(), 60, RData::TXT(TXT::new(vec![s.to_string()])))
            };
            match (name.as_str(), query.query_type()) {
                (n, _) if n.ends_with("example.org.") => {
                    r.set_response_code(ResponseCode::ServFail);
                }
                ("example.com.", RecordType::TXT) => {
                    r.add_answer(txt("v=spf1 include:us._netblocks.mimecast.com -all"));
                    r.add_answer(txt("google-site-verification=abc"));
                }
                ("_dmarc.example.com.", RecordType::TXT) => {
                    r.add_answer(txt("v=DMARC1; p=reject; rua=mailto:d@example.com"));
                }
                ("example.com.", RecordType::MX) => {
                    let mx = MX::new(
                        10,
                        Name::from_ascii("us-smtp-inbound-1.mimecast.com.").unwrap(),
                    );
                    r.add_answer(Record::from_rdata(qn.clone(), 60, RData::MX(mx)));
                }
                _ => {
                    r.set_response_code(ResponseCode::NXDomain);
                }
            }
            let _ = sock.send_to(&r.to_bytes().unwrap(), from);
        }
    });
    addr
}

#[test]
fn dns_records_are_looked_up_and_a_failing_domain_is_not_fatal() {
    let fake = start(none());
    let dns = fake_dns().to_string();
    let o = collect(&fake, &["--dns", "--dns-server", &dns]);
    assert_eq!(o.code, 1, "example.org fails: {}", o.stderr);
    let d = &o.bundle["dnsRecords"];
    assert_eq!(
        d["example.com"]["spf"],
        json!(["v=spf1 include:us._netblocks.mimecast.com -all"])
    );
    assert_eq!(
        d["example.com"]["dmarc"],
        json!(["v=DMARC1; p=reject; rua=mailto:d@example.com"])
    );
    assert_eq!(
        d["example.com"]["mx"][0]["hostname"],
        "us-smtp-inbound-1.mimecast.com"
    );
    assert!(
        d.get("example.org").is_none(),
        "a failed lookup is not written as 'no record'"
    );
    assert!(
        o.stderr
            .contains("dnsRecords: lookups failed for example.org"),
        "{}",
        o.stderr
    );
    // Everything from the API is still there, and the analyzer reads it.
    assert_eq!(o.bundle["auditEvents"].as_array().unwrap().len(), 1);
    let (_, r) = analyse(&o.file);
    for i in r["inputs"].as_array().unwrap() {
        assert_eq!(i["status"], "ok", "{i}");
    }
    assert_eq!(status(&r, "ASP001"), "fail");
    // The MX hosts the collector wrote are read: GWY001 judges example.com
    // (only Mimecast's host) instead of saying no MX was collected.
    assert_eq!(d["example.com"]["mx"][0]["priority"], 10);
    assert_eq!(status(&r, "GWY001"), "pass", "{r}");
}

#[test]
fn retries_are_bounded_and_redirects_are_not_followed() {
    let fake = start(Box::new(|r, _| match r.path.as_str() {
        // Rate limited for ever (a reset of 0 ms keeps the test fast).
        "/directory/cloud-gateway/v1/groups" => {
            let mut x = reply(429, json!({}));
            x.headers = vec![("X-RateLimit-Reset".into(), "0".into())];
            Some(x)
        }
        // Down for ever.
        "/connector/cloud-gateway/v1/connectors" => Some(reply(502, json!({}))),
        // A redirect elsewhere: never followed, so the token goes nowhere else.
        "/directory/cloud-gateway/v1/integrations" => {
            let mut x = reply(302, json!({}));
            x.headers = vec![("Location".into(), "/elsewhere/steal-token".into())];
            Some(x)
        }
        _ => None,
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 1);
    let c = calls(&fake);
    let count = |p: &str| c.iter().filter(|c| c.ends_with(p)).count();
    assert_eq!(count("/v1/groups"), 6, "1 call + 5 rate-limit retries");
    assert_eq!(count("/v1/connectors"), 3, "1 call + --retries 2");
    assert_eq!(count("/v1/integrations"), 1);
    assert_eq!(count("/elsewhere/steal-token"), 0);
    assert!(
        o.stderr
            .contains("groups: incomplete: HTTP 429 (rate limited) 6 times in a row"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("connectors: incomplete: HTTP 502; gave up after 3 tries"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("directoryIntegrations: incomplete: unexpected HTTP 302"),
        "{}",
        o.stderr
    );
    assert_eq!(o.bundle["auditEvents"].as_array().unwrap().len(), 1);
    assert_no_secret(&o);
}

#[test]
fn help_and_bad_base_urls() {
    let o = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .args(["collect", "--help"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("MIMECAST_CLIENT_SECRET"));
    for url in ["http://example.com", "http://10.0.0.1:80"] {
        let o = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
            .args(["collect", "--out", "x.json", "--base-url", url])
            .env("MIMECAST_CLIENT_ID", ID)
            .env("MIMECAST_CLIENT_SECRET", SECRET)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr)
            .contains("plain http is accepted only for a loopback address"));
    }
}

#[test]
fn wave2_sections_are_collected_and_assessed() {
    let fake = start(none());
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let b = &o.bundle;
    assert_eq!(b["gatewayDetails"]["protectionMode"], "full");
    assert_eq!(
        b["dnsAuthOutboundDefinitions"].as_array().unwrap().len(),
        2,
        "both pages"
    );
    assert_eq!(b["dnsAuthOutboundPolicies"].as_array().unwrap().len(), 2);
    assert_eq!(b["greylistingPolicies"][0]["option"], "no_action");
    assert_eq!(b["journalingServices"][0]["id"], "jr1");
    assert_eq!(b["addressAlterationSets"][0]["folders"][0]["id"], "as2");
    // One call per set (nested ones too), each definition marked with its set.
    let defs = b["addressAlterationDefinitions"].as_array().unwrap();
    assert_eq!(defs.len(), 1);
    assert_eq!(defs[0]["folderId"], "as2");
    let folders: Vec<String> = fake
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.path == "/api/policy/address-alteration/get-definition")
        .map(|r| {
            r.json()["data"][0]["folderId"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(folders, ["as1", "as2"]);
    assert_eq!(
        b["addressAlterationPolicies"][0]["addressAlterationSetId"],
        "as1"
    );
    assert_eq!(b["managedUrls"].as_array().unwrap().len(), 2, "both pages");
    // get-account's packages plus get-packages' product names, each once.
    assert_eq!(
        b["account"]["packages"],
        json!([
            "Email Security Cloud Gateway",
            "Targeted Threat Protection - URL Protect"
        ])
    );
    // The journal mailbox password never reaches the bundle.
    assert!(!String::from_utf8_lossy(&o.bundle_bytes).contains("journal-pa55-fake"));
    assert!(b["journalingServices"][0]["pop3JournalingConnection"]
        .get("password")
        .is_none());

    let (_, r) = analyse(&o.file);
    for i in r["inputs"].as_array().unwrap() {
        assert_eq!(i["status"], "ok", "{i}");
    }
    for code in ["OUT001", "OUT002", "GRY001", "ADR001", "JRN001"] {
        assert_eq!(status(&r, code), "fail", "{code}");
    }
    for key in [
        "dnsAuthOutboundDefinitions",
        "dnsAuthOutboundPolicies",
        "greylistingPolicies",
        "journalingServices",
        "addressAlterationSets",
        "addressAlterationDefinitions",
        "addressAlterationPolicies",
    ] {
        assert_eq!(coverage(&r, key), "collected", "{key}");
    }
}

#[test]
fn a_403_on_the_sets_leaves_address_alteration_definitions_incomplete() {
    let fake = start(Box::new(|req, _| {
        (req.path == "/api/policy/address-alteration/get-address-alteration-set")
            .then(|| reply(403, json!({"message": "forbidden"})))
    }));
    let o = collect(&fake, &[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("the application's role lacks the permission Gateway / Policies / Read"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains(
            "addressAlterationDefinitions: the Address Alteration Sets were not all read"
        ),
        "{}",
        o.stderr
    );
    assert!(!o.bundle["addressAlterationDefinitions"]["fail"]
        .as_array()
        .unwrap()
        .is_empty());
}
