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
        // Past the engine's limit, read one byte more than it accepts: the
        // engine then reports the file as too large without us holding it all.
        let limit = MAX_FILE_BYTES as f64;
        let blob: web_sys::Blob = if f.size() > limit {
            match f.slice_with_f64_and_f64(0.0, limit + 1.0) {
                Ok(b) => b,
                Err(_) => f.clone().into(),
            }
        } else {
            f.clone().into()
        };
        let bytes = match JsFuture::from(blob.array_buffer()).await {
            Ok(buf) => Uint8Array::new(&buf).to_vec(),
            Err(_) => Vec::new(),
        };
        out.push(InputFile::new(f.name(), bytes));
    }
    out
}
