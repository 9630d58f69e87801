//! Reading inputs from disk: files, and folders read recursively.
//!
//! The rules, so that nothing is lost, doubled or waited on without a word:
//!
//! - Only **regular files** are opened. A named pipe, socket or device is
//!   never read (opening a pipe blocks until someone writes to it, and a
//!   device such as `/dev/zero` never ends): given directly it is an input
//!   error, inside a folder it is listed as skipped.
//! - A path **given directly** is read whatever its name (the engine tells a
//!   zip by its content, and says why anything else is not an export). In a
//!   folder, `*.json` and `*.zip` files are read (any case); every other entry
//!   is listed as skipped with the reason, and so are hidden entries (`.git`,
//!   `.DS_Store`, `._x.json`) and `__MACOSX` folders, which are not entered —
//!   the rule the engine applies inside a zip.
//! - **Links** are followed, but each real folder and file is read once (by
//!   its canonical path), so a link loop ends and a file reached twice is
//!   listed as skipped the second time. A file read again with `--section`
//!   gets that section instead.
//! - At most [`MAX_FILE_BYTES`] + 1 bytes are read from one file, and a file
//!   whose size is already over the limit is not opened: the engine's limit,
//!   reported with the engine's words.
//! - A **given folder in which nothing is read** (empty, or only skipped
//!   entries) is an input error: "nothing to analyse".

use std::collections::{HashMap, HashSet};
use std::fs::{self, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use engine::input::MAX_FILE_BYTES;
use engine::model::Section;
use engine::InputFile;

/// Everything found under the given paths.
#[derive(Debug, Default)]
pub struct Collected {
    /// The files read, for the engine.
    pub files: Vec<InputFile>,
    /// Paths that could not be read: `(name, why)`. Input errors.
    pub errors: Vec<(String, String)>,
    /// Entries left out on purpose: `(name, why)`. Listed, not errors.
    pub skipped: Vec<(String, String)>,
}

/// Reads paths one after the other, remembering what was already read.
#[derive(Debug, Default)]
pub struct Collector {
    out: Collected,
    /// Canonical path of each file read → its index in `out.files`.
    files_seen: HashMap<PathBuf, usize>,
    /// Canonical paths of the folders entered.
    dirs_seen: HashSet<PathBuf>,
    /// Files reached again (counted so a folder of duplicates is not "empty").
    duplicates: usize,
}

/// The message the engine gives a file over its limit.
pub fn too_large() -> String {
    format!(
        "the file is too large: over {} MiB, the most this tool reads from one file",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Reads one file whole, or its first `limit` + 1 bytes when it is longer
/// (enough for the engine to say it is too large).
fn read_limited(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a non-regular, non-folder entry is, for people.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = meta;
    "not a regular file"
}

fn not_regular(meta: &Metadata) -> String {
    format!("not read: {}; only regular files are read", kind(meta))
}

impl Collector {
    /// Reads one path given by the user (a file or a folder), as section
    /// `section` when the user chose one.
    pub fn add(&mut self, path: &Path, section: Option<Section>) {
        let name = path.display().to_string();
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.error(name, format!("cannot read: {e}")),
        };
        if meta.is_dir() {
            let before = (self.out.files.len(), self.out.errors.len(), self.duplicates);
            let before_skipped = self.out.skipped.len();
            if !self.dir(path, &name, section) {
                return self.skip(
                    name,
                    "the same folder as another input, already read".into(),
                );
            }
            let after = (self.out.files.len(), self.out.errors.len(), self.duplicates);
            if before == after {
                let why = if self.out.skipped.len() == before_skipped {
                    "the folder is empty"
                } else {
                    "no JSON or zip file could be read in the folder"
                };
                self.error(name, format!("nothing to analyse: {why}"));
            }
        } else if meta.is_file() {
            self.file(path, name, &meta, section);
        } else {
            self.error(name, not_regular(&meta));
        }
    }

    /// What was found.
    pub fn finish(self) -> Collected {
        self.out
    }

    fn error(&mut self, name: String, why: String) {
        self.out.errors.push((name, why));
    }

    fn skip(&mut self, name: String, why: String) {
        self.out.skipped.push((name, why));
    }

    /// Reads a folder's entries in name order; `false` when the folder was
    /// already read.
    fn dir(&mut self, path: &Path, name: &str, section: Option<Section>) -> bool {
        let canonical = match fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => {
                self.error(name.to_string(), format!("cannot read folder: {e}"));
                return true;
            }
        };
        if !self.dirs_seen.insert(canonical) {
            return false;
        }
        let entries = match fs::read_dir(path) {
            Ok(rd) => rd,
            Err(e) => {
                self.error(name.to_string(), format!("cannot read folder: {e}"));
                return true;
            }
        };
        let mut paths = Vec::new();
        for e in entries {
            match e {
                Ok(e) => paths.push(e.path()),
                Err(e) => self.error(
                    name.to_string(),
                    format!("cannot list an entry of the folder: {e}"),
                ),
            }
        }
        paths.sort();
        for p in paths {
            self.entry(&p, section);
        }
        true
    }

    /// One entry found in a folder.
    fn entry(&mut self, path: &Path, section: Option<Section>) {
        let name = path.display().to_string();
        let base = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(why) = engine::input::folder_skip(&base, true) {
            return self.skip(name, why.into());
        }
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.error(name, format!("cannot read: {e}")),
        };
        if meta.is_dir() {
            if !self.dir(path, &name, section) {
                self.skip(name, "a link to a folder already read".into());
            }
            return;
        }
        if !meta.is_file() {
            return self.skip(name, not_regular(&meta));
        }
        if let Some(why) = engine::input::folder_skip(&base, false) {
            return self.skip(name, why.into());
        }
        self.file(path, name, &meta, section);
    }

    /// Reads a regular file, unless it was read already or is too large.
    fn file(&mut self, path: &Path, name: String, meta: &Metadata, section: Option<Section>) {
        let canonical = match fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => return self.error(name, format!("cannot read file: {e}")),
        };
        if let Some(&i) = self.files_seen.get(&canonical) {
            self.duplicates += 1;
            let first = &mut self.out.files[i];
            match (first.section, section) {
                (None, Some(s)) => first.section = Some(s),
                (Some(a), Some(b)) if a != b => self.error(
                    name,
                    format!(
                        "given as section {} and as section {}: choose one",
                        a.key(),
                        b.key()
                    ),
                ),
                _ => self.skip(name, "the same file as another input, already read".into()),
            }
            return;
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return self.error(name, too_large());
        }
        match read_limited(path, MAX_FILE_BYTES) {
            Ok(bytes) => {
                self.files_seen.insert(canonical, self.out.files.len());
                self.out
                    .files
                    .push(InputFile::new(name, bytes).with_section(section));
            }
            Err(e) => self.error(name, format!("cannot read file: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_too_large_message_is_the_engines() {
        let big = InputFile::new("big.json", vec![b' '; MAX_FILE_BYTES + 1]);
        let loaded = engine::input::load_all(&[big]);
        let error = loaded.statuses[0].error.as_ref().unwrap();
        assert_eq!(error.message, too_large());
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let dir = std::env::temp_dir().join(format!("mca-inputs-unit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("long.json");
        fs::write(&f, [b'x'; 100]).unwrap();
        assert_eq!(read_limited(&f, 10).unwrap().len(), 11);
        assert_eq!(read_limited(&f, 100).unwrap().len(), 100);
        fs::remove_dir_all(&dir).unwrap();
    }
}
