//! The collector's HTTP layer: read calls only, one base URL, bounded
//! retries. A call that is not on the allow-list is refused before anything
//! is sent, so the collector cannot change a tenant even by mistake.

use std::time::Duration;

use serde_json::Value;

use super::secret::{Credentials, Redactor, Secret};

/// The legacy (API 1.0) calls the collector may send: each reads, none
/// writes. They are `POST`s only because API 1.0 puts every request body in
/// a `POST`.
pub const LEGACY_READS: &[&str] = &[
    "/api/account/get-account",
    "/api/domain/get-internal-domain",
    "/api/policy/antispoofing-bypass/get-policy",
    "/api/policy/blockedsenders/get-policy",
    "/api/ttp/remediation/find-incidents",
    "/api/audit/get-audit-events",
    "/api/provisioning/get-packages",
    "/api/policy/address-alteration/get-address-alteration-set",
    "/api/policy/address-alteration/get-definition",
    "/api/policy/address-alteration/get-policy",
    "/api/ttp/url/get-all-managed-urls",
];

/// The OAuth 2.0 token call.
pub const TOKEN_PATH: &str = "/oauth/token";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// Whether the collector may send `method path`: the token call, a `GET`,
/// or a named legacy read. Config Snapshot is refused whatever the method
/// (it creates an object in the tenant).
pub fn allowed(method: Method, path: &str) -> Result<(), String> {
    let clean = path.starts_with('/')
        && !path.contains("..")
        && !path.contains(['?', '#', '%', '\\'])
        && !path.chars().any(|c| c.is_whitespace() || c.is_control());
    // Group ids are percent-encoded into their path: accept `%` there only.
    let clean = clean
        || (method == Method::Get
            && path.starts_with("/directory/cloud-gateway/v1/groups/")
            && !path.contains("..")
            && !path.contains(['?', '#', '\\'])
            && !path.chars().any(|c| c.is_whitespace() || c.is_control()));
    if !clean {
        return Err(format!("refused: `{path}` is not a plain API path"));
    }
    if path.to_ascii_lowercase().contains("config-snapshot") {
        return Err(format!(
            "refused: {path} (Config Snapshot creates an object in the tenant)"
        ));
    }
    match method {
        Method::Get => Ok(()),
        Method::Post if path == TOKEN_PATH || LEGACY_READS.contains(&path) => Ok(()),
        Method::Post => Err(format!(
            "refused: POST {path} is not one of the read calls the collector may send"
        )),
    }
}

/// Percent-encodes one path segment (a group id).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Why a call gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The credentials or the token were refused twice: stop everything.
    Auth(String),
    /// HTTP 403: the application's role lacks a permission.
    Forbidden,
    /// HTTP 404: the call does not exist on this tenant (or product).
    NotFound,
    /// Another status, or retries used up (5xx, 429, timeouts).
    GaveUp(String),
    /// The answer was not JSON.
    Malformed(String),
    /// The call was refused by the allow-list (a bug, never sent).
    Refused(String),
    /// Ctrl-C.
    Interrupted,
}

/// How long to wait and how often to try again.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub timeout: Duration,
    pub retries: u32,
    pub wait: Duration,
}

pub struct Client {
    agent: ureq::Agent,
    base: String,
    creds: Credentials,
    token: Option<Secret>,
    retry: Retry,
    pub redactor: Redactor,
    interrupted: &'static std::sync::atomic::AtomicBool,
}

/// The longest wait a rate limit may impose before the call gives up.
const MAX_RATE_WAIT: Duration = Duration::from_secs(120);
/// Rate-limit retries allowed per call.
const MAX_RATE_RETRIES: u32 = 5;

impl Client {
    pub fn new(
        base: String,
        creds: Credentials,
        retry: Retry,
        redactor: Redactor,
        interrupted: &'static std::sync::atomic::AtomicBool,
    ) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(retry.timeout))
            .user_agent(concat!(
                "mimecast-audit/",
                env!("CARGO_PKG_VERSION"),
                " (read-only collector)"
            ))
            .build()
            .into();
        Client {
            agent,
            base,
            creds,
            token: None,
            retry,
            redactor,
            interrupted,
        }
    }

    fn stopped(&self) -> bool {
        self.interrupted.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Sleeps `d`, waking early on Ctrl-C.
    fn sleep(&self, d: Duration) -> Result<(), Failure> {
        let end = std::time::Instant::now() + d;
        while std::time::Instant::now() < end {
            if self.stopped() {
                return Err(Failure::Interrupted);
            }
            let left = end.saturating_duration_since(std::time::Instant::now());
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
        Ok(())
    }

    fn backoff(&self, attempt: u32) -> Duration {
        self.retry.wait * 2u32.saturating_pow(attempt.min(6))
    }

    /// Gets a new token (the token call itself).
    fn fetch_token(&mut self) -> Result<(), Failure> {
        allowed(Method::Post, TOKEN_PATH).map_err(Failure::Refused)?;
        let url = format!("{}{}", self.base, TOKEN_PATH);
        let mut attempt = 0;
        loop {
            if self.stopped() {
                return Err(Failure::Interrupted);
            }
            let sent = self.agent.post(&url).send_form([
                ("grant_type", "client_credentials"),
                ("client_id", self.creds.id.expose()),
                ("client_secret", self.creds.secret.expose()),
            ]);
            let problem = match sent {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let body = resp
                        .body_mut()
                        .with_config()
                        .limit(1 << 20)
                        .read_to_string();
                    match (status, body) {
                        (200..=299, Ok(body)) => {
                            let v: Value = serde_json::from_str(&body).map_err(|_| {
                                Failure::Auth("the token call's answer is not JSON".into())
                            })?;
                            let token = v["access_token"].as_str().unwrap_or_default();
                            if token.is_empty() {
                                return Err(Failure::Auth(
                                    "the token call's answer has no access_token".into(),
                                ));
                            }
                            self.redactor.add(token);
                            self.token = Some(Secret::new(token.to_string()));
                            return Ok(());
                        }
                        (400..=499, _) => {
                            return Err(Failure::Auth(format!(
                                "the token call was refused (HTTP {status}): check the client id \
                                 and secret, and that the application is enabled"
                            )))
                        }
                        (_, Err(e)) => format!("HTTP {status}, body unreadable: {e}"),
                        _ => format!("HTTP {status}"),
                    }
                }
                Err(e) => e.to_string(),
            };
            if attempt >= self.retry.retries {
                return Err(Failure::Auth(format!(
                    "the token call failed after {} tries: {}",
                    attempt + 1,
                    self.redactor.clean(&problem)
                )));
            }
            self.sleep(self.backoff(attempt))?;
            attempt += 1;
        }
    }

    /// Sends one read call and returns its JSON answer. `query` is for
    /// `GET`s, `body` for legacy `POST`s. Handles 401 (one token refresh),
    /// 429 (waits as the API says), 5xx, timeouts and cut answers
    /// (bounded retries with backoff).
    pub fn call(
        &mut self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, Failure> {
        allowed(method, path).map_err(Failure::Refused)?;
        let url = format!("{}{}", self.base, path);
        let mut refreshed = false;
        let mut attempt = 0u32;
        let mut rate_waits = 0u32;
        loop {
            if self.stopped() {
                return Err(Failure::Interrupted);
            }
            if self.token.is_none() {
                self.fetch_token()?;
            }
            let bearer = format!(
                "Bearer {}",
                self.token.as_ref().map(|t| t.expose()).unwrap_or_default()
            );
            let sent = match method {
                Method::Get => {
                    let mut req = self.agent.get(&url).header("Authorization", &bearer);
                    for (k, v) in query {
                        req = req.query(*k, v);
                    }
                    req.header("Accept", "application/json").call()
                }
                Method::Post => {
                    let text = body.map(|b| b.to_string()).unwrap_or_else(|| "{}".into());
                    self.agent
                        .post(&url)
                        .header("Authorization", &bearer)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .send(text.as_bytes())
                }
            };
            let problem = match sent {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let reset = resp
                        .headers()
                        .get("x-ratelimit-reset")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<f64>().ok())
                        .filter(|v| v.is_finite() && *v >= 0.0);
                    let text = resp
                        .body_mut()
                        .with_config()
                        .limit(256 << 20)
                        .read_to_string();
                    match status {
                        200..=299 => match text {
                            Ok(text) => {
                                let text = text.trim_start_matches('\u{feff}');
                                return serde_json::from_str(text).map_err(|e| {
                                    Failure::Malformed(format!(
                                        "the answer is not valid JSON ({e})"
                                    ))
                                });
                            }
                            Err(e) => format!("the answer was cut off ({e})"),
                        },
                        401 if !refreshed => {
                            refreshed = true;
                            self.token = None;
                            continue;
                        }
                        401 => {
                            return Err(Failure::Auth(
                                "HTTP 401 again after a new token: the API refuses this \
                                 application"
                                    .into(),
                            ))
                        }
                        403 => return Err(Failure::Forbidden),
                        404 => return Err(Failure::NotFound),
                        429 => {
                            if rate_waits >= MAX_RATE_RETRIES {
                                return Err(Failure::GaveUp(format!(
                                    "HTTP 429 (rate limited) {} times in a row",
                                    rate_waits + 1
                                )));
                            }
                            rate_waits += 1;
                            // X-RateLimit-Reset is in milliseconds.
                            let wait = match reset {
                                Some(ms) => Duration::from_millis(ms as u64).min(MAX_RATE_WAIT),
                                None => self.backoff(rate_waits),
                            };
                            self.sleep(wait)?;
                            continue;
                        }
                        500..=599 => format!("HTTP {status}"),
                        _ => {
                            return Err(Failure::GaveUp(format!("unexpected HTTP {status}")));
                        }
                    }
                }
                Err(ureq::Error::Timeout(_)) => {
                    format!("no answer within {} s", self.retry.timeout.as_secs_f64())
                }
                Err(e) => e.to_string(),
            };
            let problem = self.redactor.clean(&problem);
            if attempt >= self.retry.retries {
                return Err(Failure::GaveUp(format!(
                    "{problem}; gave up after {} tries",
                    attempt + 1
                )));
            }
            self.sleep(self.backoff(attempt))?;
            attempt += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_read_calls_pass_the_allow_list() {
        assert!(allowed(Method::Post, "/oauth/token").is_ok());
        assert!(allowed(Method::Get, "/domain/cloud-gateway/v1/internal-domains").is_ok());
        assert!(allowed(
            Method::Get,
            "/directory/cloud-gateway/v1/groups/a%2Fb/members"
        )
        .is_ok());
        for p in LEGACY_READS {
            assert!(allowed(Method::Post, p).is_ok(), "{p}");
        }
        for p in [
            "/api/policy/blockedsenders/create-policy",
            "/api/directory/add-group-member",
            "/api/domain/create-domain",
            "/api/policy/antispoofing-bypass/get-policy/../delete-policy",
            // Reading managed URLs is allowed (it needs an Edit permission
            // but changes nothing); creating one is not.
            "/api/ttp/url/create-managed-url",
            "/api/policy/address-alteration/create-definition",
            "/config-snapshot/v1/create",
        ] {
            assert!(allowed(Method::Post, p).is_err(), "{p}");
        }
        for p in [
            "/config-snapshot/v1/create",
            "/x?y=1",
            "relative",
            "/a/../b",
            "/a b",
        ] {
            assert!(allowed(Method::Get, p).is_err(), "{p}");
        }
    }

    #[test]
    fn a_refused_call_is_never_sent() {
        // A client whose base URL would fail if anything were sent: the
        // refusal comes first.
        static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        let creds = Credentials {
            id: Secret::new("id".into()),
            secret: Secret::new("secret".into()),
        };
        let retry = Retry {
            timeout: Duration::from_millis(10),
            retries: 0,
            wait: Duration::ZERO,
        };
        let mut c = Client::new(
            "http://127.0.0.1:9".into(),
            creds,
            retry,
            Redactor::default(),
            &STOP,
        );
        let e = c
            .call(
                Method::Post,
                "/api/policy/blockedsenders/create-policy",
                &[],
                None,
            )
            .unwrap_err();
        assert!(matches!(e, Failure::Refused(_)), "{e:?}");
        assert!(c.token.is_none(), "not even a token was asked for");
    }

    #[test]
    fn group_ids_are_encoded() {
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_segment("eNo1-_.~"), "eNo1-_.~");
    }
}
