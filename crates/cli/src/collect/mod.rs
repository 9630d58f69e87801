//! `mimecast-audit collect`: reads a tenant's configuration through the
//! Mimecast API (OAuth 2.0 client credentials, read calls only) and writes
//! a bundle v1 that the analyzer loads unchanged.

mod dns;
mod http;
mod plan;
mod secret;
mod wave2;

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::SecondsFormat;
use serde_json::{json, Map, Value};

use crate::process::{args_or_exit, now};
use engine::model::{Section, SectionOrigin as Origin};
use http::{Client, Failure, Method, Retry};
use plan::{Source, Step};
use secret::Redactor;

pub const USAGE: &str = "\
Usage: mimecast-audit collect --out FILE [--region us|uk] [--base-url URL]
                              [--timeout SECS] [--retries N] [--retry-wait MS]
                              [--dns [--dns-server IP:PORT]]

Reads the tenant's configuration through the Mimecast API 2.0 (read calls
only) and writes it as one bundle FILE for `mimecast-audit FILE` or the web
app. The client id and secret of the API 2.0 application come from the
environment variables MIMECAST_CLIENT_ID and MIMECAST_CLIENT_SECRET, or are
asked for (without echo) when standard input is a terminal; never from the
command line.

Options:
  --out FILE        where the bundle goes (required); written even when some
                    sections could not be read, which are marked incomplete
  --region REGION   us or uk: the pinned regional API host (default: the
                    global host https://api.services.mimecast.com)
  --base-url URL    another API host: https only (plain http is accepted for
                    a loopback address, for tests)
  --timeout SECS    give up on one call after SECS seconds (default 30)
  --retries N       tries again N times after a 5xx, a timeout or a cut
                    answer (default 3; rate limits have their own bound)
  --retry-wait MS   the first wait before a retry, doubled each time
                    (default 1000)
  --dns             also look up the SPF and DMARC TXT records and the MX
                    hosts of each internal domain (into dnsRecords); a
                    domain whose lookup fails is named, not fatal
  --dns-server IP:PORT
                    ask this DNS server instead of the system's resolver
  -h, --help        show this help

See docs/collect.md for the API application's least-privilege role.
Exit status: 0 every API section collected, 1 the bundle was written but
some sections are incomplete, 2 nothing was written (usage, credentials,
or the file could not be written).";

pub const GLOBAL: &str = "https://api.services.mimecast.com";

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[derive(Debug, PartialEq)]
struct Args {
    out: PathBuf,
    base: String,
    retry: Retry,
    dns: bool,
    dns_server: Option<std::net::SocketAddr>,
}

impl PartialEq for Retry {
    fn eq(&self, o: &Retry) -> bool {
        (self.timeout, self.retries, self.wait) == (o.timeout, o.retries, o.wait)
    }
}

/// Checks a base URL: https, or plain http to a loopback address; a host
/// and maybe a port, nothing else. Returns it without a trailing `/`.
fn base_url(url: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("--base-url `{url}`: {why}"));
    let (scheme, rest) = match url.split_once("://") {
        Some(v) => v,
        None => return bad("not a URL (expected https://host)"),
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty()
        || !authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
    {
        return bad("give only a scheme and a host (and maybe a port)");
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        match v6.split_once(']') {
            Some((h, port)) if port.is_empty() || port.starts_with(':') => h,
            _ => return bad("malformed IPv6 address"),
        }
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" => {}
        "http"
            if ["127.0.0.1", "::1", "localhost"].contains(&host.to_ascii_lowercase().as_str()) => {}
        "http" => return bad("plain http is accepted only for a loopback address; use https"),
        _ => return bad("the scheme must be https"),
    }
    Ok(format!("{}://{}", scheme.to_ascii_lowercase(), authority))
}

fn parse_args(args: &[OsString]) -> Result<Option<Args>, String> {
    let mut out = None;
    let mut region = None;
    let mut base = None;
    let mut retry = Retry {
        timeout: Duration::from_secs(30),
        retries: 3,
        wait: Duration::from_millis(1000),
    };
    let mut dns = false;
    let mut dns_server = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let name = a.to_string_lossy();
        // Never echo what follows `=`: it could be a secret typed by mistake.
        let name = name.split('=').next().unwrap_or_default().to_string();
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |v: OsString, name: &str| {
            v.to_str()
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--out" | "-o" => out = Some(PathBuf::from(value()?)),
            "--region" => region = Some(value()?.to_string_lossy().to_ascii_lowercase()),
            "--base-url" => base = Some(value()?.to_string_lossy().into_owned()),
            "--dns" => dns = true,
            "--dns-server" => {
                let v = value()?.to_string_lossy().into_owned();
                dns_server = Some(v.parse().map_err(|_| {
                    format!("--dns-server `{v}`: expected IP:PORT, e.g. 127.0.0.1:53")
                })?);
            }
            "--timeout" => {
                let n = number(value()?, "--timeout")?;
                if n <= 0.0 || n > 3600.0 {
                    return Err("--timeout must be between 0 and 3600 seconds".into());
                }
                retry.timeout = Duration::from_secs_f64(n);
            }
            "--retries" => {
                let n = number(value()?, "--retries")?;
                if n > 10.0 || n.fract() != 0.0 {
                    return Err("--retries must be a whole number from 0 to 10".into());
                }
                retry.retries = n as u32;
            }
            "--retry-wait" => {
                let n = number(value()?, "--retry-wait")?;
                if n > 60_000.0 {
                    return Err("--retry-wait must be at most 60000 ms".into());
                }
                retry.wait = Duration::from_millis(n as u64);
            }
            n if n.contains("secret") || n.contains("client") || n.contains("token") => {
                return Err(format!(
                    "{n}: credentials are never taken from the command line; set {} and {} \
                     or run at a terminal to be asked",
                    secret::ID_VAR,
                    secret::SECRET_VAR
                ))
            }
            n if n.starts_with('-') => return Err(format!("unknown option `{n}`")),
            _ => return Err("collect takes no paths (use --out FILE)".into()),
        }
    }
    let base = match (region.as_deref(), base) {
        (Some(_), Some(_)) => return Err("give --region or --base-url, not both".into()),
        (Some("us"), None) => "https://us-api.services.mimecast.com".to_string(),
        (Some("uk"), None) => "https://uk-api.services.mimecast.com".to_string(),
        (Some(r), None) => {
            return Err(format!(
                "unknown region `{r}` (us or uk; use --base-url for another host)"
            ))
        }
        (None, Some(b)) => base_url(&b)?,
        (None, None) => GLOBAL.to_string(),
    };
    let out = out.ok_or("--out FILE is required")?;
    if dns_server.is_some() && !dns {
        return Err("--dns-server needs --dns".into());
    }
    Ok(Some(Args {
        out,
        base,
        retry,
        dns,
        dns_server,
    }))
}

/// What went wrong with one section.
#[derive(Debug, Clone)]
struct Problem {
    status: Option<u16>,
    message: String,
    /// The API's own `fail[]` entries, kept as they came.
    api_fail: Vec<Value>,
    /// Stop the whole run (authentication, Ctrl-C).
    stop: bool,
}

#[derive(Debug, Default)]
struct Outcome {
    records: Vec<Value>,
    problem: Option<Problem>,
}

impl Outcome {
    /// The section as the bundle holds it: a bare list when complete, else
    /// an API 1.0 envelope whose `fail[]` keeps it marked incomplete.
    fn value(&self) -> Value {
        match &self.problem {
            None => Value::Array(self.records.clone()),
            Some(p) => {
                let fail = if p.api_fail.is_empty() {
                    vec![json!({"key": "mimecast-audit collect", "errors": [{
                        "code": p.status.map(|s| format!("http_{s}")).unwrap_or_else(|| "collect_incomplete".into()),
                        "message": p.message,
                        "retryable": false
                    }]})]
                } else {
                    p.api_fail.clone()
                };
                let mut m = Map::new();
                if let Some(s) = p.status {
                    m.insert("meta".into(), json!({"status": s}));
                }
                m.insert("data".into(), Value::Array(self.records.clone()));
                m.insert("fail".into(), Value::Array(fail));
                Value::Object(m)
            }
        }
    }
}

struct Run {
    client: Client,
    redactor: Redactor,
}

const MAX_PAGES: usize = 10_000;

impl Run {
    fn say(&self, message: &str) {
        use std::io::Write;
        let text = engine::report::escape_controls(&self.redactor.clean(message)).into_owned();
        let _ = writeln!(std::io::stderr(), "mimecast-audit collect: {text}");
    }

    fn problem(&self, f: Failure, permission: &str) -> Problem {
        let (status, message, stop) = match f {
            Failure::Auth(m) => (Some(401), format!("authentication failed: {m}"), true),
            Failure::Forbidden => (
                Some(403),
                format!("HTTP 403: the application's role lacks the permission {permission}"),
                false,
            ),
            Failure::NotFound => (
                Some(404),
                "HTTP 404: the call does not exist here".into(),
                false,
            ),
            Failure::GaveUp(m) => (None, m, false),
            Failure::Malformed(m) => (None, m, false),
            Failure::Refused(m) => (None, m, false),
            Failure::Interrupted => (None, "interrupted (Ctrl-C)".into(), true),
        };
        Problem {
            status,
            message: self.redactor.clean(&message),
            api_fail: vec![],
            stop,
        }
    }

    /// Reads every page of one call.
    fn fetch(&mut self, label: &str, source: &Source, permission: &str) -> Outcome {
        let mut out = Outcome::default();
        let mut token: Option<String> = None;
        let mut seen = HashSet::new();
        for page in 1..=MAX_PAGES {
            let answer = match source {
                Source::Rest(path) => {
                    let mut q = vec![("pageSize", "100".to_string())];
                    if let Some(t) = &token {
                        q.push(("pageToken", t.clone()));
                    }
                    self.client.call(Method::Get, path, &q, None)
                }
                Source::Legacy(path, data) => {
                    let mut pagination = json!({"pageSize": 100});
                    if let Some(t) = &token {
                        pagination["pageToken"] = t.clone().into();
                    }
                    let body = json!({"meta": {"pagination": pagination}, "data": data});
                    self.client.call(Method::Post, path, &[], Some(&body))
                }
                Source::Single(path) => self.client.call(Method::Get, path, &[], None),
            };
            let v = match answer {
                Ok(v) => v,
                Err(f) => {
                    let mut p = self.problem(f, permission);
                    if page > 1 {
                        p.message = format!("page {page}: {}", p.message);
                    }
                    out.problem = Some(p);
                    return out;
                }
            };
            if let Source::Single(_) = source {
                if v.is_object() {
                    out.records.push(v);
                } else {
                    out.problem = Some(Problem {
                        status: None,
                        message: "the answer is not an object".into(),
                        api_fail: vec![],
                        stop: false,
                    });
                }
                return out;
            }
            let records = match plan::records(&v) {
                Some(r) => r,
                None if v.get("fail").is_some() => vec![],
                None => {
                    out.problem = Some(Problem {
                        status: None,
                        message: format!("page {page}: the answer holds no list of records"),
                        api_fail: vec![],
                        stop: false,
                    });
                    return out;
                }
            };
            out.records.extend(records.iter().cloned());
            self.say(&format!(
                "{label}: page {page}, {} records ({} so far)",
                records.len(),
                out.records.len()
            ));
            let fail = v["fail"].as_array().cloned().unwrap_or_default();
            let status = v["meta"]["status"].as_u64();
            if !fail.is_empty() || status.is_some_and(|s| !(200..300).contains(&s)) {
                let codes: Vec<String> = fail
                    .iter()
                    .flat_map(|f| f["errors"].as_array().cloned().unwrap_or_default())
                    .map(|e| {
                        let code = e["code"].as_str().unwrap_or("?");
                        match e["message"].as_str() {
                            Some(m) => format!("{code} ({m})"),
                            None => code.to_string(),
                        }
                    })
                    .collect();
                out.problem = Some(Problem {
                    status: status.map(|s| s as u16).filter(|s| !(200..300).contains(s)),
                    message: self.redactor.clean(&format!(
                        "the API answered with errors: {}",
                        if codes.is_empty() {
                            format!("meta.status {}", status.unwrap_or(0))
                        } else {
                            codes.join(", ")
                        }
                    )),
                    api_fail: fail,
                    stop: false,
                });
                return out;
            }
            match plan::next_token(&v) {
                None => return out,
                Some(t) => {
                    if !seen.insert(t.clone()) {
                        out.problem = Some(Problem {
                            status: None,
                            message: format!(
                                "page {page}: the API sent a page token it had sent before"
                            ),
                            api_fail: vec![],
                            stop: false,
                        });
                        return out;
                    }
                    token = Some(t);
                }
            }
        }
        out.problem = Some(Problem {
            status: None,
            message: format!("more than {MAX_PAGES} pages"),
            api_fail: vec![],
            stop: false,
        });
        out
    }

    /// One section: its call, then the fallback when the first answers 404.
    fn section(&mut self, step: &Step) -> Outcome {
        let out = self.fetch(step.key, &step.source, step.permission);
        match (&out.problem, &step.fallback) {
            (Some(p), Some(f)) if p.status == Some(404) && out.records.is_empty() => {
                self.say(&format!(
                    "{}: {} answered 404; trying {}",
                    step.key,
                    step.source.describe(),
                    f.describe()
                ));
                self.fetch(step.key, f, step.permission)
            }
            _ => out,
        }
    }
}

fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "mimecast-audit collect: {message}");
}

/// Runs `collect` with the arguments after the word `collect`.
pub fn run(args: &[OsString]) -> i32 {
    // A panic's message could hold anything the program had in hand: show
    // only where it happened.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        say(&format!("internal error{at} (details withheld)"));
    }));
    let args = match args_or_exit(parse_args(args), USAGE, say) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let creds = match secret::credentials() {
        Ok(c) => c,
        Err(e) => {
            say(&e);
            return 2;
        }
    };
    let redactor = Redactor::default();
    redactor.add(creds.id.expose());
    redactor.add(creds.secret.expose());
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let started = now();
    let mut run = Run {
        client: Client::new(
            args.base.clone(),
            creds,
            args.retry,
            redactor.clone(),
            &INTERRUPTED,
        ),
        redactor,
    };
    run.say(&format!("reading from {}", args.base));

    let mut bundle = Map::new();
    bundle.insert("format".into(), engine::bundle::FORMAT.into());
    bundle.insert("version".into(), engine::bundle::VERSION.into());
    bundle.insert(
        "generatedAt".into(),
        started.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
    );
    bundle.insert(
        "generator".into(),
        concat!("mimecast-audit ", env!("CARGO_PKG_VERSION"), " collect").into(),
    );
    let mut collected: Vec<String> = vec![];
    let mut incomplete: Vec<String> = vec![];
    let mut stopped: Option<String> = None;
    let mut group_ids: Vec<String> = vec![];

    for step in plan::steps(started) {
        if let Some(why) = &stopped {
            incomplete.push(format!("{}: not read ({why})", step.key));
            if step.key == "groups" {
                incomplete.push(format!("groupMembers: not read ({why})"));
            }
            if step.key == "addressAlterationSets" {
                incomplete.push(format!("addressAlterationDefinitions: not read ({why})"));
            }
            continue;
        }
        let out = run.section(&step);
        if let Some(p) = &out.problem {
            run.say(&format!("{}: incomplete: {}", step.key, p.message));
            incomplete.push(format!("{}: {}", step.key, p.message));
            if p.stop {
                stopped = Some(p.message.clone());
            }
        } else {
            let name = match step.key {
                "threatRemediation" => "threatRemediation.incidents",
                k => k,
            };
            collected.push(format!("{name} ({} records)", out.records.len()));
        }
        match step.key {
            "account" => {
                if let Some(a) = out.records.first().filter(|a| a.is_object()) {
                    bundle.insert("account".into(), a.clone());
                }
                if stopped.is_none() {
                    wave2::packages(&mut run, &mut bundle);
                }
            }
            "gatewayDetails" => {
                // One object: written only when it was read.
                if let Some(d) = out.records.first().filter(|_| out.problem.is_none()) {
                    bundle.insert(step.key.into(), d.clone());
                }
            }
            "threatRemediation" => {
                bundle.insert(
                    "threatRemediation".into(),
                    json!({"incidents": out.value()}),
                );
            }
            key => {
                if key == "groups" {
                    group_ids = out
                        .records
                        .iter()
                        .filter_map(|g| g["id"].as_str().map(str::to_string))
                        .collect();
                }
                bundle.insert(key.into(), out.value());
            }
        }
        if step.key == "addressAlterationSets" {
            match &stopped {
                Some(why) => {
                    incomplete.push(format!("addressAlterationDefinitions: not read ({why})"))
                }
                None => {
                    let (value, note) = wave2::alteration_definitions(&mut run, &out);
                    bundle.insert("addressAlterationDefinitions".into(), value);
                    match note {
                        Ok(c) => collected.push(c),
                        Err(p) => {
                            incomplete.push(format!("addressAlterationDefinitions: {}", p.message));
                            if p.stop {
                                stopped = Some(p.message);
                            }
                        }
                    }
                }
            }
        }
        if step.key == "groups" && stopped.is_none() {
            let (members, problem) = group_members(&mut run, &group_ids);
            bundle.insert("groupMembers".into(), Value::Object(members));
            match problem {
                None => collected.push(format!("groupMembers ({} groups)", group_ids.len())),
                Some(p) => {
                    incomplete.push(format!("groupMembers: {}", p.message));
                    if p.stop {
                        stopped = Some(p.message);
                    }
                }
            }
        }
    }

    if args.dns {
        let domains = internal_domains(bundle.get("internalDomains"));
        if stopped.is_some() {
            incomplete.push("dnsRecords: not looked up (the run stopped)".into());
        } else if domains.is_empty() {
            incomplete.push("dnsRecords: no internal domain to look up".into());
        } else {
            let r = &run;
            match dns::lookup(&domains, args.dns_server, args.retry.timeout, &|m| r.say(m)) {
                Ok(found) => {
                    let n = found.records.len();
                    bundle.insert("dnsRecords".into(), Value::Object(found.records));
                    if found.failures.is_empty() {
                        collected.push(format!("dnsRecords ({n} domains)"));
                    } else {
                        incomplete.push(format!(
                            "dnsRecords: lookups failed for {}",
                            found.failures.join("; ")
                        ));
                    }
                }
                Err(e) => incomplete.push(format!("dnsRecords: {e}")),
            }
        }
    }

    // Secrets the API may return (a journal mailbox's password) are never written.
    let bundle = engine::bundle::without_passwords(Value::Object(bundle));
    let text = serde_json::to_string_pretty(&bundle).unwrap_or_default();
    let written = write_atomically(&args.out, text.as_bytes());

    // The summary.
    let mut lines = vec![String::new(), "Summary".to_string()];
    lines.push(format!("  Collected ({}):", collected.len()));
    lines.extend(collected.iter().map(|c| format!("    {c}")));
    lines.push(format!("  Incomplete ({}):", incomplete.len()));
    lines.extend(incomplete.iter().map(|c| format!("    {c}")));
    lines.push("  Not collectable by API (fill in the console checklist instead):".into());
    for s in Section::ALL {
        match s.origin() {
            Origin::Console if *s == Section::ThreatRemediation => lines.push(format!(
                "    {} settings ({}): {}",
                s.title(),
                s.key(),
                s.how_to_collect()
            )),
            Origin::Console => lines.push(format!(
                "    {} ({}): {}",
                s.title(),
                s.key(),
                s.how_to_collect()
            )),
            Origin::Dns if args.dns => {}
            Origin::Dns => lines.push(format!(
                "    {} ({}): not collected (add --dns to look them up); {}",
                s.title(),
                s.key(),
                s.how_to_collect()
            )),
            Origin::Exchange => lines.push(format!(
                "    {} ({}): not collected by this command; {}",
                s.title(),
                s.key(),
                s.how_to_collect()
            )),
            Origin::Api => {}
        }
    }
    for l in &lines {
        run.say(l);
    }
    match written {
        Ok(()) => {
            run.say(&format!("wrote {}", args.out.display()));
            if incomplete.is_empty() {
                0
            } else {
                1
            }
        }
        Err(e) => {
            run.say(&format!("could not write {}: {e}", args.out.display()));
            2
        }
    }
}

/// Every group's members, keyed by group id. A 403 or a stop ends the loop:
/// the groups not read are listed as incomplete in the bundle too.
fn group_members(run: &mut Run, ids: &[String]) -> (Map<String, Value>, Option<Problem>) {
    let mut members = Map::new();
    let mut first_problem: Option<Problem> = None;
    for (i, id) in ids.iter().enumerate() {
        if let Some(p) = first_problem
            .as_ref()
            .filter(|p| p.stop || p.status == Some(403))
        {
            let skipped = Outcome {
                records: vec![],
                problem: Some(p.clone()),
            };
            members.insert(id.clone(), skipped.value());
            continue;
        }
        let label = format!("groupMembers {}/{}", i + 1, ids.len());
        let out = run.fetch(
            &label,
            &Source::Rest(plan::members_path(id)),
            plan::GROUPS_READ,
        );
        if let Some(p) = &out.problem {
            run.say(&format!("{label}: incomplete: {}", p.message));
            first_problem.get_or_insert(p.clone());
        }
        members.insert(id.clone(), out.value());
    }
    (members, first_problem)
}

/// The domain names of the collected internal domains (a list, or the
/// envelope of an incomplete section), lower-cased, each once.
fn internal_domains(section: Option<&Value>) -> Vec<String> {
    let list = section
        .and_then(|v| v.as_array().or_else(|| v["data"].as_array()))
        .cloned()
        .unwrap_or_default();
    let mut out: Vec<String> = list
        .iter()
        .filter_map(|d| d["domain"].as_str())
        .map(|d| d.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty() && !d.contains(|c: char| c.is_whitespace() || c == '/'))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Writes `bytes` to a file beside `path`, then renames it into place.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Result<Option<Args>, String> {
        parse_args(&v.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn base_url_is_https_or_loopback_http() {
        assert_eq!(
            base_url("https://x.example.com/").unwrap(),
            "https://x.example.com"
        );
        assert_eq!(
            base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(base_url("http://[::1]:80").unwrap(), "http://[::1]:80");
        assert_eq!(
            base_url("http://localhost:1").unwrap(),
            "http://localhost:1"
        );
        for bad in [
            "http://example.com",
            "http://127.0.0.2",
            "ftp://127.0.0.1",
            "https://user@host",
            "https://host/path",
            "https://host?q",
            "host",
            "http://localhost.evil.com",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn arguments() {
        let a = args(&["--out", "b.json"]).unwrap().unwrap();
        assert_eq!(a.base, GLOBAL);
        assert_eq!(
            args(&["--out", "b", "--region", "uk"])
                .unwrap()
                .unwrap()
                .base,
            "https://uk-api.services.mimecast.com"
        );
        assert_eq!(
            args(&["-o", "b", "--region", "US"]).unwrap().unwrap().base,
            "https://us-api.services.mimecast.com"
        );
        assert!(args(&["--region", "eu", "--out", "b"])
            .unwrap_err()
            .contains("eu"));
        assert!(args(&["--region", "us", "--base-url", "https://h", "--out", "b"]).is_err());
        assert!(args(&[]).unwrap_err().contains("--out"));
        assert!(args(&["--help"]).unwrap().is_none());
        let e = args(&["--client-secret=hunter2", "--out", "b"]).unwrap_err();
        assert!(e.contains("never taken from the command line") && !e.contains("hunter2"));
        let e = args(&["--secret", "hunter2"]).unwrap_err();
        assert!(!e.contains("hunter2"), "{e}");
        let a = args(&[
            "--out",
            "b",
            "--timeout",
            "0.5",
            "--retries",
            "1",
            "--retry-wait",
            "5",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.retry.timeout, Duration::from_millis(500));
        assert_eq!(a.retry.retries, 1);
        assert_eq!(a.retry.wait, Duration::from_millis(5));
        assert!(args(&["--out", "b", "--retries", "99"]).is_err());
    }
}
