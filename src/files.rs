//! Reading browser `File`s into the engine's named byte buffers.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use engine::input::MAX_FILE_BYTES;
use engine::InputFile;

/// The files of a `FileList` (from an `<input type=file>` or a drop).
pub fn list_files(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Reads each file's bytes. A file the browser cannot read becomes an
/// input with no bytes, which the engine reports as empty, so it is still
/// named in the results.
pub async fn read_files(files: Vec<File>) -> Vec<InputFile> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let bytes = read_file(&f, &|_| {}).await;
        out.push(InputFile::new(f.name(), bytes));
    }
    out
}

/// How much of a file is read at a time (one progress step).
const SLICE: f64 = 4.0 * 1024.0 * 1024.0;

/// Reads one file in slices, telling `done` the bytes read after each.
/// Past the engine's limit one byte more than it accepts is read: the
/// engine then reports the file as too large without anyone holding it
/// all. A file that cannot be read comes back empty.
pub async fn read_file(f: &File, done: &dyn Fn(f64)) -> Vec<u8> {
    let end = f.size().min(MAX_FILE_BYTES as f64 + 1.0);
    let mut bytes = Vec::with_capacity(end as usize);
    let mut at = 0.0;
    done(0.0);
    while at < end {
        let next = (at + SLICE).min(end);
        let Ok(blob) = f.slice_with_f64_and_f64(at, next) else {
            return Vec::new();
        };
        let Ok(buf) = JsFuture::from(blob.array_buffer()).await else {
            return Vec::new();
        };
        let chunk = Uint8Array::new(&buf);
        let from = bytes.len();
        bytes.resize(from + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[from..]);
        at = next;
        done(at);
    }
    bytes
}
