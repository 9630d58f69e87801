//! Reading inputs from disk: files, and folders read recursively.

use std::path::{Path, PathBuf};

use engine::InputFile;

/// Reads every file under the given paths; unreadable ones become inputs
/// whose bytes are empty and whose name says what went wrong.
pub fn collect(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut errors);
    }
    (files, errors)
}

fn walk(p: &Path, files: &mut Vec<InputFile>, errors: &mut Vec<(String, String)>) {
    let name = p.display().to_string();
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return errors.push((name, format!("cannot read folder: {e}"))),
        };
        entries.sort();
        for e in entries {
            let is_json = e
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"));
            if e.is_dir() || is_json {
                walk(&e, files, errors);
            }
        }
        return;
    }
    match std::fs::read(p) {
        Ok(bytes) => files.push(InputFile::new(name, bytes)),
        Err(e) => errors.push((name, format!("cannot read file: {e}"))),
    }
}
