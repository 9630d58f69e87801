//! "Test a message": the answer the worker gives to
//! [`Request::Explain`](super::Request::Explain), the form the page fills
//! (plain text fields, turned into the engine's [`MessageInput`] here so
//! that the page decides nothing), and the message the page offers as a
//! first example (a spoof of the tenant's own domain).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::explain::message::{AuthInput, SignalsInput};
use crate::explain::{scenarios, Explanation, InputError, MessageInput};
use crate::model::Config;

/// The worker's answer to an explain request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explained {
    /// The request this answers.
    pub seq: u64,
    /// The explanation, when the message could be explained.
    pub explanation: Option<Explanation>,
    /// Why it could not be (nothing was evaluated), by field.
    pub errors: Vec<InputError>,
    /// A message worth trying on this tenant: a spoof of its own domain
    /// from an unknown server (`None`: no internal domain that receives
    /// mail is loaded).
    pub suggestion: Option<MessageInput>,
}

/// A spoof of the tenant's own domain from an unknown server — the first
/// attack scenario's message — for its first internal domain, in
/// alphabetical order, that receives mail (`None`: no such domain loaded).
/// Only what the form shows is filled in (the scenario also spells out the
/// defaults: authentication derived, spam score 0).
pub fn suggested_spoof(cfg: &Config) -> Option<MessageInput> {
    let domain = scenarios::params::domains(cfg).into_iter().next()?;
    let sent = scenarios::build::spoof("SC1", &domain).message;
    Some(MessageInput {
        envelope_from: sent.envelope_from,
        header_from: sent.header_from,
        header_display_name: sent.header_display_name,
        sending_ip: sent.sending_ip,
        recipient: sent.recipient,
        ..MessageInput::default()
    })
}

/// One field of the form: its key (the message description's JSON name,
/// which the engine's input errors name) and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    /// `envelopeFrom`, `auth.spf` …
    pub key: &'static str,
    /// "Envelope from" …
    pub label: &'static str,
}

/// The form's fields, in the order the page shows them: the first six
/// always, the others under a disclosure.
pub const FIELDS: [FormField; 16] = [
    FormField {
        key: "envelopeFrom",
        label: "Envelope from",
    },
    FormField {
        key: "headerFrom",
        label: "Header from",
    },
    FormField {
        key: "headerDisplayName",
        label: "Display name",
    },
    FormField {
        key: "sendingIp",
        label: "Sending IP",
    },
    FormField {
        key: "recipient",
        label: "Recipient",
    },
    FormField {
        key: "date",
        label: "Date",
    },
    FormField {
        key: "auth.spf",
        label: "SPF result",
    },
    FormField {
        key: "auth.dkim",
        label: "DKIM result",
    },
    FormField {
        key: "auth.dkimDomain",
        label: "DKIM signing domain",
    },
    FormField {
        key: "auth.dmarc",
        label: "DMARC result",
    },
    FormField {
        key: "spamScore",
        label: "Spam score",
    },
    FormField {
        key: "signals.newlyObservedDomain",
        label: "Newly observed domain",
    },
    FormField {
        key: "signals.threatDictionaryHit",
        label: "Threat dictionary hit",
    },
    FormField {
        key: "signals.displayNameIsInternalUser",
        label: "Display name is an internal user",
    },
    FormField {
        key: "replyTo",
        label: "Reply-To",
    },
    FormField {
        key: "sendingHostname",
        label: "Sending host name",
    },
];

/// How many of [`FIELDS`] are always shown.
pub const BASIC_FIELDS: usize = 6;

/// The choices of a field that is a list (first: the default, shown as
/// the empty value), or `None` for a text field.
pub fn choices(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "auth.spf" => &[
            "derive",
            "pass",
            "fail",
            "softfail",
            "neutral",
            "none",
            "temperror",
            "permerror",
            "unknown",
        ],
        "auth.dkim" => &["none", "pass", "fail", "unknown"],
        "auth.dmarc" => &["derive", "pass", "fail", "none", "unknown"],
        "signals.newlyObservedDomain" | "signals.threatDictionaryHit" => {
            &["false", "true", "unknown"]
        }
        "signals.displayNameIsInternalUser" => &["derive", "true", "false", "unknown"],
        _ => return None,
    })
}

/// Whether an input error is about field `key`: its name is the key, or
/// the key's last part (`spf` for `auth.spf`).
pub fn error_is_for(error: &InputError, key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    error.field == key || (key.contains('.') && error.field == last)
}

/// The errors that name no field of the form (about the tenant's data,
/// or a field the form does not have).
pub fn general_errors(errors: &[InputError]) -> Vec<&InputError> {
    errors
        .iter()
        .filter(|e| !FIELDS.iter().any(|f| error_is_for(e, f.key)))
        .collect()
}

/// The message as the page's form holds it: every field as typed, keyed
/// as [`FIELDS`]. An empty field is absent (the engine's default, or its
/// "missing" error for a required one); `<>` is the null sender.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageForm {
    values: Vec<(&'static str, String)>,
}

impl MessageForm {
    /// The value of field `key` (empty when not set).
    pub fn get(&self, key: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// Sets field `key` (ignored when it is not one of [`FIELDS`]).
    pub fn set(&mut self, key: &str, value: &str) {
        let Some(field) = FIELDS.iter().find(|f| f.key == key) else {
            return;
        };
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value.to_string(),
            None => self.values.push((field.key, value.to_string())),
        }
    }

    /// No field holds anything.
    pub fn is_blank(&self) -> bool {
        self.values.iter().all(|(_, v)| v.trim().is_empty())
    }

    /// The form filled from a message description (the suggestion).
    pub fn from_input(m: &MessageInput) -> MessageForm {
        let mut f = MessageForm::default();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let signal = |v: &Option<Value>| match v {
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        f.set("envelopeFrom", &text(&m.envelope_from));
        f.set("headerFrom", &text(&m.header_from));
        f.set("headerDisplayName", &text(&m.header_display_name));
        f.set("sendingIp", &text(&m.sending_ip));
        f.set("recipient", &text(&m.recipient));
        f.set("date", &text(&m.date));
        let auth = m.auth.clone().unwrap_or_default();
        f.set("auth.spf", &text(&auth.spf));
        f.set("auth.dkim", &text(&auth.dkim));
        f.set("auth.dkimDomain", &text(&auth.dkim_domain));
        f.set("auth.dmarc", &text(&auth.dmarc));
        f.set(
            "spamScore",
            &m.spam_score.map(|s| s.to_string()).unwrap_or_default(),
        );
        let signals = m.signals.clone().unwrap_or_default();
        f.set(
            "signals.newlyObservedDomain",
            &signal(&signals.newly_observed_domain),
        );
        f.set(
            "signals.threatDictionaryHit",
            &signal(&signals.threat_dictionary_hit),
        );
        f.set(
            "signals.displayNameIsInternalUser",
            &signal(&signals.display_name_is_internal_user),
        );
        f.set("replyTo", &text(&m.reply_to));
        f.set("sendingHostname", &text(&m.sending_hostname));
        f
    }

    /// The message description to explain, and the errors of fields the
    /// form itself cannot turn into one (a spam score that is no number).
    pub fn to_input(&self) -> (MessageInput, Vec<InputError>) {
        let mut errors = Vec::new();
        let opt = |key: &str| {
            let v = self.get(key).trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        // `<>` is the null sender; the engine reads it so.
        let envelope_from = opt("envelopeFrom");
        let spam_score = opt("spamScore").and_then(|s| match s.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                errors.push(InputError {
                    field: "spamScore".into(),
                    message: format!("the spam score must be a number, got “{s}”"),
                });
                None
            }
        });
        let signal = |key: &str| {
            opt(key).map(|v| match v.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(v),
            })
        };
        let auth = AuthInput {
            spf: opt("auth.spf"),
            dkim: opt("auth.dkim"),
            dkim_domain: opt("auth.dkimDomain"),
            dmarc: opt("auth.dmarc"),
        };
        let signals = SignalsInput {
            newly_observed_domain: signal("signals.newlyObservedDomain"),
            threat_dictionary_hit: signal("signals.threatDictionaryHit"),
            display_name_is_internal_user: signal("signals.displayNameIsInternalUser"),
        };
        let input = MessageInput {
            envelope_from,
            header_from: opt("headerFrom"),
            // The display name as typed (spaces are the engine's to trim).
            header_display_name: Some(self.get("headerDisplayName").to_string())
                .filter(|v| !v.is_empty()),
            sending_ip: opt("sendingIp"),
            sending_hostname: opt("sendingHostname"),
            recipient: opt("recipient"),
            date: opt("date"),
            auth: (auth != AuthInput::default()).then_some(auth),
            reply_to: opt("replyTo"),
            spam_score,
            signals: (signals != SignalsInput::default()).then_some(signals),
        };
        (input, errors)
    }
}
