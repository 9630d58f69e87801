//! The message after normalisation (spec section 2): required fields,
//! parsing through the primitives, input errors by field name, defaults
//! (listed as assumptions when used).

use std::collections::BTreeMap;
use std::net::IpAddr;

use chrono::{DateTime, SecondsFormat, Utc};

use super::super::message::{InputError, MessageInput};
use super::super::output::{Auth, Message};
use super::super::primitives::{
    normalise_display_name, normalise_host, parse_address, parse_ip, Address,
};
use crate::model::{parse_date, Config, Section};

/// A signal's value as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// `true`.
    Yes,
    /// `false` (the default).
    No,
    /// `"unknown"`: an atom.
    Unknown,
    /// `"derive"` (only `displayNameIsInternalUser`): computed.
    Derive,
}

/// The normalised message the pipeline reads.
#[derive(Debug, Clone)]
pub struct Msg {
    /// Envelope From; `None` for the null sender.
    pub envelope: Option<Address>,
    /// Header From.
    pub header: Address,
    /// Display name, trimmed, as given.
    pub display: String,
    /// Display name normalised (R2.3).
    pub display_norm: String,
    /// The connecting IP (IPv4-mapped IPv6 as IPv4).
    pub ip: IpAddr,
    /// The connecting host name, normalised.
    pub hostname: Option<String>,
    /// The recipient.
    pub recipient: Address,
    /// When it arrives.
    pub date: DateTime<Utc>,
    /// `auth.spf` (`derive` or a result).
    pub spf: String,
    /// `auth.dkim`.
    pub dkim: String,
    /// `auth.dkimDomain` (default: header From domain).
    pub dkim_domain: String,
    /// `auth.dmarc`.
    pub dmarc: String,
    /// Reply-To.
    pub reply_to: Option<Address>,
    /// The spam score.
    pub spam_score: f64,
    /// `newlyObservedDomain`.
    pub newly_observed: Signal,
    /// `threatDictionaryHit`.
    pub dictionary: Signal,
    /// `displayNameIsInternalUser`.
    pub internal_user: Signal,
    /// Content defaults that were used.
    pub defaults_used: Vec<String>,
}

const SPF_VALUES: &[&str] = &[
    "derive",
    "pass",
    "fail",
    "softfail",
    "neutral",
    "none",
    "temperror",
    "permerror",
    "unknown",
];
const DKIM_VALUES: &[&str] = &["none", "pass", "fail", "unknown"];
const DMARC_VALUES: &[&str] = &["derive", "pass", "fail", "none", "unknown"];

fn err(field: &str, message: impl Into<String>) -> InputError {
    InputError {
        field: field.into(),
        message: message.into(),
    }
}

fn required<'m>(
    v: &'m Option<String>,
    field: &str,
    errors: &mut Vec<InputError>,
) -> Option<&'m str> {
    if v.is_none() {
        errors.push(err(field, format!("{field} is required")));
    }
    v.as_deref()
}

fn address(text: &str, field: &str, errors: &mut Vec<InputError>) -> Option<Option<Address>> {
    match parse_address(text) {
        Ok(a) => Some(a),
        Err(e) => {
            errors.push(err(field, format!("{field}: {e}")));
            None
        }
    }
}

fn enumerated(
    v: Option<&str>,
    default: &str,
    field: &str,
    allowed: &[&str],
    errors: &mut Vec<InputError>,
) -> String {
    let t = v.map(|s| s.trim().to_ascii_lowercase()).unwrap_or_default();
    if t.is_empty() {
        return default.into();
    }
    if !allowed.contains(&t.as_str()) {
        errors.push(err(
            field,
            format!("{field}: \"{t}\" is not one of {}", allowed.join(", ")),
        ));
    }
    t
}

fn signal(
    v: Option<&serde_json::Value>,
    field: &str,
    derive: bool,
    errors: &mut Vec<InputError>,
) -> Option<Signal> {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => None,
        Some(Value::Bool(true)) => Some(Signal::Yes),
        Some(Value::Bool(false)) => Some(Signal::No),
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Some(Signal::Yes),
            "false" => Some(Signal::No),
            "unknown" => Some(Signal::Unknown),
            "derive" if derive => Some(Signal::Derive),
            other => {
                errors.push(err(
                    field,
                    format!("{field}: \"{other}\" is not true, false or unknown"),
                ));
                None
            }
        },
        Some(_) => {
            errors.push(err(
                field,
                format!("{field}: expected true, false or \"unknown\""),
            ));
            None
        }
    }
}

/// Normalises `m` (date default `at`); every problem is reported.
pub fn normalise(
    cfg: &Config,
    m: &MessageInput,
    at: DateTime<Utc>,
) -> Result<Msg, Vec<InputError>> {
    let mut errors = Vec::new();
    if !cfg.has(Section::InternalDomains) {
        errors.push(err(
            "",
            "the explainer needs internalDomains to tell internal from external",
        ));
    }
    let envelope = required(&m.envelope_from, "envelopeFrom", &mut errors)
        .and_then(|t| address(t, "envelopeFrom", &mut errors));
    let header = required(&m.header_from, "headerFrom", &mut errors)
        .and_then(|t| address(t, "headerFrom", &mut errors));
    let header = match header {
        Some(None) => {
            errors.push(err(
                "headerFrom",
                "headerFrom: an address is needed (the header From cannot be empty)",
            ));
            None
        }
        Some(Some(a)) => Some(a),
        None => None,
    };
    let ip = required(&m.sending_ip, "sendingIp", &mut errors).and_then(|t| match parse_ip(t) {
        Ok(ip) => Some(ip),
        Err(e) => {
            errors.push(err("sendingIp", format!("sendingIp: {e}")));
            None
        }
    });
    let recipient = required(&m.recipient, "recipient", &mut errors)
        .and_then(|t| address(t, "recipient", &mut errors));
    let recipient = match recipient {
        Some(None) => {
            errors.push(err("recipient", "recipient: an address is needed"));
            None
        }
        Some(Some(a)) => Some(a),
        None => None,
    };
    if let Some(r) = &recipient {
        if cfg.has(Section::InternalDomains) && cfg.internal_domain_containing(&r.domain).is_none()
        {
            errors.push(err(
                "recipient",
                format!(
                    "not an inbound message for this tenant: recipient domain {} is not one of the internal domains",
                    r.domain
                ),
            ));
        }
    }
    let date = match m.date.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Some(at),
        Some(t) => match parse_date(t) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(err("date", format!("date: {e}")));
                None
            }
        },
    };
    let reply_to = match m
        .reply_to
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => Some(None),
        Some(t) => address(t, "replyTo", &mut errors),
    };
    let spam_score = match m.spam_score {
        Some(s) if !s.is_finite() || s < 0.0 => {
            errors.push(err(
                "spamScore",
                "spamScore: expected a number of 0 or more",
            ));
            0.0
        }
        Some(s) => s,
        None => 0.0,
    };
    let auth = m.auth.clone().unwrap_or_default();
    let spf = enumerated(
        auth.spf.as_deref(),
        "derive",
        "auth.spf",
        SPF_VALUES,
        &mut errors,
    );
    let dkim = enumerated(
        auth.dkim.as_deref(),
        "none",
        "auth.dkim",
        DKIM_VALUES,
        &mut errors,
    );
    let dmarc = enumerated(
        auth.dmarc.as_deref(),
        "derive",
        "auth.dmarc",
        DMARC_VALUES,
        &mut errors,
    );
    let sig = m.signals.clone().unwrap_or_default();
    let newly = signal(
        sig.newly_observed_domain.as_ref(),
        "signals.newlyObservedDomain",
        false,
        &mut errors,
    );
    let dictionary = signal(
        sig.threat_dictionary_hit.as_ref(),
        "signals.threatDictionaryHit",
        false,
        &mut errors,
    );
    let internal_user = signal(
        sig.display_name_is_internal_user.as_ref(),
        "signals.displayNameIsInternalUser",
        true,
        &mut errors,
    );
    let (Some(envelope), Some(header), Some(ip), Some(recipient), Some(date), Some(reply_to)) =
        (envelope, header, ip, recipient, date, reply_to)
    else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut defaults_used = Vec::new();
    if m.spam_score.is_none() {
        defaults_used.push(
            "spam score 0 (the content is not described): the verdict is about policy, not content"
                .to_string(),
        );
    }
    if newly.is_none() {
        defaults_used.push(
            "the sender's domain is not newly observed (Mimecast's data, not in the bundle)"
                .to_string(),
        );
    }
    if dictionary.is_none() {
        defaults_used.push("the content does not hit the targeted threat dictionary".to_string());
    }
    if auth
        .dkim
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .is_empty()
    {
        defaults_used.push("the message carries no DKIM signature".to_string());
    }
    let dkim_domain = auth
        .dkim_domain
        .as_deref()
        .map(super::super::primitives::normalise_domain)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| header.domain.clone());
    let display = m
        .header_display_name
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_string();
    Ok(Msg {
        display_norm: normalise_display_name(&display),
        display,
        envelope,
        header,
        ip,
        hostname: m
            .sending_hostname
            .as_deref()
            .map(normalise_host)
            .filter(|h| !h.is_empty()),
        recipient,
        date,
        spf,
        dkim,
        dkim_domain,
        dmarc,
        reply_to,
        spam_score,
        newly_observed: newly.unwrap_or(Signal::No),
        dictionary: dictionary.unwrap_or(Signal::No),
        internal_user: internal_user.unwrap_or(Signal::Derive),
        defaults_used,
    })
}

fn signal_text(s: Signal) -> String {
    match s {
        Signal::Yes => "true",
        Signal::No => "false",
        Signal::Unknown => "unknown",
        Signal::Derive => "derive",
    }
    .to_string()
}

impl Msg {
    /// The normalised message for the output.
    pub fn output(&self) -> Message {
        let mut signals = BTreeMap::new();
        signals.insert(
            "newlyObservedDomain".to_string(),
            signal_text(self.newly_observed),
        );
        signals.insert(
            "threatDictionaryHit".to_string(),
            signal_text(self.dictionary),
        );
        signals.insert(
            "displayNameIsInternalUser".to_string(),
            signal_text(self.internal_user),
        );
        Message {
            envelope_from: self
                .envelope
                .as_ref()
                .map(Address::text)
                .unwrap_or_default(),
            header_from: self.header.text(),
            header_display_name: self.display.clone(),
            sending_ip: self.ip.to_string(),
            sending_hostname: self.hostname.clone(),
            recipient: self.recipient.text(),
            date: self.date.to_rfc3339_opts(SecondsFormat::Secs, true),
            auth: Auth {
                spf: self.spf.clone(),
                dkim: self.dkim.clone(),
                dkim_domain: (self.dkim == "pass").then(|| self.dkim_domain.clone()),
                dmarc: self.dmarc.clone(),
            },
            reply_to: self.reply_to.as_ref().map(Address::text),
            spam_score: self.spam_score,
            signals,
        }
    }

    /// The envelope From as text (`<>` for the null sender).
    pub fn envelope_text(&self) -> String {
        self.envelope
            .as_ref()
            .map(Address::text)
            .unwrap_or_else(|| "<>".into())
    }
}
