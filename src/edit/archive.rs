//! One archive of the changed files, for a maintainer who would rather download one thing.
//!
//! Written with the `zip` crate without its compression features: the files are stored as
//! they are (a few hundred KB of JSON at most), which keeps the editor's wasm small and the
//! archive readable by every unzip tool.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A zip archive holding `files` (name, text) under `folder/`.
pub fn zip(folder: &str, files: &[(String, String)]) -> Result<Vec<u8>, String> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .unix_permissions(0o644);
    for (name, text) in files {
        let path = if folder.is_empty() {
            name.clone()
        } else {
            format!("{folder}/{name}")
        };
        writer
            .start_file(path, options)
            .map_err(|e| e.to_string())?;
        writer
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    writer
        .finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}
