//! An input file's identity for the report's provenance: name, size and
//! the SHA-256 of its bytes as given.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::InputFile;

/// One input file as given: name, size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceFile {
    /// The file name, as given (replaced by a token in a redacted report).
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, lowercase hex (as `sha256sum` prints it).
    pub sha256: String,
}

impl SourceFile {
    /// The name, size and hash of `file`.
    pub fn of(file: &InputFile) -> SourceFile {
        SourceFile {
            name: file.name.clone(),
            bytes: file.bytes.len() as u64,
            sha256: sha256_hex(&file.bytes),
        }
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    hex
}
