//! Zip archives: turn one dropped `.zip` into the JSON files it holds.
//!
//! Everything happens in memory (the browser has no file system), with the
//! pure-Rust `zip` + `flate2`/`miniz_oxide` stack, reading Stored and
//! Deflate entries only. Limits guard against zip bombs and oversized
//! entries; no input, however broken, makes this module panic.
//!
//! What [`expand`] does with each entry:
//!
//! | entry                                        | result                                        |
//! |----------------------------------------------|-----------------------------------------------|
//! | `*.json` (any case, any folder depth)        | an [`InputFile`] in [`Expanded::files`]       |
//! | `*.zip` inside the top-level archive         | expanded the same way, one level deep only    |
//! | a directory                                  | ignored                                       |
//! | under `__MACOSX/`, or any `.`-named part     | ignored (macOS / editor / VCS clutter)        |
//! | any other file                               | its name in [`Expanded::skipped`]             |
//! | unreadable (encrypted, unsupported method,   | `(name, error)` in [`Expanded::failed`]       |
//! |   damaged data, too large, zip nested twice) |                                               |
//!
//! Names are `<archive name>/<path inside the archive>` (with a nested zip:
//! `outer.zip/inner.zip/x.json`); backslashes written by some Windows tools
//! become `/`, and empty or `.` path parts are dropped.
//!
//! The whole archive fails (the `Err` of [`expand`]) when it cannot be opened
//! at all (damaged, truncated, not a zip), has more than
//! [`MAX_ARCHIVE_ENTRIES`] entries, would expand to more than
//! [`MAX_ARCHIVE_TOTAL_BYTES`], or holds no JSON file at all.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use super::{InputError, InputFile};

/// Largest single file accepted, loose or inside an archive (uncompressed).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;
/// Most entries (files and folders) one archive may list.
pub const MAX_ARCHIVE_ENTRIES: usize = 2000;
/// Most bytes one archive may expand to, nested archives included.
pub const MAX_ARCHIVE_TOTAL_BYTES: usize = 256 * 1024 * 1024;

/// What came out of one archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    /// The JSON entries, in the order the archive lists them.
    pub files: Vec<InputFile>,
    /// Entries that looked wanted (JSON or nested zip) but could not be read,
    /// each with its full name and why; the rest of the archive still loads.
    pub failed: Vec<(String, InputError)>,
    /// Full names of other files left out because they are not JSON
    /// (worth a note to the user, not an error).
    pub skipped: Vec<String>,
}

/// Whether the bytes start like a zip archive (a local file header, or the
/// end record that is all an empty archive holds).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Reads a zip archive held in memory and returns the JSON files inside it.
///
/// `Err` means the archive as a whole is unusable; problems with single
/// entries go to [`Expanded::failed`] instead. See the module documentation
/// for the full set of rules.
pub fn expand(file: &InputFile) -> Result<Expanded, InputError> {
    expand_with(file, Limits::DEFAULT)
}

/// The limits, separate so tests can use tiny ones.
#[derive(Debug, Clone, Copy)]
struct Limits {
    file_bytes: usize,
    entries: usize,
    total_bytes: usize,
}

impl Limits {
    const DEFAULT: Limits = Limits {
        file_bytes: MAX_FILE_BYTES,
        entries: MAX_ARCHIVE_ENTRIES,
        total_bytes: MAX_ARCHIVE_TOTAL_BYTES,
    };
}

/// Why a walk through one archive stopped.
enum Stop {
    /// This archive (top-level or nested) cannot be read.
    Archive(InputError),
    /// The expansion budget of the top-level archive is spent: everything stops.
    Budget(InputError),
}

struct Walker {
    limits: Limits,
    /// Uncompressed bytes still allowed for the whole top-level archive.
    budget: usize,
    out: Expanded,
}

fn expand_with(file: &InputFile, limits: Limits) -> Result<Expanded, InputError> {
    let mut walker = Walker {
        limits,
        budget: limits.total_bytes,
        out: Expanded::default(),
    };
    match walker.walk(&file.bytes, &file.name, 0) {
        Ok(()) => {}
        Err(Stop::Archive(e)) | Err(Stop::Budget(e)) => return Err(e),
    }
    let out = walker.out;
    if out.files.is_empty() && out.failed.is_empty() {
        return Err(no_json(&file.name, &out.skipped));
    }
    Ok(out)
}

/// What a wanted entry is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Zip,
}

/// One entry's facts, read from the central directory before touching data.
struct Entry {
    index: usize,
    name: String,
    kind: Kind,
    declared: u64,
}

impl Walker {
    /// Walks one archive; `depth` 0 is the dropped file, 1 a zip inside it.
    fn walk(&mut self, bytes: &[u8], prefix: &str, depth: u8) -> Result<(), Stop> {
        let mut archive = open(bytes).map_err(Stop::Archive)?;
        if archive.len() > self.limits.entries {
            return Err(Stop::Archive(InputError::plain(format!(
                "the zip archive lists {} entries, more than the {} this tool reads; zip only the JSON exports",
                archive.len(),
                self.limits.entries
            ))));
        }

        let mut wanted = Vec::new();
        for index in 0..archive.len() {
            let Some(entry) = self.classify(&archive, index, prefix) else {
                continue;
            };
            if entry.kind == Kind::Zip && depth >= 1 {
                self.out.failed.push((
                    entry.name,
                    InputError::plain(
                        "a zip inside a zip inside a zip is not opened (only one level of nesting is read); unpack it and drop its JSON files",
                    ),
                ));
                continue;
            }
            wanted.push(entry);
        }

        // A cheap zip-bomb check on the sizes the archive declares, before
        // inflating anything; the real byte count is enforced while reading.
        let declared = wanted
            .iter()
            .fold(0u64, |sum, e| sum.saturating_add(e.declared));
        if declared > self.budget as u64 {
            return Err(Stop::Budget(over_budget(self.limits.total_bytes)));
        }

        for entry in wanted {
            let bytes = match self.read(&mut archive, &entry)? {
                Some(bytes) => bytes,
                None => continue,
            };
            match entry.kind {
                Kind::Json => self.out.files.push(InputFile::new(entry.name, bytes)),
                Kind::Zip => match self.walk(&bytes, &entry.name, depth + 1) {
                    Ok(()) => {}
                    Err(Stop::Archive(e)) => self.out.failed.push((entry.name, e)),
                    Err(stop @ Stop::Budget(_)) => return Err(stop),
                },
            }
        }
        Ok(())
    }

    /// Decides from the central directory alone what to do with an entry:
    /// `Some` for one to read, `None` for one left out (and noted when useful).
    fn classify(
        &mut self,
        archive: &ZipArchive<Cursor<&[u8]>>,
        index: usize,
        prefix: &str,
    ) -> Option<Entry> {
        let meta = match archive.by_index_data(index) {
            Ok(meta) => meta,
            Err(e) => {
                self.out
                    .failed
                    .push((format!("{prefix}/#{}", index + 1), entry_error(&e)));
                return None;
            }
        };
        let raw_name = match meta.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(meta.name_raw()).into_owned(),
        };
        let inner = clean_path(&raw_name);
        if meta.is_dir() || inner.is_empty() || is_clutter(&inner) {
            return None;
        }
        let name = format!("{prefix}/{inner}");
        let lower = inner.to_ascii_lowercase();
        let kind = if lower.ends_with(".json") {
            Kind::Json
        } else if lower.ends_with(".zip") {
            Kind::Zip
        } else {
            self.out.skipped.push(name);
            return None;
        };

        if meta.encrypted() {
            self.out.failed.push((
                name,
                InputError::plain("the zip entry is password-protected (encrypted); unpack it with its password and drop the file itself"),
            ));
            return None;
        }
        let method = meta.compression();
        if !is_supported(method) {
            let code = method_code(method);
            self.out.failed.push((
                name,
                InputError::plain(format!(
                    "the zip entry uses a compression method this tool cannot read ({}, method {code}); re-create the zip with the standard Deflate method",
                    CompressionMethod::name_from_u16(code)
                )),
            ));
            return None;
        }
        let declared = meta.size();
        if declared > self.limits.file_bytes as u64 {
            self.out
                .failed
                .push((name, too_large(self.limits.file_bytes)));
            return None;
        }
        Some(Entry {
            index,
            name,
            kind,
            declared,
        })
    }

    /// Inflates one entry, holding it to the per-file limit and the budget.
    /// `Ok(None)`: the entry failed and was recorded as such.
    fn read(
        &mut self,
        archive: &mut ZipArchive<Cursor<&[u8]>>,
        entry: &Entry,
    ) -> Result<Option<Vec<u8>>, Stop> {
        let mut reader = match archive.by_index(entry.index) {
            Ok(reader) => reader,
            Err(e) => {
                self.out.failed.push((entry.name.clone(), entry_error(&e)));
                return Ok(None);
            }
        };
        let cap = self.limits.file_bytes.min(self.budget);
        // Reading one byte past the cap is how an entry that lies about its
        // size is caught.
        let mut bytes = Vec::with_capacity((entry.declared as usize).min(cap));
        if let Err(e) = (&mut reader).take(cap as u64 + 1).read_to_end(&mut bytes) {
            self.out
                .failed
                .push((entry.name.clone(), damaged_entry(&e)));
            return Ok(None);
        }
        if bytes.len() > cap {
            if cap == self.limits.file_bytes {
                self.out
                    .failed
                    .push((entry.name.clone(), too_large(self.limits.file_bytes)));
                return Ok(None);
            }
            return Err(Stop::Budget(over_budget(self.limits.total_bytes)));
        }
        self.budget -= bytes.len();
        Ok(Some(bytes))
    }
}

fn open(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, InputError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        let detail = match &e {
            ZipError::Io(io) => io.to_string(),
            other => other.to_string(),
        };
        InputError::plain(format!(
            "the zip archive is damaged or incomplete and cannot be opened ({detail}); download or zip it again"
        ))
    })
}

/// The method's number as stored in the archive (the crate marks this
/// accessor deprecated in favour of matching constants; a message needs it).
#[allow(deprecated)]
fn method_code(method: CompressionMethod) -> u16 {
    method.to_u16()
}

fn is_supported(method: CompressionMethod) -> bool {
    method == CompressionMethod::Stored || method == CompressionMethod::Deflated
}

/// Turns a stored entry name into the path shown to the user.
fn clean_path(raw: &str) -> String {
    raw.split(['/', '\\'])
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// macOS resource forks, `.DS_Store`, `.git/` and other hidden things.
/// Why an entry of a folder (given to the CLI, or chosen in the app) is
/// left out, by its name: hidden entries (`.git`, `.DS_Store`, `._x.json`)
/// and macOS metadata folders, then any file that is not `*.json` or
/// `*.zip` (any case). `None`: read it. The same rule as inside a zip.
pub fn folder_skip(name: &str, is_dir: bool) -> Option<&'static str> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if base.starts_with('.') || base == "__MACOSX" {
        return Some("hidden, or macOS metadata");
    }
    if is_dir {
        return None;
    }
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    if ext.eq_ignore_ascii_case("json") || ext.eq_ignore_ascii_case("zip") {
        None
    } else {
        Some("not JSON or zip")
    }
}

/// Why a file at `path` inside a chosen folder (`a/b/c.json`, as the
/// browser gives it) is left out: the first hidden or metadata folder on
/// its way, else [`folder_skip`] of the file itself. `None`: read it.
pub fn folder_path_skip(path: &str) -> Option<&'static str> {
    let mut parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let file = parts.pop().unwrap_or(path);
    parts
        .into_iter()
        .find_map(|dir| folder_skip(dir, true))
        .or_else(|| folder_skip(file, false))
}

fn is_clutter(path: &str) -> bool {
    path.split('/')
        .any(|part| part == "__MACOSX" || (part.starts_with('.') && part != ".."))
}

fn entry_error(e: &ZipError) -> InputError {
    match e {
        ZipError::UnsupportedArchive(what) if *what == ZipError::PASSWORD_REQUIRED => {
            InputError::plain("the zip entry is password-protected (encrypted); unpack it with its password and drop the file itself")
        }
        ZipError::CompressionMethodNotSupported(code) => InputError::plain(format!(
            "the zip entry uses a compression method this tool cannot read ({}, method {code}); re-create the zip with the standard Deflate method",
            CompressionMethod::name_from_u16(*code)
        )),
        ZipError::UnsupportedArchive(what) => {
            InputError::plain(format!("the zip entry cannot be read: {what}; re-create the zip with a standard tool"))
        }
        ZipError::Io(io) => damaged_entry(io),
        other => InputError::plain(format!("the zip entry is damaged and cannot be read ({other}); download or zip it again")),
    }
}

fn damaged_entry(e: &std::io::Error) -> InputError {
    InputError::plain(format!(
        "the zip entry is damaged and cannot be read ({e}); download or zip it again"
    ))
}

fn too_large(limit: usize) -> InputError {
    InputError::plain(format!(
        "the zip entry is too large: over {} uncompressed (the limit for one file)",
        size(limit)
    ))
}

fn over_budget(limit: usize) -> InputError {
    InputError::plain(format!(
        "the zip archive is too large: it expands to over {} (the limit for one archive); zip only the JSON exports",
        size(limit)
    ))
}

fn no_json(name: &str, skipped: &[String]) -> InputError {
    let what = match skipped.len() {
        0 => String::new(),
        n => {
            let start = name.len() + 1;
            let shown: Vec<&str> = skipped
                .iter()
                .take(3)
                .map(|s| s.get(start..).unwrap_or(s))
                .collect();
            let more = if n > 3 { ", …" } else { "" };
            format!(" (it holds {n} other file(s): {}{more})", shown.join(", "))
        }
    };
    InputError::plain(format!("the zip archive holds no .json file{what}"))
}

fn size(bytes: usize) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}

#[cfg(test)]
mod folder_tests {
    use super::folder_skip;

    #[test]
    fn folders_read_json_and_zip_and_skip_hidden_entries() {
        assert_eq!(folder_skip("export/a.JSON", false), None);
        assert_eq!(folder_skip("b.zip", false), None);
        assert_eq!(folder_skip("notes.txt", false), Some("not JSON or zip"));
        assert_eq!(folder_skip("Makefile", false), Some("not JSON or zip"));
        assert_eq!(
            folder_skip("x/._a.json", false),
            Some("hidden, or macOS metadata")
        );
        assert_eq!(folder_skip(".git", true), Some("hidden, or macOS metadata"));
        assert_eq!(
            folder_skip("__MACOSX", true),
            Some("hidden, or macOS metadata")
        );
        assert_eq!(folder_skip("exports", true), None);
    }

    #[test]
    fn a_path_in_a_chosen_folder_is_left_out_for_its_first_reason() {
        use super::folder_path_skip;
        assert_eq!(folder_path_skip("tenant/more/a.json"), None);
        assert_eq!(
            folder_path_skip("tenant/.git/config.json"),
            Some("hidden, or macOS metadata")
        );
        assert_eq!(
            folder_path_skip("__MACOSX/tenant/x.txt"),
            Some("hidden, or macOS metadata")
        );
        assert_eq!(
            folder_path_skip("tenant/notes.txt"),
            Some("not JSON or zip")
        );
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;
    use zip::ZipWriter;

    use super::*;

    const STORED: CompressionMethod = CompressionMethod::Stored;
    const DEFLATED: CompressionMethod = CompressionMethod::Deflated;

    /// Builds a zip in memory; a name ending in `/` becomes a folder.
    fn zip_of(entries: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in entries {
            if name.ends_with('/') {
                w.add_directory(*name, options).unwrap();
            } else {
                w.start_file(*name, options).unwrap();
                w.write_all(bytes).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    fn file(name: &str, bytes: Vec<u8>) -> InputFile {
        InputFile::new(name, bytes)
    }

    fn names(x: &Expanded) -> Vec<&str> {
        x.files.iter().map(|f| f.name.as_str()).collect()
    }

    fn failed(x: &Expanded) -> Vec<(&str, &str)> {
        x.failed
            .iter()
            .map(|(n, e)| (n.as_str(), e.message.as_str()))
            .collect()
    }

    /// Sets, in every local and central header, the flag bits given and the
    /// compression method (the writer cannot produce these on its own).
    fn patch_headers(zip: &mut [u8], flags: u16, method: Option<u16>) {
        let mut i = 0;
        while i + 12 <= zip.len() {
            let at = match &zip[i..i + 4] {
                b"PK\x03\x04" => Some(i + 6),
                b"PK\x01\x02" => Some(i + 8),
                _ => None,
            };
            if let Some(at) = at {
                let old = u16::from_le_bytes([zip[at], zip[at + 1]]);
                zip[at..at + 2].copy_from_slice(&(old | flags).to_le_bytes());
                if let Some(m) = method {
                    zip[at + 2..at + 4].copy_from_slice(&m.to_le_bytes());
                }
            }
            i += 1;
        }
    }

    #[test]
    fn recognises_zip_signatures() {
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(is_zip(&zip_of(&[], STORED)));
        assert!(!is_zip(b"{\"data\": []}"));
        assert!(!is_zip(b"PK"));
        assert!(!is_zip(b""));
    }

    #[test]
    fn flat_zip_gives_every_json_entry() {
        for method in [STORED, DEFLATED] {
            let zip = zip_of(&[("a.json", b"{\"data\":[]}"), ("B.JSON", b"[1]")], method);
            let x = expand(&file("export.zip", zip)).unwrap();
            assert_eq!(names(&x), ["export.zip/a.json", "export.zip/B.JSON"]);
            assert_eq!(x.files[0].bytes, b"{\"data\":[]}");
            assert_eq!(x.files[1].bytes, b"[1]");
            assert!(x.failed.is_empty() && x.skipped.is_empty());
        }
    }

    #[test]
    fn folders_at_any_depth_keep_their_path_and_are_not_files() {
        let zip = zip_of(
            &[
                ("exports/", b""),
                ("exports/2026/", b""),
                ("exports/2026/11/policies.json", b"{}"),
                ("top.json", b"{}"),
            ],
            DEFLATED,
        );
        let x = expand(&file("a.zip", zip)).unwrap();
        assert_eq!(
            names(&x),
            ["a.zip/exports/2026/11/policies.json", "a.zip/top.json"]
        );
        assert!(x.skipped.is_empty());
    }

    #[test]
    fn windows_separators_and_dot_parts_are_tidied() {
        assert_eq!(clean_path("exports\\sub\\x.json"), "exports/sub/x.json");
        assert_eq!(clean_path("./a//b.json"), "a/b.json");
        assert_eq!(clean_path("/"), "");
        let zip = zip_of(&[("dir\\x.json", b"{}")], STORED);
        assert_eq!(
            names(&expand(&file("w.zip", zip)).unwrap()),
            ["w.zip/dir/x.json"]
        );
    }

    #[test]
    fn nested_zip_is_expanded_one_level() {
        let inner = zip_of(
            &[("x.json", b"{\"inner\":1}"), ("notes.txt", b"hi")],
            DEFLATED,
        );
        let outer = zip_of(
            &[("outer.json", b"{}"), ("sub/inner.ZIP", &inner)],
            DEFLATED,
        );
        let x = expand(&file("outer.zip", outer)).unwrap();
        assert_eq!(
            names(&x),
            ["outer.zip/outer.json", "outer.zip/sub/inner.ZIP/x.json"]
        );
        assert_eq!(x.files[1].bytes, b"{\"inner\":1}");
        assert_eq!(x.skipped, ["outer.zip/sub/inner.ZIP/notes.txt"]);
    }

    #[test]
    fn zip_nested_twice_is_reported_not_opened() {
        let deepest = zip_of(&[("deep.json", b"{}")], STORED);
        let middle = zip_of(&[("m.json", b"{}"), ("deepest.zip", &deepest)], STORED);
        let outer = zip_of(&[("middle.zip", &middle)], STORED);
        let x = expand(&file("o.zip", outer)).unwrap();
        assert_eq!(names(&x), ["o.zip/middle.zip/m.json"]);
        let f = failed(&x);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "o.zip/middle.zip/deepest.zip");
        assert!(f[0].1.contains("one level"), "{}", f[0].1);
    }

    #[test]
    fn a_broken_nested_zip_fails_alone() {
        let outer = zip_of(
            &[
                ("good.json", b"{}"),
                ("bad.zip", b"PK\x03\x04 not really a zip"),
            ],
            STORED,
        );
        let x = expand(&file("o.zip", outer)).unwrap();
        assert_eq!(names(&x), ["o.zip/good.json"]);
        let f = failed(&x);
        assert_eq!(f[0].0, "o.zip/bad.zip");
        assert!(f[0].1.contains("damaged or incomplete"), "{}", f[0].1);
    }

    #[test]
    fn macos_clutter_and_dot_files_are_ignored_silently() {
        let zip = zip_of(
            &[
                ("__MACOSX/", b""),
                ("__MACOSX/._a.json", b"\x00\x05\x16\x07"),
                ("sub/__MACOSX/b.json", b"{}"),
                (".DS_Store", b"\x00"),
                ("._a.json", b"\x00"),
                (".git/config.json", b"{}"),
                ("a.json", b"{}"),
            ],
            STORED,
        );
        let x = expand(&file("mac.zip", zip)).unwrap();
        assert_eq!(names(&x), ["mac.zip/a.json"]);
        assert!(x.skipped.is_empty() && x.failed.is_empty());
    }

    #[test]
    fn other_files_are_listed_as_skipped() {
        let zip = zip_of(
            &[
                ("readme.txt", b"hi"),
                ("a.json", b"{}"),
                ("data/export.csv", b"a,b"),
                ("json", b"{}"),
            ],
            DEFLATED,
        );
        let x = expand(&file("z.zip", zip)).unwrap();
        assert_eq!(names(&x), ["z.zip/a.json"]);
        assert_eq!(
            x.skipped,
            ["z.zip/readme.txt", "z.zip/data/export.csv", "z.zip/json"]
        );
    }

    #[test]
    fn an_archive_without_json_is_an_error_naming_what_it_holds() {
        let empty = expand(&file("e.zip", zip_of(&[], STORED))).unwrap_err();
        assert_eq!(empty.message, "the zip archive holds no .json file");
        let only_dirs = expand(&file(
            "d.zip",
            zip_of(&[("a/", b""), ("__MACOSX/x.json", b"{}")], STORED),
        ))
        .unwrap_err();
        assert_eq!(only_dirs.message, "the zip archive holds no .json file");
        let docs = zip_of(
            &[
                ("a.txt", b""),
                ("b.csv", b""),
                ("c/d.pdf", b""),
                ("e.md", b""),
            ],
            STORED,
        );
        let e = expand(&file("docs.zip", docs)).unwrap_err();
        assert_eq!(e.message, "the zip archive holds no .json file (it holds 4 other file(s): a.txt, b.csv, c/d.pdf, …)");
    }

    #[test]
    fn a_corrupt_archive_fails_as_a_whole() {
        for bytes in [
            b"PK\x03\x04 garbage that is no zip at all".to_vec(),
            b"PK\x05\x06".to_vec(),
            vec![0xAB; 300],
        ] {
            let e = expand(&file("c.zip", bytes)).unwrap_err();
            assert!(
                e.message
                    .starts_with("the zip archive is damaged or incomplete"),
                "{}",
                e.message
            );
        }
        // A good archive whose central directory is overwritten.
        let mut zip = zip_of(&[("a.json", b"{}")], STORED);
        let cd = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        zip[cd..cd + 20].fill(0xEE);
        assert!(expand(&file("c.zip", zip))
            .unwrap_err()
            .message
            .contains("damaged or incomplete"));
    }

    #[test]
    fn a_truncated_archive_fails_as_a_whole() {
        let zip = zip_of(
            &[("a.json", b"{\"data\":[1,2,3]}"), ("b.json", &[b' '; 500])],
            DEFLATED,
        );
        for len in [zip.len() - 1, zip.len() - 22, zip.len() / 2, 4, 0] {
            let e = expand(&file("t.zip", zip[..len].to_vec())).unwrap_err();
            assert!(
                e.message.contains("damaged or incomplete"),
                "{len}: {}",
                e.message
            );
        }
    }

    #[test]
    fn damaged_entry_data_fails_that_entry_only() {
        let body = vec![b'7'; 4000];
        let mut zip = zip_of(&[("bad.json", &body), ("good.json", b"{}")], DEFLATED);
        // Flip bytes inside the first entry's compressed data (past its
        // 30-byte header and 8-byte name).
        for b in &mut zip[40..44] {
            *b ^= 0x55;
        }
        let x = expand(&file("d.zip", zip)).unwrap();
        assert_eq!(names(&x), ["d.zip/good.json"]);
        let f = failed(&x);
        assert_eq!(f[0].0, "d.zip/bad.json");
        assert!(f[0].1.contains("damaged"), "{}", f[0].1);
    }

    #[test]
    fn stored_entry_with_wrong_checksum_fails_that_entry() {
        let mut zip = zip_of(&[("a.json", b"{\"x\":1}"), ("b.json", b"{}")], STORED);
        let at = zip.windows(7).position(|w| w == b"{\"x\":1}").unwrap();
        zip[at + 5] = b'2';
        let x = expand(&file("s.zip", zip)).unwrap();
        assert_eq!(names(&x), ["s.zip/b.json"]);
        assert!(failed(&x)[0].1.contains("damaged"), "{:?}", failed(&x));
    }

    #[test]
    fn encrypted_entries_fail_alone() {
        let mut zip = zip_of(&[("secret.json", b"{}")], STORED);
        patch_headers(&mut zip, 0x0001, None);
        let zip = zip_of(&[("secret.zip", &zip), ("open.json", b"{}")], STORED);
        // The patched archive is nested, so the outer one stays readable.
        let x = expand(&file("e.zip", zip)).unwrap();
        assert_eq!(names(&x), ["e.zip/open.json"]);
        let f = failed(&x);
        assert_eq!(f[0].0, "e.zip/secret.zip/secret.json");
        assert!(f[0].1.contains("password-protected"), "{}", f[0].1);
    }

    #[test]
    fn unsupported_compression_fails_that_entry() {
        let mut inner = zip_of(&[("bz.json", b"{}")], STORED);
        patch_headers(&mut inner, 0, Some(12));
        let zip = zip_of(&[("inner.zip", &inner), ("ok.json", b"{}")], STORED);
        let x = expand(&file("m.zip", zip)).unwrap();
        assert_eq!(names(&x), ["m.zip/ok.json"]);
        let f = failed(&x);
        assert_eq!(f[0].0, "m.zip/inner.zip/bz.json");
        assert!(
            f[0].1.contains("compression method") && f[0].1.contains("Bzip2"),
            "{}",
            f[0].1
        );
    }

    #[test]
    fn an_entry_over_the_file_limit_fails_alone() {
        let limits = Limits {
            file_bytes: 100,
            ..Limits::DEFAULT
        };
        let zip = zip_of(
            &[("big.json", &[b' '; 101]), ("fits.json", &[b' '; 100])],
            DEFLATED,
        );
        let x = expand_with(&file("l.zip", zip), limits).unwrap();
        assert_eq!(names(&x), ["l.zip/fits.json"]);
        let f = failed(&x);
        assert_eq!(f[0].0, "l.zip/big.json");
        assert!(f[0].1.contains("too large"), "{}", f[0].1);
        assert_eq!(
            too_large(MAX_FILE_BYTES).message,
            "the zip entry is too large: over 256 MiB uncompressed (the limit for one file)"
        );
    }

    #[test]
    fn an_entry_that_understates_its_size_is_still_held_to_the_limit() {
        let limits = Limits {
            file_bytes: 100,
            ..Limits::DEFAULT
        };
        let mut zip = zip_of(&[("liar.json", &[b'x'; 5000])], DEFLATED);
        // Declare 10 bytes (uncompressed size) in the local and central headers.
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let h = zip.windows(4).position(|w| w == sig).unwrap();
            zip[h + at..h + at + 4].copy_from_slice(&10u32.to_le_bytes());
        }
        let x = expand_with(&file("l.zip", zip), limits).unwrap();
        assert!(x.files.is_empty());
        let f = failed(&x);
        assert!(
            f[0].1.contains("too large") || f[0].1.contains("damaged"),
            "{}",
            f[0].1
        );
    }

    #[test]
    fn the_total_cap_stops_a_zip_bomb() {
        let limits = Limits {
            file_bytes: 1000,
            total_bytes: 2500,
            entries: 100,
        };
        let chunk = [b' '; 1000];
        let three = zip_of(
            &[("1.json", &chunk), ("2.json", &chunk), ("3.json", &chunk)],
            DEFLATED,
        );
        let e = expand_with(&file("bomb.zip", three.clone()), limits).unwrap_err();
        assert!(
            e.message.contains("too large") && e.message.contains("archive"),
            "{}",
            e.message
        );
        // The same bytes spread over nested archives count all together.
        let a = zip_of(&[("1.json", &chunk)], DEFLATED);
        let b = zip_of(&[("2.json", &chunk), ("3.json", &chunk)], DEFLATED);
        let nested = zip_of(&[("a.zip", &a), ("b.zip", &b)], DEFLATED);
        let e = expand_with(&file("bomb.zip", nested), limits).unwrap_err();
        assert!(e.message.contains("too large"), "{}", e.message);
        // Within the cap, all is well.
        let two = zip_of(&[("1.json", &chunk), ("2.json", &chunk)], DEFLATED);
        assert_eq!(
            expand_with(&file("ok.zip", two), limits)
                .unwrap()
                .files
                .len(),
            2
        );
        assert!(over_budget(MAX_ARCHIVE_TOTAL_BYTES)
            .message
            .contains("256 MiB"));
    }

    #[test]
    fn too_many_entries_fail_the_archive() {
        let names: Vec<String> = (0..=MAX_ARCHIVE_ENTRIES)
            .map(|i| format!("f{i}.json"))
            .collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"{}"[..])).collect();
        let e = expand(&file("many.zip", zip_of(&entries, STORED))).unwrap_err();
        assert!(e.message.contains("2001 entries"), "{}", e.message);
        let ok = expand(&file(
            "enough.zip",
            zip_of(&entries[..MAX_ARCHIVE_ENTRIES], STORED),
        ))
        .unwrap();
        assert_eq!(ok.files.len(), MAX_ARCHIVE_ENTRIES);
    }

    /// Every single-byte corruption and every truncation of a small archive
    /// (with a nested one inside) must give an answer, never a panic.
    #[test]
    fn no_damage_makes_it_panic() {
        let inner = zip_of(&[("i.json", b"{\"a\":[1,2,3]}"), ("d/", b"")], DEFLATED);
        let zip = zip_of(
            &[
                ("x.json", b"{\"data\":[]}"),
                ("in.zip", &inner),
                ("t.txt", b"t"),
            ],
            DEFLATED,
        );
        for len in 0..zip.len() {
            let _ = expand(&file("t.zip", zip[..len].to_vec()));
        }
        for i in 0..zip.len() {
            for v in [0x00, 0xFF, zip[i] ^ 0x01, zip[i] ^ 0x80] {
                let mut bad = zip.clone();
                bad[i] = v;
                let _ = expand(&file("m.zip", bad));
            }
        }
    }
}
