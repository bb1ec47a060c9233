//! Shared by the native integration tests: the bundled dataset, loaded from disk.

#![allow(dead_code)]

use std::path::PathBuf;

use alliance_map::model::{load_with, Loaded};

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub fn bundled() -> Loaded {
    let dir = data_dir();
    match load_with("manifest.json", |name| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string())
    }) {
        Ok(l) => l,
        Err(problems) => panic!("the bundled manifest is invalid: {problems:#?}"),
    }
}

/// The release build the end-to-end tests run against (`cargo xtask test` builds it and sets
/// ALLIANCE_MAP_DIST).
pub fn dist() -> PathBuf {
    let dir = PathBuf::from(std::env::var("ALLIANCE_MAP_DIST").unwrap_or_else(|_| "dist".into()));
    assert!(
        dir.join("index.html").exists(),
        "no release build in {}: run `cargo xtask test`",
        dir.display()
    );
    dir
}

/// The dataset as shipped in the release build.
pub fn dist_dataset() -> alliance_map::model::Dataset {
    let data = dist().join("data");
    load_with("manifest.json", |n| {
        std::fs::read_to_string(data.join(n)).map_err(|e| e.to_string())
    })
    .expect("the data in dist/ loads")
    .dataset
}

/// Splits RFC 4180 text into records of fields (quoted fields may hold commas and newlines).
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    records
}
