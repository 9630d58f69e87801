//! The parts of a [`Report`] that its own JSON leaves out (acceptance keys
//! to migrate, the tenant's strings for redaction), carried between the
//! worker and the page all the same.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::report::tenant::{Kind, Role, TenantString, TenantStrings};
use crate::report::KeyMigration;
use crate::Report;

/// `#[serde(with = "full_report")]`: a report with every field.
pub mod full_report {
    use super::*;

    #[derive(Serialize)]
    struct Out<'a> {
        report: &'a Report,
        migrations: Vec<(&'a str, &'a str)>,
        tenant: Vec<StringOut<'a>>,
    }

    #[derive(Serialize)]
    struct StringOut<'a> {
        text: &'a str,
        #[serde(with = "RoleDef")]
        role: Role,
    }

    #[derive(Deserialize)]
    struct In {
        report: Report,
        migrations: Vec<(String, String)>,
        tenant: Vec<StringIn>,
    }

    #[derive(Deserialize)]
    struct StringIn {
        text: String,
        #[serde(with = "RoleDef")]
        role: Role,
    }

    /// Writes the report with its migrations and tenant strings.
    pub fn serialize<S: Serializer>(r: &Report, s: S) -> Result<S::Ok, S::Error> {
        Out {
            report: r,
            migrations: r
                .key_migrations
                .iter()
                .map(|m| (m.from.as_str(), m.to.as_str()))
                .collect(),
            tenant: r
                .tenant
                .strings()
                .iter()
                .map(|t| StringOut {
                    text: &t.text,
                    role: t.role,
                })
                .collect(),
        }
        .serialize(s)
    }

    /// Reads what [`serialize`] wrote.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Report, D::Error> {
        let x = In::deserialize(d)?;
        let mut report = x.report;
        report.key_migrations = x
            .migrations
            .into_iter()
            .map(|(from, to)| KeyMigration { from, to })
            .collect();
        report.tenant = TenantStrings::from_strings(
            x.tenant
                .into_iter()
                .map(|t| TenantString {
                    text: t.text,
                    role: t.role,
                })
                .collect(),
        );
        Ok(report)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Role")]
enum RoleDef {
    Name { kind: Kind, record: usize },
    Id { kind: Kind, record: usize },
    Net,
    File,
    Kept,
}
