//! `collect --dns`: the SPF and DMARC TXT records (and the MX hosts) of each
//! internal domain, for the bundle's `dnsRecords`. A domain whose lookup
//! fails is left out and named; it never stops the run.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{ResolveError, Resolver, TokioResolver};
use serde_json::{json, Map, Value};

/// What the lookups gave: `dnsRecords` entries, and per failed domain why.
#[derive(Debug, Default)]
pub struct Found {
    pub records: Map<String, Value>,
    pub failures: Vec<String>,
}

/// True when the server answered that there is no such record or name (not
/// when it failed: SERVFAIL, REFUSED, a timeout).
fn answered_none(e: &ResolveError) -> bool {
    use hickory_resolver::proto::op::ResponseCode;
    use hickory_resolver::proto::ProtoErrorKind;
    match e.proto().map(|p| p.kind()) {
        Some(ProtoErrorKind::NoRecordsFound { response_code, .. }) => {
            matches!(
                response_code,
                ResponseCode::NoError | ResponseCode::NXDomain
            )
        }
        _ => false,
    }
}

/// "No such record" is an answer (nothing is published); anything else is a
/// failure.
fn none_or_fail<T>(r: Result<Vec<T>, ResolveError>) -> Result<Vec<T>, String> {
    match r {
        Ok(v) => Ok(v),
        Err(e) if answered_none(&e) => Ok(vec![]),
        Err(e) => Err(e.to_string()),
    }
}

async fn txt(r: &TokioResolver, name: &str) -> Result<Vec<String>, String> {
    none_or_fail(r.txt_lookup(name).await.map(|l| {
        l.iter()
            .map(|t| {
                t.txt_data()
                    .iter()
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .collect::<String>()
            })
            .collect()
    }))
}

async fn one(r: &TokioResolver, domain: &str) -> Result<Value, String> {
    let fqdn = format!("{}.", domain.trim_end_matches('.'));
    let starts = |v: Vec<String>, p: &str| -> Vec<String> {
        v.into_iter()
            .filter(|t| t.trim_start().to_ascii_lowercase().starts_with(p))
            .collect()
    };
    let spf = starts(txt(r, &fqdn).await?, "v=spf1");
    let dmarc = starts(txt(r, &format!("_dmarc.{fqdn}")).await?, "v=dmarc1");
    let mx = none_or_fail(r.mx_lookup(fqdn.as_str()).await.map(|l| {
        l.iter()
            .map(|m| {
                json!({
                    "hostname": m.exchange().to_utf8().trim_end_matches('.'),
                    "priority": m.preference()
                })
            })
            .collect()
    }))?;
    Ok(json!({"spf": spf, "dmarc": dmarc, "mx": mx}))
}

/// Looks up every domain, with the system's resolver or `server`.
pub fn lookup(
    domains: &[String],
    server: Option<SocketAddr>,
    timeout: Duration,
    say: &dyn Fn(&str),
) -> Result<Found, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("DNS: could not start: {e}"))?;
    let mut opts = ResolverOpts::default();
    opts.timeout = timeout;
    opts.attempts = 2;
    opts.cache_size = 0;
    let builder = match server {
        Some(s) => Resolver::builder_with_config(
            ResolverConfig::from_parts(
                None,
                vec![],
                NameServerConfigGroup::from_ips_clear(&[s.ip()], s.port(), true),
            ),
            TokioConnectionProvider::default(),
        ),
        None => Resolver::builder_tokio()
            .map_err(|e| format!("DNS: no system resolver configuration: {e}"))?,
    };
    let resolver = builder.with_options(opts).build();
    let mut found = Found::default();
    for d in domains {
        match rt.block_on(one(&resolver, d)) {
            Ok(v) => {
                say(&format!(
                    "dnsRecords: {d}: {} SPF, {} DMARC, {} MX",
                    v["spf"].as_array().map_or(0, Vec::len),
                    v["dmarc"].as_array().map_or(0, Vec::len),
                    v["mx"].as_array().map_or(0, Vec::len)
                ));
                found.records.insert(d.clone(), v);
            }
            Err(e) => {
                say(&format!("dnsRecords: {d}: lookup failed: {e}"));
                found.failures.push(format!("{d}: {e}"));
            }
        }
    }
    Ok(found)
}
