//! Helpers shared by the integration tests.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use engine::export::csv;
use engine::model::parse_date;
use engine::Options;

/// The workspace root (fixtures, samples and golden files live there).
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Options that judge at 2026-11-20 10:00 UTC, the fixtures' date.
pub fn at() -> Options {
    Options {
        at: Some(parse_date("2026-11-20T10:00:00Z").unwrap()),
        now: None,
    }
}

/// RFC 4180 reader, enough to check what we write.
pub fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

/// The index of a column of the CSV action plan.
pub fn col(name: &str) -> usize {
    csv::COLUMNS.iter().position(|c| *c == name).unwrap()
}

/// A Deflate zip of the given entries, written in memory.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}
