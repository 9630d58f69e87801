//! Credentials and the redaction of everything secret from what the
//! collector says.

use std::sync::{Arc, Mutex};

/// A value that must never be shown: its `Debug` says `[redacted]`, and it
/// has no `Display`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(v: String) -> Secret {
        Secret(v)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: Secret,
    pub secret: Secret,
}

pub const ID_VAR: &str = "MIMECAST_CLIENT_ID";
pub const SECRET_VAR: &str = "MIMECAST_CLIENT_SECRET";

/// Reads the client id and secret from the environment, else from the
/// terminal without echo; never from the command line.
pub fn credentials() -> Result<Credentials, String> {
    use std::io::IsTerminal;
    let var = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
    let (id, secret) = (var(ID_VAR), var(SECRET_VAR));
    if let (Some(id), Some(secret)) = (&id, &secret) {
        return Ok(Credentials {
            id: Secret::new(id.trim().to_string()),
            secret: Secret::new(secret.trim().to_string()),
        });
    }
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "no credentials: set {ID_VAR} and {SECRET_VAR} (the API 2.0 application's client \
             id and secret), or run at a terminal to be asked for them"
        ));
    }
    let ask = |what: &str| {
        rpassword::prompt_password(format!("{what} (not echoed): "))
            .map(|v| v.trim().to_string())
            .map_err(|e| format!("could not read the {what} from the terminal: {e}"))
    };
    let id = match id {
        Some(v) => v,
        None => ask("Client id")?,
    };
    let secret = match secret {
        Some(v) => v,
        None => ask("Client secret")?,
    };
    if id.is_empty() || secret.is_empty() {
        return Err("no credentials: the client id and secret must not be empty".into());
    }
    Ok(Credentials {
        id: Secret::new(id),
        secret: Secret::new(secret),
    })
}

/// Replaces every known secret (client id, secret, each token) by
/// `[redacted]` in text the collector shows.
#[derive(Debug, Clone, Default)]
pub struct Redactor(Arc<Mutex<Vec<String>>>);

impl Redactor {
    pub fn add(&self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        v.push(secret.to_string());
        // Longest first, so a secret containing another is hidden whole.
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    pub fn clean(&self, text: &str) -> String {
        let v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = text.to_string();
        for s in v.iter() {
            out = out.replace(s.as_str(), "[redacted]");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_hide_in_debug_and_messages() {
        let c = Credentials {
            id: Secret::new("the-id".into()),
            secret: Secret::new("s3cr3t".into()),
        };
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("the-id") && !shown.contains("s3cr3t"),
            "{shown}"
        );
        let r = Redactor::default();
        r.add("s3cr3t");
        r.add("tok");
        assert_eq!(r.clean("a s3cr3t and tok"), "a [redacted] and [redacted]");
    }
}
