//! Writing a bundle (v1): everything loaded, as one file the app and the
//! CLI read back. Records are written exactly as they were loaded (wire
//! shape, unknown fields included), so nothing is lost on a round trip.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

use super::model::{Config, RawSection, Section, Shape};

/// The bundle's `format` value: what marks a JSON file as a bundle.
pub const FORMAT: &str = "mimecast-config-bundle";
/// The bundle version this tool writes and reads.
pub const VERSION: u64 = 1;

fn section_value(s: Section, raw: Option<&RawSection>) -> Value {
    let empty = RawSection::default();
    let raw = raw.unwrap_or(&empty);
    if s.shape() == Shape::Keyed {
        return Value::Object(raw.keyed.clone());
    }
    // An object-shaped section read as one record is written back as that
    // object.
    if s.shape() == Shape::Object && raw.fail.is_empty() {
        if let [one] = raw.records.as_slice() {
            let v = one.value();
            if v.is_object() {
                return secrets::without_passwords(v);
            }
        }
    }
    // A list section keeps `meta` only when its call answered with a
    // non-2xx status (see `input::normalize::section`).
    let meta = raw.keyed.get("meta");
    let records = || {
        Value::Array(
            raw.records
                .iter()
                .map(|r| secrets::without_passwords(r.value()))
                .collect(),
        )
    };
    if raw.fail.is_empty() && meta.is_none() {
        records()
    } else {
        // Keep the API's failures and status so the section stays marked
        // incomplete.
        let mut m = Map::new();
        if let Some(meta) = meta {
            m.insert("meta".into(), meta.clone());
        }
        m.insert("data".into(), records());
        m.insert("fail".into(), Value::Array(raw.fail.clone()));
        Value::Object(m)
    }
}

/// The bundle as a JSON value. `generatedAt` keeps the loaded bundle's date
/// when there was one, else `now`.
pub fn to_bundle(cfg: &Config, now: DateTime<Utc>, generator: &str) -> Value {
    let mut m = Map::new();
    m.insert("format".into(), FORMAT.into());
    m.insert("version".into(), VERSION.into());
    let at = cfg.generated_at.unwrap_or(now);
    m.insert(
        "generatedAt".into(),
        at.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
    );
    m.insert("generator".into(), generator.into());
    if let Some(a) = &cfg.account {
        m.insert("account".into(), a.clone());
    }
    if !cfg.acceptances.is_empty() {
        let list: Vec<_> = cfg
            .acceptances
            .iter()
            .cloned()
            .map(|mut a| {
                a.expired = false;
                a.outdated = false;
                a
            })
            .collect();
        m.insert(
            "acceptances".into(),
            serde_json::to_value(list).expect("plain data"),
        );
    }
    if !cfg.assignments.is_empty() {
        m.insert(
            "assignments".into(),
            serde_json::to_value(&cfg.assignments).expect("plain data"),
        );
    }
    for &s in Section::ALL {
        if cfg.has(s) {
            m.insert(s.key().into(), section_value(s, cfg.raw.get(&s)));
        }
    }
    Value::Object(m)
}

/// The bundle as pretty-printed JSON text.
pub fn write_bundle(cfg: &Config, now: DateTime<Utc>, generator: &str) -> String {
    serde_json::to_string_pretty(&to_bundle(cfg, now, generator))
        .expect("a bundle always serialises")
}

mod secrets;

pub use secrets::without_passwords;

#[cfg(test)]
mod tests;
