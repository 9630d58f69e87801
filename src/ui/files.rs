//! Reading browser `File`s into the engine's named byte buffers.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use crate::engine::InputFile;

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
        let bytes = match JsFuture::from(f.array_buffer()).await {
            Ok(buf) => Uint8Array::new(&buf).to_vec(),
            Err(_) => Vec::new(),
        };
        out.push(InputFile::new(f.name(), bytes));
    }
    out
}
